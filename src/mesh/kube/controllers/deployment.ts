/**
 * The deployment controller: one ReplicaSet per distinct pod template, named `<deployment>-<pod-template-hash>`.
 * A template change (an edit, `kubectl rollout restart`) creates a new ReplicaSet at full size and scales the
 * old ones down as the new pods become available — a rolling update with old pods terminating once their
 * replacements are ready. Recreate scales the old ones to zero first.
 */
import { canonicalJson, fnv32a, safeEncode } from '../names';
import { controllerOf, isTerminating } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Deployment, KubeObject, ReplicaSet } from '../types';
import type { ControllerContext } from './context';
import { upsertCondition } from './conditions';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const COMPONENT = { component: 'deployment-controller' };

/** pod-template-hash: FNV-32a of the template, written as Kubernetes does (decimal, safe-encoded; ≤ 10 characters). */
export function podTemplateHash(template: unknown): string {
  return safeEncode(String(fnv32a(canonicalJson(template))));
}

export function startDeploymentController(ctx: ControllerContext): void {
  const enqueue = (namespace: string | undefined, name: string): void =>
    ctx.enqueue(`deployment/${namespace}/${name}`, () => reconcile(ctx, namespace ?? '', name));
  ctx.watch(groupKindOf(TYPES.Deployment), (event) =>
    enqueue(event.object.metadata.namespace, event.object.metadata.name),
  );
  ctx.watch(groupKindOf(TYPES.ReplicaSet), (event) => {
    const owner = controllerOf(event.object);
    if (owner?.kind === 'Deployment') enqueue(event.object.metadata.namespace, owner.name);
  });
}

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');
}

function reconcile(ctx: ControllerContext, namespace: string, name: string): void {
  const { api } = ctx;
  const deployment = api.get<Deployment>(TYPES.Deployment, namespace, name);
  if (deployment === undefined || isTerminating(deployment) || deployment.spec === undefined) return;
  const spec = deployment.spec;
  const desired = spec.replicas ?? 1;
  const hash = podTemplateHash(spec.template);
  const owned = api
    .list<ReplicaSet>(TYPES.ReplicaSet, namespace)
    .filter((rs) => controllerOf(rs)?.uid === deployment.metadata.uid && !isTerminating(rs));
  let current = owned.find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
  const old = owned.filter((rs) => rs !== current);
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  const recreate = spec.strategy?.type === 'Recreate';
  const oldPodsLeft = old.reduce((sum, rs) => sum + (rs.status?.replicas ?? 0) + (rs.spec?.replicas ?? 0), 0);

  if (current === undefined) {
    if (recreate && oldPodsLeft > 0) {
      for (const rs of old) scale(ctx, deployment, rs, 0);
      return;
    }
    current = createReplicaSet(ctx, deployment, hash, maxRevision + 1);
    if (current === undefined) return;
  } else if (revisionOf(current) < maxRevision) {
    // Rolling back to an older template re-uses its ReplicaSet under a new revision number.
    const revision = String(maxRevision + 1);
    current =
      api.mutate<ReplicaSet>(TYPES.ReplicaSet, namespace, current.metadata.name, (rs) => {
        rs.metadata.annotations = { ...rs.metadata.annotations, [REVISION_ANNOTATION]: revision };
      }) ?? current;
  }

  scale(ctx, deployment, current, desired);
  const newAvailable = current.status?.availableReplicas ?? 0;
  let oldBudget = recreate ? 0 : Math.max(0, desired - newAvailable);
  for (const rs of old) {
    const keep = Math.min(rs.spec?.replicas ?? 0, oldBudget);
    oldBudget -= keep;
    scale(ctx, deployment, rs, keep);
  }
  updateStatus(ctx, deployment, current, [current, ...old]);
}

