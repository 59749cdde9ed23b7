/**
 * Building a pod's status the way the kubelet reports it: per-container states, then the pod phase and
 * the conditions derived from them (Initialized, ContainersReady, Ready).
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { IPodStatus } from 'kubernetes-models/v1/PodStatus';
import { isRestartableInit } from '../pods';
import type { Pod } from '../types';
import { upsertCondition, type Condition } from './conditions';

export type ContainerRole = 'init' | 'app';

function waitingStatus(container: IContainer, reason: string): IContainerStatus {
  return {
    name: container.name,
    image: container.image ?? '',
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    state: { waiting: { reason } },
    lastState: {},
  };
}

/** Status at binding time: every container waiting, no IP yet. */
export function initialPodStatus(pod: Pod, hostIP: string, now: string): IPodStatus {
  const spec = pod.spec!;
  const hasInit = (spec.initContainers ?? []).length > 0;
  const status: IPodStatus = {
    phase: 'Pending',
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: now,
    qosClass: qosClassOf(spec.containers),
    conditions: pod.status?.conditions ?? [],
    containerStatuses: spec.containers.map((c) => waitingStatus(c, hasInit ? 'PodInitializing' : 'ContainerCreating')),
  };
  if (hasInit)
    status.initContainerStatuses = (spec.initContainers ?? []).map((c) => waitingStatus(c, 'PodInitializing'));
  return status;
}

function qosClassOf(containers: IContainer[]): NonNullable<IPodStatus['qosClass']> {
  const resources = containers.map((c) => c.resources ?? {});
  const none = resources.every(
    (r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0,
  );
  if (none) return 'BestEffort';
  const guaranteed = resources.every(
    (r) =>
      r.limits?.cpu !== undefined &&
      r.limits.memory !== undefined &&
      (r.requests === undefined || JSON.stringify(r.requests) === JSON.stringify(r.limits)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Edits one container's status in place; returns false when the pod has no such container. */
export function editContainerStatus(
  pod: Pod,
  role: ContainerRole,
  name: string,
  edit: (status: IContainerStatus) => void,
): boolean {
  const list = role === 'init' ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  const status = list?.find((s) => s.name === name);
  if (status === undefined) return false;
  edit(status);
  return true;
}

/** Recomputes phase and conditions from the container statuses (and deletion). */
export function refreshPodConditions(pod: Pod, now: string): void {
  const spec = pod.spec!;
  const status = (pod.status ??= {});
  const initStatuses = status.initContainerStatuses ?? [];
  const appStatuses = status.containerStatuses ?? [];
  const sidecars = new Set((spec.initContainers ?? []).filter(isRestartableInit).map((c) => c.name));

  const incompleteInit = initStatuses
    .filter((s) => (sidecars.has(s.name) ? s.started !== true : s.state?.terminated?.exitCode !== 0))
    .map((s) => s.name);
  const unready = [
    ...initStatuses.filter((s) => sidecars.has(s.name) && !s.ready).map((s) => s.name),
    ...appStatuses.filter((s) => !s.ready).map((s) => s.name),
  ];
  const initialized = incompleteInit.length === 0;
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = initialized && unready.length === 0 && !terminating;

  const allRunning =
    appStatuses.length > 0 &&
    appStatuses.every((s) => s.state?.running !== undefined || s.state?.terminated !== undefined || s.restartCount > 0);
  if (status.phase === 'Pending' && initialized && allRunning) status.phase = 'Running';

  const conditions = (status.conditions ?? []) as Condition[];
  const set = (condition: Condition): void => upsertCondition(conditions, now, { ...condition, lastProbeTime: null });
  set(
    initialized
      ? { type: 'Initialized', status: 'True' }
      : {
          type: 'Initialized',
          status: 'False',
          reason: 'ContainersNotInitialized',
          message: `containers with incomplete status: [${incompleteInit.join(' ')}]`,
        },
  );
  const notReady = {
    status: 'False',
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  };
  set(ready ? { type: 'Ready', status: 'True' } : { type: 'Ready', ...notReady });
  set(ready ? { type: 'ContainersReady', status: 'True' } : { type: 'ContainersReady', ...notReady });
  status.conditions = orderConditions(conditions) as NonNullable<IPodStatus['conditions']>;
}

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

function orderConditions(conditions: Condition[]): Condition[] {
  return [...conditions].sort((a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type));
}

/** Sets one condition on a pod (PodScheduled, PodReadyToStartContainers). */
export function setPodCondition(pod: Pod, now: string, condition: Condition): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ?? []) as Condition[];
  upsertCondition(conditions, now, { ...condition, lastProbeTime: null });
  status.conditions = orderConditions(conditions) as NonNullable<IPodStatus['conditions']>;
}
