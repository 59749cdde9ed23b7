import type { ContainerPort, KubeObject, PodSpec, PodStatus } from './kube-api';
import type { Labels } from './istio-api';

/** A pod as the control plane sees it: where it is, who it is, and whether Envoy runs next to it. */
export interface Workload {
  readonly name: string;
  readonly namespace: string;
  readonly address: string | undefined;
  readonly labels: Labels;
  /** Ready pods are endpoints; the others are left out of EDS (Istio's default). */
  readonly ready: boolean;
  /** An injected `istio-proxy` sidecar. */
  readonly hasSidecar: boolean;
  /** An Istio gateway pod (the proxy is the workload itself). */
  readonly isGateway: boolean;
  /** `istio` when the pod can terminate Istio mTLS (the injector's `security.istio.io/tlsMode` label). */
  readonly tlsMode: 'istio' | 'disabled';
  readonly serviceAccount: string;
  /** The owning Deployment's name, as in Istio's `workload` endpoint metadata. */
  readonly workloadName: string;
  readonly containerPorts: readonly ContainerPort[];
}

export const ISTIO_PROXY_CONTAINER = 'istio-proxy';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const TLS_MODE_LABEL = 'security.istio.io/tlsMode';

/** Istio gateways are recognised by the labels their Deployments carry. */
export function isGatewayPod(labels: Labels): boolean {
  const istio = labels['istio'];
  return istio === 'ingressgateway' || istio === 'egressgateway' || labels[GATEWAY_NAME_LABEL] !== undefined;
}

function isReady(obj: KubeObject, status: PodStatus): boolean {
  if (obj.metadata.deletionTimestamp !== undefined || status.podIP === undefined || status.podIP === '') return false;
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready !== undefined) return ready.status === 'True';
  return status.phase === 'Running';
}

/** `reviews-v1-7f99cc4496-abcde` → `reviews-v1` (ReplicaSet hash and pod suffix dropped). */
export function workloadNameOf(obj: KubeObject): string {
  const owner = obj.metadata.ownerReferences?.[0];
  if (owner?.kind === 'ReplicaSet') return owner.name.replace(/-[a-z0-9]{6,10}$/, '');
  if (owner !== undefined) return owner.name;
  const m = /^(.*)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(obj.metadata.name);
  return m?.[1] ?? obj.metadata.name;
}

export function workloadFromPod(obj: KubeObject): Workload {
  const spec = (obj.spec ?? {}) as PodSpec;
  const status = (obj.status ?? {}) as PodStatus;
  const labels = obj.metadata.labels ?? {};
  const annotations = obj.metadata.annotations ?? {};
  const containers = spec.containers ?? [];
  const isGateway = isGatewayPod(labels);
  const injected =
    containers.some((c) => c.name === ISTIO_PROXY_CONTAINER) || annotations['sidecar.istio.io/status'] !== undefined;
  const hasSidecar = injected && !isGateway;
  const labelledMode = labels[TLS_MODE_LABEL];
  return {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? 'default',
    address: status.podIP === '' ? undefined : status.podIP,
    labels,
    ready: isReady(obj, status),
    hasSidecar,
    isGateway,
    tlsMode: labelledMode === 'istio' || (labelledMode === undefined && hasSidecar) ? 'istio' : 'disabled',
    serviceAccount: spec.serviceAccountName ?? spec.serviceAccount ?? 'default',
    workloadName: workloadNameOf(obj),
    containerPorts: containers.flatMap((c) => (c.name === ISTIO_PROXY_CONTAINER ? [] : (c.ports ?? []))),
  };
}

/** The SPIFFE identity Istio's CA puts in the workload certificate. */
export function spiffeIdentity(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}