function createReplicaSet(
  ctx: ControllerContext,
  deployment: Deployment,
  hash: string,
  revision: number,
): ReplicaSet | undefined {
  const spec = deployment.spec!;
  const labels = { ...spec.template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const replicas = spec.replicas ?? 1;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace!,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas * 0.25)),
        [REVISION_ANNOTATION]: String(revision),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deployment.metadata.name,
          uid: deployment.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      uid: '',
      resourceVersion: '',
      generation: 0,
      creationTimestamp: '',
    },
    spec: {
      replicas: 0,
      selector: { ...spec.selector, matchLabels: { ...spec.selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
      template: { metadata: { ...spec.template.metadata, labels }, spec: structuredClone(spec.template.spec!) },
    },
  };
  const created = ctx.api.create(TYPES.ReplicaSet, rs);
  return created.ok ? (created.object as ReplicaSet) : undefined;
}

function scale(ctx: ControllerContext, deployment: Deployment, rs: ReplicaSet, replicas: number): void {
  const from = rs.spec?.replicas ?? 0;
  if (from === replicas) return;
  const desired = String(deployment.spec?.replicas ?? 1);
  const updated = ctx.api.mutate<ReplicaSet>(TYPES.ReplicaSet, rs.metadata.namespace, rs.metadata.name, (object) => {
    object.spec = { ...object.spec!, replicas };
    object.metadata.annotations = {
      ...object.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': desired,
    };
  });
  if (updated === undefined) return;
  if (updated.spec !== undefined) rs.spec = updated.spec;
  const direction = replicas > from ? 'up' : 'down';
  ctx.events.normal(
    deployment,
    'ScalingReplicaSet',
    `Scaled ${direction} replica set ${rs.metadata.name} from ${from} to ${replicas}`,
    COMPONENT,
  );
}

function updateStatus(ctx: ControllerContext, deployment: Deployment, current: ReplicaSet, all: ReplicaSet[]): void {
  const desired = deployment.spec?.replicas ?? 1;
  const sum = (pick: (rs: ReplicaSet) => number | undefined): number =>
    all.reduce((total, rs) => total + (pick(rs) ?? 0), 0);
  const replicas = sum((rs) => rs.status?.replicas);
  const available = sum((rs) => rs.status?.availableReplicas);
  const ready = sum((rs) => rs.status?.readyReplicas);
  const updated = current.status?.replicas ?? 0;
  const maxUnavailable = Math.floor(desired * 0.25);
  const now = ctx.api.timestamp();
  const complete = updated === desired && replicas === desired && available === desired;
  const revision = current.metadata.annotations?.[REVISION_ANNOTATION];
  ctx.api.mutate<Deployment>(TYPES.Deployment, deployment.metadata.namespace, deployment.metadata.name, (d) => {
    if (revision !== undefined) d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
    const conditions = [...(d.status?.conditions ?? [])];
    upsertCondition(
      conditions,
      now,
      {
        type: 'Available',
        ...(available >= desired - maxUnavailable
          ? { status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
          : {
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            }),
      },
      { updateTime: true },
    );
    upsertCondition(
      conditions,
      now,
      {
        type: 'Progressing',
        status: 'True',
        ...(complete
          ? {
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${current.metadata.name}" has successfully progressed.`,
            }
          : { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${current.metadata.name}" is progressing.` }),
      },
      { updateTime: true },
    );
    const failure = all.flatMap((rs) => rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
    const kept = conditions.filter((c) => c.type !== 'ReplicaFailure');
    if (failure !== undefined) {
      const { type, status, reason, message } = failure;
      upsertCondition(
        conditions,
        now,
        { type, status, ...(reason && { reason }), ...(message && { message }) },
        { updateTime: true },
      );
    }
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...(replicas - available > 0 ? { unavailableReplicas: Math.max(0, desired - available) } : {}),
      conditions: failure === undefined ? kept : conditions,
    };
    if (ready === 0) delete d.status.readyReplicas;
    if (available === 0) delete d.status.availableReplicas;
  });
}
