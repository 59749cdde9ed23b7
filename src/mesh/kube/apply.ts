/**
 * `kubectl apply -f` (client-side apply). Each document of the stream is handled on its own, in order: a
 * refused document does not stop the others, exactly as kubectl collects one error per object and goes on.
 * New objects are created with the `kubectl.kubernetes.io/last-applied-configuration` annotation; existing
 * ones get the three-way merge of (last applied, this file, live object) — `configured`, or `unchanged`
 * when that changes nothing.
 */
import type { ApiServer } from './apiserver';
import { successLine, type KubeError, type RequestSource } from './errors';
import { flattenDocuments, resolveInput, toStoredShape, type InputOptions, type ResolvedInput } from './input';
import { createMergePatch, isObject, threeWayMerge } from './merge';
import { canonicalJson } from './names';
import { apiVersionOf } from './resources';
import type { KubeObject } from './types';
import { validateObject } from './validation';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export type DryRun = 'client' | 'server';

/** The outcome of one object of a kubectl command. */
export type VerbResult =
  | {
      ok: true;
      /** `created`, `configured`, `unchanged`, `deleted`, `labeled`, … */
      action: string;
      /** The line kubectl prints on stdout: `deployment.apps/reviews-v1 created`. */
      message: string;
      /** The object as stored (for delete: as it was). */
      object: KubeObject;
      /** Lines kubectl prints on stderr before the result (`Warning: …`). */
      warnings: string[];
    }
  | { ok: false; error: KubeError; warnings: string[] };

export interface ApplyOptions extends InputOptions {
  dryRun?: DryRun;
}

export function failed(error: KubeError, warnings: string[] = []): VerbResult {
  return { ok: false, error, warnings };
}

/**
 * A server-side dry run goes through admission like a real write (Istio's webhook declares no side effects,
 * so the API server calls it); a client-side one never reaches the server.
 */
export function dryRunReview(
  api: ApiServer,
  dryRun: DryRun | undefined,
  object: KubeObject,
  current: KubeObject | undefined,
  request: RequestSource | undefined,
): { error?: KubeError; warnings: string[] } {
  if (dryRun !== 'server') return { warnings: [] };
  const reviewed = api.webhooks.review(object, current === undefined ? 'CREATE' : 'UPDATE', current, request);
  return reviewed.ok ? { warnings: reviewed.warnings } : reviewed;
}

export function dryRunSuffix(dryRun: DryRun | undefined): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** Applies each object of the stream in order (empty documents skipped, Lists expanded); one result per object. */
export function applyAll(api: ApiServer, documents: readonly unknown[], options: ApplyOptions): VerbResult[] {
  return flattenDocuments(documents).map((document) => applyOne(api, document, options));
}

export function applyOne(api: ApiServer, document: unknown, options: ApplyOptions): VerbResult {
  const resolved = resolveInput(api, document, options);
  if (!('type' in resolved)) return failed(resolved);
  const { type, name, namespace } = resolved;
  const source = options.source ?? 'STDIN';
  const modified = toStoredShape(resolved, apiVersionOf(type));
  const annotations = { ...modified.metadata.annotations };
  modified.metadata.annotations = { ...annotations, [LAST_APPLIED_ANNOTATION]: lastAppliedOf(resolved) };
  const current = api.get(type, namespace, name);
  const suffix = dryRunSuffix(options.dryRun);

  if (current === undefined) {
    const invalid = validateObject(resolved.document, type, resolved.version, { source, verb: 'creating' });
    if (invalid !== undefined) return failed(invalid);
    if (options.dryRun !== undefined) {
      const review = dryRunReview(api, options.dryRun, modified, undefined, { source, verb: 'creating' });
      if (review.error !== undefined) return failed(review.error, review.warnings);
      return {
        ok: true,
        action: 'created',
        message: successLine(type, name, `created${suffix}`),
        object: modified,
        warnings: review.warnings,
      };
    }
    const created = api.create(type, modified, { source, verb: 'creating' });
    if (!created.ok) return failed(created.error, created.warnings);
    return {
      ok: true,
      action: 'created',
      message: successLine(type, name, 'created'),
      object: created.object,
      warnings: created.warnings ?? [],
    };
  }

  const warnings: string[] = [];
  const previous = current.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (previous === undefined) {
    warnings.push(
      `Warning: resource ${type.plural}/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by ` +
        'kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create ' +
        '--save-config or kubectl apply. The missing annotation will be patched automatically.',
    );
  }
  const original = previous === undefined ? undefined : parseJson(previous);
  // status is not the client's to set (status subresource): an old file's status must not delete the live one.
  if (isObject(original)) delete original.status;
  const merged = threeWayMerge(original, modified, current, type.crd === undefined) as KubeObject;
  const request: RequestSource = {
    source,
    verb: 'patching',
    patch: {
      body: JSON.stringify(createMergePatch(current, merged)),
      type,
      version: resolved.version,
      name,
      namespace,
    },
  };
  const invalid = validateObject(resolved.document, type, resolved.version, request);
  if (invalid !== undefined) return failed(invalid, warnings);
  if (options.dryRun !== undefined) {
    const review = dryRunReview(api, options.dryRun, merged, current, request);
    warnings.push(...review.warnings);
    if (review.error !== undefined) return failed(review.error, warnings);
    return {
      ok: true,
      action: 'configured',
      message: successLine(type, name, `configured${suffix}`),
      object: merged,
      warnings,
    };
  }
  const updated = api.update(type, merged, request);
  warnings.push(...(updated.warnings ?? []));
  if (!updated.ok) return failed(updated.error, warnings);
  const action =
    updated.object.metadata.resourceVersion === current.metadata.resourceVersion ? 'unchanged' : 'configured';
  return { ok: true, action, message: successLine(type, name, action), object: updated.object, warnings };
}

/**
 * The annotation's value: the document as written (namespace settled), keys sorted as Go's encoding/json
 * writes maps, with `metadata.annotations` present even when empty, and a trailing newline — all as kubectl.
 */
function lastAppliedOf(resolved: ResolvedInput): string {
  const document = structuredClone(resolved.document);
  const metadata = document.metadata as Record<string, unknown>;
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  metadata.annotations = annotations;
  return `${canonicalJson(document)}\n`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
