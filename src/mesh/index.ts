/**
 * The miniature mesh's public face. `createCluster` composes the layers (sim, net, kube, workloads, istiod,
 * envoy); everything the CLI and the labs use is exported from here, so they never reach into a layer.
 */
export { createCluster } from './cluster/create-cluster';
// The API server's schemas, for a cluster created with `schemas: 'later'`.
export { loadSchemaModels as loadKubeSchemas } from './kube/schema/validators';
export type {
  AnalysisMessage,
  Cluster,
  ClusterInfo,
  CreateClusterOptions,
  IstioControl,
  Preset,
  ProxyAdminView,
  ProxyExtensionsRefusal,
  ProxyStatusRow,
  UiEvent,
} from './cluster/types';
export type { KubeClient } from './cluster/kube-client';

// What a lab may plug into the running proxies (Cluster.setProxyExtensions)
export type { ProxyExtensions } from './envoy/extensions';
export type { RequestBreaker, RequestBreakerFactory } from './envoy/upstream/request-breaker';

// Time
export type { Clock } from './sim/clock';
// The sandbox's terminal cluster boots on virtual time, then runs on the wall clock.
export { BootClock } from './sim/boot-clock';

// Network and HTTP (curl runs over these on the laptop or in a pod)
export type { NetHost } from './net/types';
export { HttpClient, HttpClientError, parseUrl, type ClientResponse, type ParsedUrl } from './apps/http-client';
export { statusLine } from './apps/http-text';
export type { ExecOptions, ExecResult } from './apps/types';

// Kubernetes API vocabulary for kubectl
export type { VerbResult, DryRun } from './kube/apply';
export type { PatchType } from './kube/verbs';
export type { MetadataChanges } from './kube/metadata-verbs';
export type { LogEntry } from './kube/logs';
export { KubeError, clientError, formatKubectlErrors, notFoundError, unknownResourceTypeError } from './kube/errors';
export { kindRef, resourceRef, TYPES, type ResourceType } from './kube/resources';
export { parseRfc3339, rfc3339 } from './kube/time';
export { MESH_EPOCH_MS } from './sim/epoch';
export type {
  Deployment,
  KubeEvent,
  KubeObject,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
  Endpoints,
} from './kube/types';

// Programs the CLI runs on the laptop with the workloads' own implementations
export { runFortioCommand, FORTIO_DEFAULT_TIMING, SAMPLE_FILES, isKnownImage } from './apps/index';
