/**
 * kubectl label / annotate / scale / rollout restart / rollout status: small edits of live objects,
 * with kubectl's checks (--overwrite) and wording.
 */
import type { ApiServer } from './apiserver';
import { failed, type VerbResult } from './apply';
import { clientError, invalidError, notFoundError, successLine } from './errors';
import { replicasCauses } from './limits';
import type { ResourceType } from './resources';
import type { Deployment, KubeObject } from './types';

export interface MetadataEditOptions {
  namespace: string;
  /** `--overwrite`: allow changing a key that already has a different value. */
  overwrite?: boolean;
}

/** Keys to set (string) or remove (null), as parsed from `key=value` and `key-` arguments. */
export type MetadataChanges = Record<string, string | null>;

/** `kubectl label`: `namespace/default labeled` (or `not labeled` / `unlabeled`). */
export function labelNamed(
  api: ApiServer,
  type: ResourceType,
  name: string,
  changes: MetadataChanges,
  options: MetadataEditOptions,
): VerbResult {
  return editMetadata(api, type, name, changes, options, 'labels');
}

/** `kubectl annotate`: `pod/x annotated`. */
export function annotateNamed(
  api: ApiServer,
  type: ResourceType,
  name: string,
  changes: MetadataChanges,
  options: MetadataEditOptions,
): VerbResult {
  return editMetadata(api, type, name, changes, options, 'annotations');
}

function editMetadata(
  api: ApiServer,
  type: ResourceType,
  name: string,
  changes: MetadataChanges,
  options: MetadataEditOptions,
  field: 'labels' | 'annotations',
): VerbResult {
  const namespace = type.namespaced ? options.namespace : undefined;
  const current = api.get(type, namespace, name);
  if (current === undefined) return failed(notFoundError(type, name));
  const before = { ...current.metadata[field] };
  const conflicts = Object.entries(changes).filter(
    ([key, value]) => value !== null && before[key] !== undefined && before[key] !== value,
  );
  if (options.overwrite !== true && conflicts.length > 0) {
    if (field === 'labels') {
      return failed(
        clientError(
          conflicts
            .map(([key]) => `'${key}' already has a value (${before[key]}), and --overwrite is false`)
            .join('\n'),
        ),
      );
    }
    const found = conflicts.map(([key]) => `'${key}' already has a value (${before[key]})`).join('; ');
    return failed(clientError(`--overwrite is false but found the following declared annotation(s): ${found}`));
  }
  const warnings: string[] = [];
  const after = { ...before };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null) after[key] = value;
    else if (key in after) delete after[key];
    else if (field === 'labels') warnings.push(`label "${key}" not found.`);
  }
  const updated = api.mutate(type, namespace, name, (object) => {
    object.metadata[field] = after;
  });
  if (updated === undefined) return failed(notFoundError(type, name));
  if (field === 'annotations')
    return { ok: true, action: 'annotated', message: successLine(type, name, 'annotated'), object: updated, warnings };
  // kubectl compares the serialized objects: unchanged → "not labeled"; smaller without --overwrite → "unlabeled".
  const action =
    JSON.stringify(before) === JSON.stringify(after)
      ? 'not labeled'
      : options.overwrite !== true && JSON.stringify(after).length < JSON.stringify(before).length
        ? 'unlabeled'
        : 'labeled';
  return { ok: true, action, message: successLine(type, name, action), object: updated, warnings };
}

/** `kubectl scale --replicas=N deployment/x`. */
export function scaleNamed(
  api: ApiServer,
  type: ResourceType,
  name: string,
  replicas: number,
  options: { namespace: string },
): VerbResult {
  if (!Number.isInteger(replicas) || replicas < 0) {
    return failed(clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'));
  }
  if (type.group !== 'apps' || (type.kind !== 'Deployment' && type.kind !== 'ReplicaSet')) {
    return failed(clientError(`cannot scale ${type.plural}: scaling is supported for deployments and replicasets`));
  }
  const tooMany = replicasCauses(replicas);
  if (tooMany.length > 0) {
    if (api.get(type, options.namespace, name) === undefined) return failed(notFoundError(type, name));
    return failed(invalidError(type, name, tooMany));
  }
  const updated = api.mutate<KubeObject>(type, options.namespace, name, (object) => {
    object.spec = { ...(object.spec as object | undefined), replicas };
  });
  if (updated === undefined) return failed(notFoundError(type, name));
  return { ok: true, action: 'scaled', message: successLine(type, name, 'scaled'), object: updated, warnings: [] };
}

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/**
 * `kubectl rollout restart deployment/x`: stamps the pod template with the time, which changes its hash, so
 * the deployment controller rolls out a new ReplicaSet and the old pods terminate.
 */
export function rolloutRestart(
  api: ApiServer,
  type: ResourceType,
  name: string,
  options: { namespace: string },
): VerbResult {
  if (type.group !== 'apps' || type.kind !== 'Deployment') {
    return failed(clientError(`${type.plural} "${name}" restarting is not supported`));
  }
  const current = api.get<Deployment>(type, options.namespace, name);
  if (current === undefined) return failed(notFoundError(type, name));
  const stamp = api.timestamp();
  if (current.spec?.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === stamp) {
    return failed(
      clientError(
        `failed to create patch for deployment.apps/${name}: if restart has already been triggered within the past second, ` +
          'please wait before attempting to trigger another',
      ),
    );
  }
  const updated = api.mutate<Deployment>(type, options.namespace, name, (deployment) => {
    const template = deployment.spec!.template;
    template.metadata = {
      ...template.metadata,
      annotations: { ...template.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: stamp },
    };
  });
  if (updated === undefined) return failed(notFoundError(type, name));
  return {
    ok: true,
    action: 'restarted',
    message: successLine(type, name, 'restarted'),
    object: updated,
    warnings: [],
  };
}

/**
 * One line of `kubectl rollout status deployment/x`, and whether the rollout is complete (kubectl's
 * DeploymentStatusViewer wording).
 */
export function rolloutStatus(deployment: Deployment): { done: boolean; message: string } {
  const name = deployment.metadata.name;
  const spec = deployment.spec;
  const status = deployment.status ?? {};
  const desired = spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if ((status.observedGeneration ?? 0) < deployment.metadata.generation) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  }
  if (updated < desired) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...`,
    };
  }
  if (replicas > updated) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}
