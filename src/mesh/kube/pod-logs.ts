/**
 * `kubectl logs`: which container a request means (kubectl's default-container rule) and the API server's
 * refusals (no such pod, container still waiting, no previous instance), worded as kubectl prints them.
 */
import type { ApiServer } from './apiserver';
import { clientError, KubeError, notFoundError } from './errors';
import type { ContainerLogs, ReadLogOptions } from './logs';
import { TYPES } from './resources';
import type { Pod } from './types';

export interface PodLogsRequest extends ReadLogOptions {
  /** `-c`; by default the pod's `kubectl.kubernetes.io/default-container`, else its first container. */
  container?: string;
}

export type PodLogsResult =
  { ok: true; container: string; lines: string[]; warnings: string[] } | { ok: false; error: KubeError };

export function readPodLogs(
  api: ApiServer,
  logs: ContainerLogs,
  namespace: string,
  name: string,
  request: PodLogsRequest = {},
): PodLogsResult {
  const pod = api.get<Pod>(TYPES.Pod, namespace, name);
  if (pod === undefined) return { ok: false, error: notFoundError(TYPES.Pod, name) };
  const containers = pod.spec?.containers.map((c) => c.name) ?? [];
  const inits = pod.spec?.initContainers?.map((c) => c.name) ?? [];
  const warnings: string[] = [];
  let container = request.container;
  if (container === undefined) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = annotated !== undefined && containers.includes(annotated) ? annotated : containers[0];
    if (containers.length + inits.length > 1 && container !== undefined) {
      const all = [...containers, ...inits.map((c) => `${c} (init)`)].join(', ');
      warnings.push(`Defaulted container "${container}" out of: ${all}`);
    }
  }
  if (container === undefined || (!containers.includes(container) && !inits.includes(container))) {
    return { ok: false, error: clientError(`container ${container ?? '""'} is not valid for pod ${name}`) };
  }
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  if (request.previous === true) {
    if (!logs.hasPrevious(namespace, name, container)) {
      return {
        ok: false,
        error: badRequest(`previous terminated container "${container}" in pod "${name}" not found`),
      };
    }
  } else {
    const waiting = status?.state?.waiting?.reason;
    const neverStarted = status === undefined || (status.state?.waiting !== undefined && status.restartCount === 0);
    if (neverStarted) {
      const why =
        waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : (waiting ?? 'ContainerCreating');
      return { ok: false, error: badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`) };
    }
  }
  const lines = logs.read(namespace, name, container, request).map((entry) => entry.text);
  return { ok: true, container, lines, warnings };
}

function badRequest(message: string): KubeError {
  return new KubeError({ reason: 'BadRequest', message: `Error from server (BadRequest): ${message}` });
}
