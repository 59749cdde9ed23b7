/**
 * src/mesh/kube — the simulated cluster's Kubernetes API server and controllers.
 *
 * The composition root creates one per cluster:
 *
 *   const kube = createKube({ clock, random, isKnownImage, loadBalancerProvider });
 *   kube.installIstioCrds();              // when Istio is installed: networking/security/telemetry.istio.io
 *   kube.enableSidecarInjection();        // when istiod's injection webhook is up
 *   kube.registerValidatingWebhook(hook); // istiod's validation.istio.io: may deny a create or update
 *   kube.installGatewayApiCrds();         // a cluster that starts with the Gateway API CRDs (learners apply
 *                                         // them: a kind is served while its CRD object exists)
 *
 * It starts with an NKS-like cluster: namespaces default / kube-system / kube-public / kube-node-lease,
 * a pool of 3 Ready nodes (`nks-pool-<n>-w-<abc>`), the `kubernetes` Service, and CoreDNS + metrics-server
 * in kube-system, whose pods are Running after ~5 s of virtual time. Nothing happens unless the clock runs.
 *
 * Kube is the one facade over the API server: for the composition root (istiod's config source, the pods'
 * workloads, service routing), for this package's tests, and for the CLI, which sees it through the
 * cluster's narrower KubeClient type. Kinds are given as kubectl spells them
 * ('Pod', 'pods', 'po', 'VirtualService', 'vs', 'deployment.apps') or as a resolved ResourceType.
 *
 * kubectl, as the CLI drives it (the CLI parses YAML and formats tables; this package decides outcomes and
 * kubectl's exact wording):
 *   applyAll(docs, { namespace, source? })      one VerbResult per document, in order; an invalid document
 *                                               is refused (message names object and field) and the rest
 *                                               are still applied; `created` / `configured` / `unchanged`
 *   createAll / replaceAll / deleteAll(docs)    `kubectl create|replace|delete -f`
 *   delete(kind, names) / patch / label / annotate / scale / rolloutRestart / rolloutStatus(name, ns)
 *                                               a kind the server does not serve is refused as kubectl does
 *   resolveResource('vs') → ResourceType       short names, plurals, `resource.group`; served kinds only
 *   servedTypes()                               `kubectl api-resources`
 *   formatKubectlErrors(errors)                 one error → kubectl's standalone line; several → one line each
 *                                               (kubectl prints every success line first, then the errors)
 *   readLogs(ns, pod, { container, tail, previous })   `kubectl logs` incl. its defaulting and refusals
 *   summarizePod(pod) → READY / STATUS / RESTARTS columns; eventsFor(object) → `describe` events
 *
 * Reads and watches, for istiod and the CLI:
 *   get(kind, namespace, name) / list(kind, namespace?, labelSelector?) return deep copies; revision() is
 *   the latest resourceVersion (it changes on every write).
 *   watch(kind | undefined, handler, { replay }) delivers ADDED / MODIFIED / DELETED synchronously, right
 *   after each write, in resourceVersion order to every watcher (writes made by a handler queue behind the
 *   current event). Consumers that react with work should schedule it on the clock (istiod debounces).
 *
 * Objects: apiVersion, kind, metadata (uid, resourceVersion — one global counter bumped on every write —,
 * generation — bumped when anything but metadata/status changes —, creationTimestamp in RFC 3339 from
 * 2026-01-01T00:00:00Z + clock.now(), ownerReferences), spec, status. Istio kinds are accepted in every
 * served version (v1, v1beta1, v1alpha3 for networking) and stored once, in the preferred version (v1).
 *
 * Controllers run on the clock: Deployment → ReplicaSet (`<deploy>-<pod-template-hash>`) → Pods
 * (`<rs>-<5 chars>`, seeded), scheduler (least-loaded node), kubelet (sandbox + pod IP 10.244.<node>.<n>,
 * image pulls through the `isKnownImage` catalog — unknown → ErrImagePull ⇄ ImagePullBackOff, never Ready —,
 * init containers, containers Running and Ready after 1–3 s; graceful termination), Istio sidecar injection
 * at pod creation (namespace `istio-injection=enabled` or `istio.io/rev`; only pods created afterwards),
 * Endpoints from Ready pods (named targetPorts resolved per pod), LoadBalancer addresses from the cloud
 * provider (default: NAVER Cloud hostnames `…kr.lb.naverncp.com` after a few seconds; `<pending>` before),
 * namespace lifecycle and owner garbage collection. Workloads report through setContainerReady /
 * containerExited and write output with kube.logs.append(ns, pod, container, text); kube.logs.read serves
 * `kubectl logs`.
 */
export { createKube, Kube, type CreateKubeOptions, type KindOrType } from './kube';
export type {
  Deployment,
  Endpoints,
  KubeEvent,
  KubeObject,
  Namespace,
  Node,
  ObjectInput,
  ObjectMeta,
  OwnerReference,
  Pod,
  ReplicaSet,
  Service,
  WatchEvent,
  WatchEventType,
  WatchHandler,
} from './types';
export {
  apiVersionOf,
  groupKindOf,
  kindRef,
  resolveResource,
  resourceRef,
  RESOURCE_TYPES,
  TYPES,
  typeForKey,
  type CrdBundle,
  type ResourceType,
} from './resources';
export { formatKubectlErrors, KubeError, type StatusCause, type StatusReason } from './errors';
export { LAST_APPLIED_ANNOTATION, type ApplyOptions, type DryRun, type VerbResult } from './apply';
export type { InputOptions } from './input';
export type { CreateOptions, DeleteOptions, PatchOptions, PatchType } from './verbs';
export { RESTARTED_AT_ANNOTATION, type MetadataChanges, type MetadataEditOptions } from './metadata-verbs';
export {
  controllerOf,
  hasIstioSidecar,
  isPodReady,
  isTerminating,
  selectorMatches,
  summarizePod,
  type LabelSelector,
  type PodSummary,
} from './pods';
export { parseLabelSelector } from './selectors';
export { parseRfc3339, rfc3339 } from './time';
export { ContainerLogs, type LogEntry, type ReadLogOptions } from './logs';
export type { PodLogsRequest, PodLogsResult } from './pod-logs';
export { SIDECAR_STATUS_ANNOTATION, type SidecarInjectorOptions } from './injection';
export type { AdmissionVerdict, ValidatingWebhook, WebhookOperation } from './validating-webhooks';
export type { LoadBalancerIngress, LoadBalancerProvider, LoadBalancerResult } from './controllers/service-lb';
export { NCLOUD_LAYER_TYPE_ANNOTATION, ncloudLoadBalancerProvider, type NcloudLoadBalancerOptions } from './ncloud-lb';
export { resolveTargetPort } from './controllers/target-port';
export { POD_TEMPLATE_HASH_LABEL } from './controllers/deployment';
export type { NodePoolOptions } from './bootstrap';
export { cloneObject, deepFreeze } from './clone';
export { isDeepStrictEqual } from './store';
export { crdManifests, GATEWAY_API_LATEST_VERSION, type GatewayApiRelease } from './crds';
export { createMergePatch } from './merge';
export { loadSchemaModels } from './schema/validators';
export { clientError, notFoundError, unknownResourceTypeError } from './errors';
