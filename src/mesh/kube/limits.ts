/**
 * The simulator's own bounds, where a real cluster would only slow down or run out of etcd: how many objects
 * of one kind the API server keeps and how many replicas a workload may ask for. A real cluster has neither
 * limit; both are ours, worded the way the API server words the refusals closest to them (an object-count
 * ResourceQuota, a field's maximum), so the learner reads an ordinary Kubernetes error and knows what to
 * change: delete some objects, ask for fewer replicas.
 */
import { forbiddenError, type RequestSource, type StatusCause } from './errors';
import type { ResourceType } from './resources';

/** Objects of one kind the cluster keeps, all namespaces together (ours: no such limit in Kubernetes). */
export const MAX_OBJECTS_PER_KIND = 10_000;

/**
 * The most replicas a Deployment or ReplicaSet may ask for (ours). Three times what the cluster's three nodes
 * can run at 110 pods each, so scaling past capacity still shows Pending pods and FailedScheduling.
 */
export const MAX_REPLICAS = 1_000;

/**
 * A ResourceQuota's name for an object count: `count/pods`, `count/deployments.apps` (the quota admission
 * plugin's syntax).
 */
function countResource(type: ResourceType): string {
  return type.group === '' ? `count/${type.plural}` : `count/${type.plural}.${type.group}`;
}

/** The name the refusal gives the quota; no ResourceQuota object by that name exists. */
const QUOTA_NAME = 'meshdojo-object-count';

/**
 * The quota admission plugin's refusal: `pods "x" is forbidden: exceeded quota: q, requested: count/pods=1,
 * used: count/pods=10000, limited: count/pods=10000`.
 */
export function objectCountExceeded(type: ResourceType, name: string, used: number, request?: RequestSource) {
  const resource = countResource(type);
  return forbiddenError(
    type,
    name,
    `exceeded quota: ${QUOTA_NAME}, requested: ${resource}=1, used: ${resource}=${used}, ` +
      `limited: ${resource}=${MAX_OBJECTS_PER_KIND}`,
    request,
  );
}

/** `spec.replicas: Invalid value: 1000000000: must be less than or equal to 1000` (a field maximum's wording). */
export function replicasCauses(replicas: unknown): StatusCause[] {
  if (typeof replicas !== 'number' || replicas <= MAX_REPLICAS) return [];
  return [
    { field: 'spec.replicas', detail: `Invalid value: ${replicas}: must be less than or equal to ${MAX_REPLICAS}` },
  ];
}
