/**
 * The patch arithmetic behind kubectl apply and kubectl patch: JSON merge patch (RFC 7386), a strategic
 * merge patch limited to the list merge keys of the built-in kinds we serve, the three-way merge of
 * client-side apply, and JSON patch (RFC 6902: add, remove, replace, test).
 */
import { isDeepStrictEqual } from './store';

type Json = unknown;
type Obj = Record<string, Json>;

export function isObject(value: Json): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/**
 * patchMergeKey of the built-in lists we serve: list items with the same key merge instead of the whole
 * list being replaced (k8s.io/api struct tags). `path` holds field names only, outermost first.
 */
export function mergeKeyFor(path: readonly string[]): string | undefined {
  const field = path.at(-1);
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'ports':
      return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : 'port';
    case 'volumeMounts':
      return 'mountPath';
    case 'ownerReferences':
      return 'uid';
    case 'conditions':
      return 'type';
    default:
      return undefined;
  }
}

function findByKey(items: readonly Json[], key: string, value: Json): Json | undefined {
  return items.find((item) => isObject(item) && isDeepStrictEqual(item[key], value));
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

/** A strategic merge patch: a merge patch whose keyed lists merge item by item (`$patch: delete` removes one). */
export function applyStrategicMergePatch(target: Json, patch: Json, path: readonly string[] = []): Json {
  const key = mergeKeyFor(path);
  if (Array.isArray(patch) && Array.isArray(target) && key !== undefined) {
    const out = [...target];
    for (const item of patch) {
      if (!isObject(item)) continue;
      const index = out.findIndex((t) => isObject(t) && isDeepStrictEqual(t[key], item[key]));
      if (item.$patch === 'delete') {
        if (index >= 0) out.splice(index, 1);
      } else if (index >= 0) {
        out[index] = applyStrategicMergePatch(out[index], item, path);
      } else {
        out.push(clone(item));
      }
    }
    return out;
  }
  if (!isObject(patch)) return clone(patch);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete out[field];
    else out[field] = applyStrategicMergePatch(out[field], value, [...path, field]);
  }
  return out;
}

/**
 * Client-side apply's three-way merge: `modified` (the file now) wins over `current` (live) for every field it
 * sets; fields in `original` (the file last applied) but no longer in `modified` are deleted; fields only the
 * server or other clients set (status, defaults, a clusterIP) survive. With `strategic`, keyed lists merge
 * item by item as kubectl's strategic merge patch does for built-in kinds; custom resources replace lists.
 */
export function threeWayMerge(
  original: Json,
  modified: Json,
  current: Json,
  strategic: boolean,
  path: readonly string[] = [],
): Json {
  if (isObject(modified) && isObject(current)) {
    const out: Obj = { ...current };
    for (const [field, value] of Object.entries(modified)) {
      if (value === null) {
        delete out[field];
        continue;
      }
      const before = isObject(original) ? original[field] : undefined;
      out[field] = threeWayMerge(before, value, current[field], strategic, [...path, field]);
    }
    if (isObject(original)) for (const field of Object.keys(original)) if (!(field in modified)) delete out[field];
    return out;
  }
  const key = strategic ? mergeKeyFor(path) : undefined;
  if (key !== undefined && Array.isArray(modified) && Array.isArray(current)) {
    const before = Array.isArray(original) ? original : [];
    const out: Json[] = modified.map((item) => {
      if (!isObject(item)) return clone(item);
      const live = findByKey(current, key, item[key]);
      return live === undefined
        ? clone(item)
        : threeWayMerge(findByKey(before, key, item[key]), item, live, strategic, path);
    });
    for (const live of current) {
      if (!isObject(live)) continue;
      const inFile = findByKey(modified, key, live[key]) !== undefined;
      const wasInFile = findByKey(before, key, live[key]) !== undefined;
      if (!inFile && !wasInFile) out.push(clone(live));
    }
    return out;
  }
  return clone(modified);
}

/** The JSON merge patch that turns `from` into `to` (what kubectl shows as "the patch" it sent). */
export function createMergePatch(from: Json, to: Json): Json {
  if (!isObject(from) || !isObject(to)) return clone(to);
  const patch: Obj = {};
  for (const [key, value] of Object.entries(to)) {
    if (isDeepStrictEqual(from[key], value)) continue;
    patch[key] = isObject(value) && isObject(from[key]) ? createMergePatch(from[key], value) : clone(value);
  }
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  return patch;
}

export interface JsonPatchOperation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

/** RFC 6902 for `kubectl patch --type=json`; throws with jsonpatch's wording when an operation does not apply. */
export function applyJsonPatch(target: Json, operations: readonly JsonPatchOperation[]): Json {
  let doc = clone(target);
  for (const operation of operations) {
    const segments = operation.path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = segments.pop();
    if (last === undefined) {
      if (operation.op === 'replace' || operation.op === 'add') doc = clone(operation.value);
      continue;
    }
    let parent: Json = doc;
    for (const segment of segments) {
      parent = Array.isArray(parent) ? parent[Number(segment)] : isObject(parent) ? parent[segment] : undefined;
      if (parent === undefined)
        throw new Error(
          `${operation.op} operation does not apply: doc is missing path: "${operation.path}": missing value`,
        );
    }
    const has = Array.isArray(parent)
      ? Number(last) < parent.length || last === '-'
      : isObject(parent) && last in parent;
    switch (operation.op) {
      case 'add':
        if (Array.isArray(parent))
          parent.splice(last === '-' ? parent.length : Number(last), 0, clone(operation.value));
        else if (isObject(parent)) parent[last] = clone(operation.value);
        break;
      case 'replace':
      case 'remove':
        if (!has)
          throw new Error(
            `${operation.op} operation does not apply: doc is missing key: ${operation.path}: missing value`,
          );
        if (Array.isArray(parent)) {
          if (operation.op === 'remove') parent.splice(Number(last), 1);
          else parent[Number(last)] = clone(operation.value);
        } else if (isObject(parent)) {
          if (operation.op === 'remove') delete parent[last];
          else parent[last] = clone(operation.value);
        }
        break;
      case 'test': {
        const actual = Array.isArray(parent) ? parent[Number(last)] : isObject(parent) ? parent[last] : undefined;
        if (!isDeepStrictEqual(actual, operation.value))
          throw new Error(`testing value ${operation.path} failed: test failed`);
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${operation.op}`);
    }
  }
  return doc;
}
