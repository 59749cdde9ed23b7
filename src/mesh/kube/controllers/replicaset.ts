/**
 * The ReplicaSet controller: keeps `spec.replicas` pods (not terminating) stamped from the template, named
 * `<replicaset>-<5 random characters>`, and reports how many are ready and available. Like the real one it
 * creates at most 500 pods per sync (burstReplicas) and syncs again for the rest, and a refused create is a
 * FailedCreate event and a ReplicaFailure condition until a later sync creates what it needs.
 */
import { serverMessage } from '../errors';
import { controllerOf, isPodReady, isTerminating } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Pod, ReplicaSet } from '../types';
import { upsertCondition } from './conditions';
import type { ControllerContext } from './context';

const COMPONENT = { component: 'replicaset-controller' };
/** Pods one sync creates at most (kube-controller-manager's burstReplicas). */
const BURST_REPLICAS = 500;

export function startReplicaSetController(ctx: ControllerContext): void {
  const enqueue = (namespace: string | undefined, name: string): void =>
    ctx.enqueue(`replicaset/${namespace}/${name}`, () =>
      reconcile(ctx, namespace ?? '', name, () => enqueue(namespace, name)),
    );
  ctx.watch(groupKindOf(TYPES.ReplicaSet), (event) =>
    enqueue(event.object.metadata.namespace, event.object.metadata.name),
  );
  ctx.watch(groupKindOf(TYPES.Pod), (event) => {
    const owner = controllerOf(event.object);
    if (owner?.kind === 'ReplicaSet') enqueue(event.object.metadata.namespace, owner.name);
  });
}

function reconcile(ctx: ControllerContext, namespace: string, name: string, again: () => void): void {
  const { api } = ctx;
  const rs = api.get<ReplicaSet>(TYPES.ReplicaSet, namespace, name);
  if (rs === undefined || isTerminating(rs) || rs.spec === undefined) return;
  const desired = rs.spec.replicas ?? 1;
  const active = api
    .view<Pod>(TYPES.Pod, namespace)
    .filter((pod) => controllerOf(pod)?.uid === rs.metadata.uid && !isTerminating(pod));

  let failure: string | undefined;
  const burst = Math.min(desired, active.length + BURST_REPLICAS);
  for (let i = active.length; i < burst; i++) {
    const created = api.create(TYPES.Pod, podFromTemplate(rs));
    if (!created.ok) {
      failure = serverMessage(created.error);
      ctx.events.warning(rs, 'FailedCreate', `Error creating: ${failure}`, COMPONENT);
      break;
    }
    active.push(created.object as Pod);
    ctx.events.normal(rs, 'SuccessfulCreate', `Created pod: ${created.object.metadata.name}`, COMPONENT);
  }
  if (failure === undefined && active.length < desired) again();
  if (active.length > desired) {
    for (const victim of deletionOrder(active).slice(0, active.length - desired)) {
      api.delete(TYPES.Pod, namespace, victim.metadata.name);
      active.splice(active.indexOf(victim), 1);
      ctx.events.normal(rs, 'SuccessfulDelete', `Deleted pod: ${victim.metadata.name}`, COMPONENT);
    }
  }

  const ready = active.filter(isPodReady).length;
  const now = api.timestamp();
  api.mutate<ReplicaSet>(TYPES.ReplicaSet, namespace, name, (object) => {
    const conditions = failure === undefined ? [] : [...(object.status?.conditions ?? [])];
    if (failure !== undefined)
      upsertCondition(conditions, now, {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: failure,
      });
    object.status = {
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      observedGeneration: object.metadata.generation,
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      ...(conditions.length > 0 ? { conditions } : {}),
    };
  });
}

/** Which pods go first when scaling down: unscheduled, then not ready, then the youngest (controller.ActivePods order). */
function deletionOrder(pods: Pod[]): Pod[] {
  const rank = (pod: Pod): number => (pod.spec?.nodeName === undefined ? 0 : isPodReady(pod) ? 2 : 1);
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (b.metadata.creationTimestamp < a.metadata.creationTimestamp
        ? -1
        : b.metadata.creationTimestamp > a.metadata.creationTimestamp
          ? 1
          : 0),
  );
}

function podFromTemplate(rs: ReplicaSet): Pod {
  const template = rs.spec!.template;
  const metadata: Pod['metadata'] = {
    name: '',
    generateName: `${rs.metadata.name}-`,
    namespace: rs.metadata.namespace!,
    labels: { ...template?.metadata?.labels },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: rs.metadata.name,
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    uid: '',
    resourceVersion: '',
    generation: 0,
    creationTimestamp: '',
  };
  if (template?.metadata?.annotations !== undefined) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template!.spec!) };
}
