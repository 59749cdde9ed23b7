/**
 * meshdojo's istiod: an immutable mesh snapshot built from kube objects (model/), pure translation to
 * Envoy xDS per proxy (translate/), the push server with debounce, versions, ACK/NACK and analyzers
 * (server/), and the certificate authority that signs each proxy's workload certificate, renews it at
 * half-life and hands it to the push server as SDS secrets (ca/). Imports kube shapes, xds, sim.
 */
export type { KubeObject, ObjectMeta } from './model/kube-api';
export type * from './model/istio-api';
export type * from './model/gateway-api';
export type { Config, ConfigMeta } from './model/config';
export { DEFAULT_MESH_CONFIG, type MeshConfig } from './model/mesh-config';
export type { ServiceModel, ServiceEndpoint, ServicePort, Protocol } from './model/services';
export type { Workload } from './model/workloads';
export { isGatewayPod, spiffeIdentity } from './model/workloads';
export {
  buildMeshSnapshot,
  type MeshSnapshot,
  type ProxyInfo,
  type VirtualServiceConfig,
  type DestinationRuleConfig,
  type GatewayConfig,
} from './model/snapshot';
export {
  mergePushRequests,
  pushRequestForObject,
  type PushRequest,
  type ConfigKey,
  type TriggerReason,
} from './model/push-request';

export { generateProxyXds, type ProxyXds } from './translate/generator';
export {
  translateRoute,
  translateRedirect,
  buildHTTPRoutesForVirtualService,
  getDestinationCluster,
} from './translate/route';
export { translateRouteMatch, translateHeaderMatch } from './translate/route-match';
export {
  translateHttpRoutesForHost,
  type HttpRoutesForHostInput,
  type RouteServicePorts,
} from './translate/http-routes-for-host';
export { translateFault } from './translate/fault';
export { convertRetryPolicy } from './translate/retry';
export { convertPolicies, convertRule } from './translate/authz';
export { effectiveMtlsMode, namespaceMtlsMode, type EffectiveMtlsMode } from './translate/peer-authentication';
export {
  mergeTrafficPolicy,
  applyConnectionPool,
  applyOutlierDetection,
  applyLoadBalancer,
} from './translate/traffic-policy';
export { applyUpstreamTls } from './translate/clusters';
export { buildSubsetKey, parseSubsetKey, inboundClusterName } from './translate/names';

export { DiscoveryServer, type DiscoveryServerOptions, type PushRecord } from './server/discovery-server';
export type { JwksFetch } from './server/jwks-resolver';
export type { ConfigSource, ConfigEvent, XdsConnection, XdsPush, XdsPushResult } from './server/connection';
export {
  debounce,
  PILOT_DEBOUNCE_AFTER_MS,
  PILOT_DEBOUNCE_MAX_MS,
  type DebounceOptions,
  type Debouncer,
} from './server/debounce';
export {
  xdsStatus,
  type ConfigStatus,
  type ProxySyncStatus,
  type TypeSyncState,
  type XdsType,
} from './server/sync-status';
export { pushVersion } from './server/version';
export {
  analyze,
  analyzedNamespace,
  formatAnalyzerMessage,
  sortAnalyzerMessages,
  type AnalyzerMessage,
} from './server/analyze';
export { analyzeInjection } from './server/analyze-injection';

export {
  CertificateAuthority,
  WORKLOAD_CERT_TTL_MS,
  type IssuedCertificate,
  type CertificateAuthorityOptions,
} from './ca/certificate-authority';
export { buildSdsSecrets } from './ca/secrets';
export { describeCertificate } from './ca/inspect';
export { startGatewayController, type GatewayController } from './gateway/controller';
export { ISTIO_VALIDATION_WEBHOOK, istioValidationWebhook, validateIstioObject } from './validation/webhook';
