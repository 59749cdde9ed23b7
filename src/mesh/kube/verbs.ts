/**
 * kubectl create / replace / delete / patch against the API server, each returning kubectl's line per object.
 */
import type { ApiServer } from './apiserver';
import { dryRunReview, dryRunSuffix, failed, LAST_APPLIED_ANNOTATION, type DryRun, type VerbResult } from './apply';
import {
  clientError,
  KubeError,
  notFoundError,
  successLine,
  unsupportedPatchError,
  type RequestSource,
} from './errors';
import { flattenDocuments, resolveInput, toStoredShape, type InputOptions } from './input';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, isObject, type JsonPatchOperation } from './merge';
import { canonicalJson } from './names';
import { apiVersionOf, kindRef, type ResourceType } from './resources';
import type { KubeObject } from './types';
import { validateObject } from './validation';

export interface CreateOptions extends InputOptions {
  /** `--save-config`: record the last-applied annotation so a later apply can three-way merge. */
  saveConfig?: boolean;
  dryRun?: DryRun;
}

/** `kubectl create -f`: fails on objects that already exist. */
export function createAll(api: ApiServer, documents: readonly unknown[], options: CreateOptions): VerbResult[] {
  return flattenDocuments(documents).map((document) => {
    const resolved = resolveInput(api, document, options);
    if (!('type' in resolved)) return failed(resolved);
    const request: RequestSource = { source: options.source ?? 'STDIN', verb: 'creating' };
    const invalid = validateObject(resolved.document, resolved.type, resolved.version, request);
    if (invalid !== undefined) return failed(invalid);
    const object = toStoredShape(resolved, apiVersionOf(resolved.type));
    if (options.saveConfig === true) {
      const annotations = { ...object.metadata.annotations };
      object.metadata.annotations = {
        ...annotations,
        [LAST_APPLIED_ANNOTATION]: `${canonicalJson(resolved.document)}\n`,
      };
    }
    const message = successLine(resolved.type, resolved.name, `created${dryRunSuffix(options.dryRun)}`);
    if (options.dryRun !== undefined) {
      const review = dryRunReview(api, options.dryRun, object, undefined, request);
      if (review.error !== undefined) return failed(review.error, review.warnings);
      return { ok: true, action: 'created', message, object, warnings: review.warnings };
    }
    const created = api.create(resolved.type, object, request);
    return created.ok
      ? { ok: true, action: 'created', message, object: created.object, warnings: created.warnings ?? [] }
      : failed(created.error, created.warnings);
  });
}

/** `kubectl replace -f`: the object must exist; its content is replaced, status and server fields kept. */
export function replaceAll(api: ApiServer, documents: readonly unknown[], options: InputOptions): VerbResult[] {
  return flattenDocuments(documents).map((document) => {
    const resolved = resolveInput(api, document, options);
    if (!('type' in resolved)) return failed(resolved);
    const request: RequestSource = { source: options.source ?? 'STDIN', verb: 'replacing' };
    const current = api.get(resolved.type, resolved.namespace, resolved.name);
    if (current === undefined) return failed(notFoundError(resolved.type, resolved.name, request));
    const invalid = validateObject(resolved.document, resolved.type, resolved.version, request);
    if (invalid !== undefined) return failed(invalid);
    const object = toStoredShape(resolved, apiVersionOf(resolved.type));
    if (current.status !== undefined) object.status = current.status;
    const replaced = api.update(resolved.type, object, request);
    if (!replaced.ok) return failed(replaced.error, replaced.warnings);
    return {
      ok: true,
      action: 'replaced',
      message: successLine(resolved.type, resolved.name, 'replaced'),
      object: replaced.object,
      warnings: replaced.warnings ?? [],
    };
  });
}

export interface DeleteOptions {
  namespace: string;
  /** `--grace-period`; 0 with `--force` removes pods at once. */
  gracePeriodSeconds?: number;
  ignoreNotFound?: boolean;
  source?: string;
}

/** `kubectl delete <type> <name>…`: `deployment.apps "x" deleted`. */
export function deleteNamed(
  api: ApiServer,
  type: ResourceType,
  names: readonly string[],
  options: DeleteOptions,
): VerbResult[] {
  const results: VerbResult[] = [];
  for (const name of names) {
    const result = deleteOne(api, type, name, type.namespaced ? options.namespace : undefined, options, undefined);
    if (result !== undefined) results.push(result);
  }
  return results;
}

