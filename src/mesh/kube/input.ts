/**
 * kubectl's client-side handling of one document from `-f`: map apiVersion/kind to a served resource (or
 * fail as kubectl does when discovery has no such kind), settle the namespace, and strip what a client may
 * not set. Shared by apply, create, replace and delete -f.
 */
import type { ApiServer } from './apiserver';
import { clientError, noKindMatchError, type KubeError } from './errors';
import { isObject } from './merge';
import { parseApiVersion, typeForGroupKind, type ResourceType } from './resources';
import type { KubeObject, ObjectInput } from './types';

export interface InputOptions {
  /** The namespace of the kubectl context or `-n`. */
  namespace: string;
  /** True when `-n` was given: an object naming another namespace is then refused. */
  enforceNamespace?: boolean;
  /** The file name, or `STDIN` (the default) for `-f -`. */
  source?: string;
}

export interface ResolvedInput {
  type: ResourceType;
  /** The served version the document was written in. */
  version: string;
  /** The document with metadata.namespace settled (namespaced kinds) or removed (cluster-scoped). */
  document: ObjectInput;
  name: string;
  namespace: string | undefined;
}

/** metadata a client may not set: the server owns it. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

/**
 * The objects of a stream as kubectl's resource builder sees them: empty documents skipped, and `List`
 * documents (what `kubectl get -o yaml` prints for several objects) replaced by their items.
 */
export function flattenDocuments(documents: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const document of documents) {
    if (document === null || document === undefined) continue;
    if (
      isObject(document) &&
      typeof document.kind === 'string' &&
      document.kind.endsWith('List') &&
      Array.isArray(document.items)
    ) {
      out.push(...flattenDocuments(document.items));
    } else {
      out.push(document);
    }
  }
  return out;
}

export function resolveInput(api: ApiServer, input: unknown, options: InputOptions): ResolvedInput | KubeError {
  const source = options.source ?? 'STDIN';
  if (!isObject(input))
    return clientError(`error validating "${source}": error validating data: invalid object to validate`);
  const missing = [
    ...(typeof input.apiVersion === 'string' && input.apiVersion !== '' ? [] : ['apiVersion not set']),
    ...(typeof input.kind === 'string' && input.kind !== '' ? [] : ['kind not set']),
  ];
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    return clientError(
      `error validating "${source}": error validating data: ${list}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const apiVersion = input.apiVersion as string;
  const kind = input.kind as string;
  const metadata = isObject(input.metadata) ? input.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const writtenNamespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const { group, version } = parseApiVersion(apiVersion);
  const type = typeForGroupKind(group, kind);
  if (type === undefined || !type.versions.includes(version) || !api.isServed(type)) {
    return noKindMatchError(name, writtenNamespace, source, kind, apiVersion);
  }
  let namespace: string | undefined;
  if (type.namespaced) {
    if (options.enforceNamespace === true && writtenNamespace !== '' && writtenNamespace !== options.namespace) {
      return clientError(
        `the namespace from the provided object "${writtenNamespace}" does not match the namespace "${options.namespace}". ` +
          `You must pass '--namespace=${writtenNamespace}' to perform this operation.`,
      );
    }
    namespace = writtenNamespace === '' ? options.namespace : writtenNamespace;
  }
  if (name === '') {
    const gv = group === '' ? `/${version}` : apiVersion;
    return clientError(
      `error when retrieving current configuration of:\nResource: "${gv}, Resource=${type.plural}", GroupVersionKind: "${gv}, Kind=${kind}"\n` +
        `Name: "", Namespace: "${namespace ?? ''}"\nfrom server for: "${source}": resource name may not be empty`,
    );
  }
  const document = withoutNulls(input) as ObjectInput;
  const meta = { ...(document.metadata as Record<string, unknown> | undefined) };
  if (namespace === undefined) delete meta.namespace;
  else meta.namespace = namespace;
  document.metadata = meta;
  return { type, version, document, name, namespace };
}

/**
 * Drops null-valued fields: Go's decoder leaves a field at its zero value for JSON null, and the API server
 * prunes nulls from custom resources (non-nullable fields). Generated YAML is full of them
 * (`creationTimestamp: null`, from `kubectl create … --dry-run=client -o yaml`).
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

/** The object a client asks the server to store: status and server-owned metadata dropped, stored version. */
export function toStoredShape(resolved: ResolvedInput, apiVersion: string): KubeObject {
  const object = structuredClone(resolved.document) as KubeObject;
  object.apiVersion = apiVersion;
  delete object.status;
  const meta = object.metadata as unknown as Record<string, unknown>;
  for (const field of SERVER_METADATA) delete meta[field];
  return object;
}
