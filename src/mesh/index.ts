/**
 * The miniature mesh's public face. `createCluster` composes the layers (sim, net, kube, workloads, istiod,
 * envoy); everything the CLI and the labs use is exported from here, so they never reach into a layer.
 */
// The simulated cluster: createCluster and the SimCluster facade with the types it speaks.
export * from './cluster';
// The API server's schemas, for a cluster created with `schemas: 'later'`.
export { loadSchemaModels as loadKubeSchemas } from './kube';

// istiod's translation of a VirtualService's http rules into Envoy routes, for a lab that grades a learner's own
export {
  translateHttpRoutesForHost,
  type HttpRoutesForHostInput,
  type RouteServicePorts,
  type HTTPRoute,
} from './istiod';
export type { Route as EnvoyRoute } from './xds';

// What a lab may plug into the running proxies (SimCluster.setProxyExtensions)
export type { ProxyExtensions, RequestBreaker, RequestBreakerFactory } from './envoy';
export type { ActiveStream, FilterResult, HttpFilter, HttpFilterFactory, HttpFilterFactoryContext } from './envoy';
export { localReply } from './envoy';

// The request inspector: each request's path through the proxies and every decision on it, in words
export {
  RequestLog,
  describeDecision,
  explainRequest,
  requestCause,
  requestVerdict,
  outcomeOf,
  endpointsOf,
  INSPECT_WORDS,
} from './envoy';
export type {
  AttemptEnd,
  BreakerResource,
  Decision,
  HopKind,
  HopRecord,
  InspectLocale,
  InspectWords,
  ObjectName,
  RequestRecord,
} from './envoy';

// Time
export type { Clock } from './sim';
// The sandbox's terminal cluster boots on virtual time, then runs on the wall clock.
export { BootClock, RunawayError, VirtualClock } from './sim';

// Network and HTTP (curl runs over these on the laptop or in a pod)
export type { Certificate, NetHost, TlsSession } from './net';
export { certificatesFromPem, commonName, formatDistinguishedName, matchedName } from './net';
export {
  HttpClient,
  HttpClientError,
  parseUrl,
  type ClientResponse,
  type HttpClientErrorKind,
  type ParsedUrl,
} from './apps';
export { statusLine, SYSTEM_CA_BUNDLE, type TlsClientOptions } from './apps';
export type { ExecOptions, ExecResult } from './apps';

// Kubernetes API vocabulary for kubectl
export type { VerbResult, DryRun } from './kube';
export type { PatchType } from './kube';
export type { MetadataChanges } from './kube';
export type { LogEntry } from './kube';
export { KubeError, clientError, formatKubectlErrors, notFoundError, unknownResourceTypeError } from './kube';
export { apiVersionOf, groupKindOf, kindRef, resourceRef, TYPES, type ResourceType } from './kube';
export { parseRfc3339, rfc3339 } from './kube';
// The Gateway API's CRDs as its releases publish them (kubectl kustomize, standard-install.yaml)
export { crdManifests, GATEWAY_API_LATEST_VERSION, type GatewayApiRelease } from './kube';
/** The changes `kubectl edit` sends: the JSON merge patch from the object as opened to the object as saved. */
export { createMergePatch } from './kube';
export { base64OfText, civilTime, ISTIO_VERSION, MESH_EPOCH_MS, unixMsOf } from './sim';
export type { Deployment, KubeEvent, KubeObject, Namespace, Node, Pod, ReplicaSet, Service, Endpoints } from './kube';
export type { WatchEvent } from './kube';

// Programs the CLI runs on the laptop with the workloads' own implementations
export { runFortioCommand, ncListens, runNc, FORTIO_DEFAULT_TIMING, SAMPLE_FILES, isKnownImage } from './apps';
