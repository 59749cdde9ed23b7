/**
 * Facts about pods and label selectors that controllers, istiod and the CLI all need, in Kubernetes' terms.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { KubeObject, OwnerReference, Pod } from './types';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Whether `labels` satisfy a LabelSelector (matchLabels and matchExpressions ANDed). An empty selector matches all. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) if (have[key] !== value) return false;
  for (const expression of selector?.matchExpressions ?? []) {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** A Service-style selector (plain map): every pair must be present. */
export function mapSelectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** The owner that manages an object (ownerReferences with controller: true). */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

export function isTerminating(object: KubeObject): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** An init container with restartPolicy Always: a Kubernetes native sidecar. */
export function isRestartableInit(container: IContainer): boolean {
  return container.restartPolicy === 'Always';
}

/** The pod carries Istio's sidecar (classic container or native sidecar init container). */
export function hasIstioSidecar(pod: Pod): boolean {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name);
  return names.includes('istio-proxy');
}

export interface PodSummary {
  /** READY column: `2/2`. */
  ready: string;
  /** STATUS column: `Running`, `Init:0/1`, `ContainerCreating`, `ImagePullBackOff`, `Terminating`, … */
  status: string;
  /** RESTARTS column (the count; kubectl adds "(5s ago)" from lastRestartTime). */
  restarts: number;
  /** When the most recent restart happened (RFC 3339), if any. */
  lastRestartTime?: string;
}

/** The READY / STATUS / RESTARTS columns of `kubectl get pods`, computed as kubectl's pod printer does. */
export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initContainers = spec?.initContainers ?? [];
  let total = (spec?.containers ?? []).length + initContainers.filter(isRestartableInit).length;
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  let reason = status.reason ?? status.phase ?? 'Pending';
  const noteRestart = (c: IContainerStatus): void => {
    restarts += c.restartCount;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
  };
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    noteRestart(c);
    const sidecar = initContainers.find((s) => s.name === c.name);
    if (sidecar !== undefined && isRestartableInit(sidecar) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.terminated !== undefined) {
      const t = c.state.terminated;
      reason = t.reason !== undefined && t.reason !== '' ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    } else if (
      c.state?.waiting?.reason !== undefined &&
      c.state.waiting.reason !== '' &&
      c.state.waiting.reason !== 'PodInitializing'
    ) {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      noteRestart(c);
      if (c.state?.waiting?.reason !== undefined && c.state.waiting.reason !== '') reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason !== undefined && c.state.terminated.reason !== '')
        reason = c.state.terminated.reason;
      else if (c.state?.terminated !== undefined) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = isPodReady(pod) ? 'Running' : 'NotReady';
  }
  if (isTerminating(pod)) reason = 'Terminating';
  total = Math.max(total, 0);
  const summary: PodSummary = { ready: `${ready}/${total}`, status: reason, restarts };
  if (lastRestart !== undefined) summary.lastRestartTime = lastRestart;
  return summary;
}
