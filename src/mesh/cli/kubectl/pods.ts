import { clientError, notFoundError, TYPES, type KubeError, type Pod } from '../../index';
import type { Kubectl } from './context';
import { parseLabelSelector } from './selectors';

/**
 * Finds the pod a command means: `pod-name`, `pod/name`, or `deploy/name` (and other owners: kubectl picks a
 * running pod of the workload's selector, the newest-ready first as its `activePods` ordering does).
 */
export function resolvePod(k: Kubectl, target: string): Pod | KubeError {
  const slash = target.indexOf('/');
  if (slash < 0) return k.kube.get<Pod>(TYPES.Pod, k.namespace, target) ?? notFoundError(TYPES.Pod, target);
  const type = k.resolveType(target.slice(0, slash));
  if (!('kind' in type)) return type;
  const name = target.slice(slash + 1);
  if (type.kind === 'Pod') return k.kube.get<Pod>(TYPES.Pod, k.namespace, name) ?? notFoundError(TYPES.Pod, name);
  const owner = k.kube.get(type, k.namespace, name);
  if (owner === undefined) return notFoundError(type, name);
  const spec = (owner.spec ?? {}) as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
  const matchLabels =
    type.kind === 'Service'
      ? (spec.selector as Record<string, string> | undefined)
      : (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  const selector = (labels: Record<string, string>): boolean =>
    Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const pods = k.kube
    .list<Pod>(TYPES.Pod, k.namespace)
    .filter((p) => selector(p.metadata.labels ?? {}) && p.metadata.deletionTimestamp === undefined);
  const running = pods.filter((p) => p.status?.phase === 'Running');
  const pod = running[0] ?? pods[0];
  if (pod === undefined) return clientError(`no pods found for ${target}`);
  return pod;
}

/** Pods matching `-l`. */
export function podsBySelector(k: Kubectl, selector: string): Pod[] {
  const matches = parseLabelSelector(selector);
  return k.kube.list<Pod>(TYPES.Pod, k.namespace).filter((p) => matches(p.metadata.labels ?? {}));
}

/**
 * The container a command runs in: `-c`, else the pod's `kubectl.kubernetes.io/default-container`, else the
 * first. kubectl tells which it chose when the pod has several.
 */
export function chooseContainer(k: Kubectl, pod: Pod, requested: string | undefined): string | KubeError | undefined {
  const containers = pod.spec?.containers ?? [];
  const names = containers.map((c) => c.name);
  if (requested !== undefined) {
    const all = [...names, ...(pod.spec?.initContainers ?? []).map((c) => c.name)];
    if (!all.includes(requested)) {
      k.err(`error: container ${requested} not found in pod ${pod.metadata.name}\n`);
      return undefined;
    }
    return requested;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = annotated !== undefined && names.includes(annotated) ? annotated : names[0];
  if (chosen === undefined) return undefined;
  if (names.length > 1 || (pod.spec?.initContainers ?? []).length > 0) {
    const inits = (pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`);
    k.err(`Defaulted container "${chosen}" out of: ${[...names, ...inits].join(', ')}\n`);
  }
  return chosen;
}
