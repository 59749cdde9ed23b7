import { isKnownImage, unknownImageNote } from '../apps';
import { createKube, type Kube, type KubeObject, type Pod, type Service } from '../kube';
import type { Clock, Random } from '../sim';
import { ObjectCache } from './object-cache';

export interface KubeLayer {
  readonly kube: Kube;
  /** Every object, kept current by a watch (cheap whole-cluster reads). */
  readonly cache: ObjectCache;
  /**
   * No pod is starting or terminating, every Deployment is rolled out, and every load balancer has its address
   * (unless `loadBalancers: false`).
   */
  converged(options?: { loadBalancers?: boolean }): boolean;
  dispose(): void;
}

/** Images the simulator runs: the workload catalog plus Istio's own (pilot, proxyv2). */
function knownImage(image: string): boolean {
  return isKnownImage(image) || /(^|\/)istio\/(pilot|proxyv2)(:|@|$)/.test(image);
}

/** The API server and its controllers, with the namespaces and nodes an NKS cluster starts with. */
export function createKubeLayer(deps: { clock: Clock; random: Random }): KubeLayer {
  const kube = createKube({
    clock: deps.clock,
    random: deps.random,
    isKnownImage: knownImage,
    unknownImageNote: unknownImageNote(),
  });
  const cache = new ObjectCache(kube);
  return {
    kube,
    cache,
    converged: (options) =>
      podsSettled(cache.list('Pod') as Pod[]) &&
      deploymentsReady(cache.list('Deployment')) &&
      (options?.loadBalancers === false || loadBalancersProvisioned(cache.list('Service') as Service[])),
    dispose: () => {
      cache.dispose();
      kube.dispose();
    },
  };
}

function podsSettled(pods: Pod[]): boolean {
  return pods.every((pod) => {
    if (pod.metadata.deletionTimestamp !== undefined) return false;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return true;
    const waiting = pod.status?.containerStatuses?.some(
      (s) =>
        s.state?.waiting !== undefined &&
        s.state.waiting.reason !== 'ContainerCreating' &&
        s.state.waiting.reason !== 'PodInitializing',
    );
    // A pod stuck on a bad image, or one no node has room for, will not get better by waiting.
    if (waiting === true || isUnschedulable(pod)) return true;
    if (phase !== 'Running') return false;
    return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  });
}

function isUnschedulable(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable');
}

function deploymentsReady(deployments: KubeObject[]): boolean {
  return deployments.every((d) => {
    const desired = (d.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    // Readiness is the pods' business (a pod stuck on a bad image never gets ready); here: rolled out.
    const status = d.status as
      | { updatedReplicas?: number; replicas?: number; observedGeneration?: number; conditions?: { type: string }[] }
      | undefined;
    // Pods the API server refuses (too many objects) will not appear by waiting either.
    if (status?.conditions?.some((c) => c.type === 'ReplicaFailure') === true) return true;
    return (
      (status?.observedGeneration ?? 0) >= d.metadata.generation &&
      (status?.updatedReplicas ?? 0) >= desired &&
      (status?.replicas ?? 0) <= desired
    );
  });
}

/** The cloud has given every LoadBalancer Service its address (NCP takes a few seconds); a refused one never will. */
function loadBalancersProvisioned(services: Service[]): boolean {
  return services.every((s) => {
    if (s.spec?.type !== 'LoadBalancer' || (s.status?.loadBalancer?.ingress?.length ?? 0) > 0) return true;
    const layer = s.metadata.annotations?.['service.beta.kubernetes.io/ncloud-load-balancer-layer-type'];
    return layer !== undefined && layer !== 'nplb' && layer !== 'nlb';
  });
}