/** `kubectl delete -f`: each document's object. */
export function deleteAll(
  api: ApiServer,
  documents: readonly unknown[],
  options: DeleteOptions & InputOptions,
): VerbResult[] {
  const results: VerbResult[] = [];
  for (const document of flattenDocuments(documents)) {
    const resolved = resolveInput(api, document, options);
    if (!('type' in resolved)) {
      results.push(failed(resolved));
      continue;
    }
    const request: RequestSource = { source: options.source ?? 'STDIN', verb: 'deleting' };
    const result = deleteOne(api, resolved.type, resolved.name, resolved.namespace, options, request);
    if (result !== undefined) results.push(result);
  }
  return results;
}

function deleteOne(
  api: ApiServer,
  type: ResourceType,
  name: string,
  namespace: string | undefined,
  options: DeleteOptions,
  request: RequestSource | undefined,
): VerbResult | undefined {
  const deletion: { gracePeriodSeconds?: number; request?: RequestSource } = {};
  if (options.gracePeriodSeconds !== undefined) deletion.gracePeriodSeconds = options.gracePeriodSeconds;
  if (request !== undefined) deletion.request = request;
  const deleted = api.delete(type, namespace, name, deletion);
  if (!deleted.ok)
    return options.ignoreNotFound === true && deleted.error.reason === 'NotFound' ? undefined : failed(deleted.error);
  return {
    ok: true,
    action: 'deleted',
    message: `${kindRef(type)} "${name}" deleted`,
    object: deleted.object,
    warnings: [],
  };
}

export type PatchType = 'strategic' | 'merge' | 'json';

export interface PatchOptions {
  namespace: string;
  /** kubectl's default is strategic, which custom resources refuse. */
  type?: PatchType;
  dryRun?: DryRun;
}

/** `kubectl patch <type> <name> -p <patch>`: `… patched`, or `… patched (no change)`. */
export function patchNamed(
  api: ApiServer,
  type: ResourceType,
  name: string,
  patch: unknown,
  options: PatchOptions,
): VerbResult {
  const namespace = type.namespaced ? options.namespace : undefined;
  const current = api.get(type, namespace, name);
  if (current === undefined) return failed(notFoundError(type, name));
  const patchType = options.type ?? 'strategic';
  if (patchType === 'strategic' && type.crd !== undefined) return failed(unsupportedPatchError());
  let body = patch;
  if (typeof patch === 'string') {
    try {
      body = JSON.parse(patch) as unknown;
    } catch {
      return failed(clientError(`unable to parse "${patch}": invalid JSON`));
    }
  }
  let patched: unknown;
  try {
    if (patchType === 'json') {
      if (!Array.isArray(body))
        return failed(clientError('unable to parse the patch as a JSON patch: it must be a list of operations'));
      patched = applyJsonPatch(current, body as JsonPatchOperation[]);
    } else if (!isObject(body)) {
      return failed(clientError(`unable to parse "${String(patch)}": the patch must be a JSON object`));
    } else {
      patched = patchType === 'merge' ? applyMergePatch(current, body) : applyStrategicMergePatch(current, body);
    }
  } catch (error) {
    return failed(new KubeError({ message: `Error from server: jsonpatch ${(error as Error).message}` }));
  }
  if (!isObject(patched)) return failed(clientError('the patch did not produce an object'));
  const document = structuredClone(patched);
  delete document.status;
  const invalid = validateObject(document, type, type.versions[0] ?? 'v1');
  if (invalid !== undefined) return failed(invalid);
  const suffix = dryRunSuffix(options.dryRun);
  if (options.dryRun !== undefined) {
    const review = dryRunReview(api, options.dryRun, patched as KubeObject, current, undefined);
    if (review.error !== undefined) return failed(review.error, review.warnings);
    return {
      ok: true,
      action: 'patched',
      message: successLine(type, name, `patched${suffix}`),
      object: patched as KubeObject,
      warnings: review.warnings,
    };
  }
  const updated = api.update(type, patched as KubeObject);
  if (!updated.ok) return failed(updated.error, updated.warnings);
  const unchanged = updated.object.metadata.resourceVersion === current.metadata.resourceVersion;
  return {
    ok: true,
    action: 'patched',
    message: successLine(type, name, unchanged ? 'patched (no change)' : 'patched'),
    object: updated.object,
    warnings: updated.warnings ?? [],
  };
}
