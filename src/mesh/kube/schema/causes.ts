/**
 * Turns schema (Ajv) errors into the API server's words. Two servers are imitated:
 *  - custom resources are checked by the apiextensions OpenAPI validator, whose messages read
 *    `spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"`;
 *  - built-in kinds are decoded into Go structs, so a wrong JSON type is a decode error
 *    (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`) and
 *    the rest are field validation errors (`Required value`, `Unsupported value`).
 */
import type { StatusCause } from '../errors';
import type { SchemaError } from './validators';

type Segment = string | number;

/** Splits a JSON pointer into segments, numbers where the document holds an array. */
function segmentsOf(pointer: string, root: unknown): Segment[] {
  const raw =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out: Segment[] = [];
  let node: unknown = root;
  for (const part of raw) {
    if (Array.isArray(node)) {
      out.push(Number(part));
      node = node[Number(part)];
    } else {
      out.push(part);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

/** kubectl's field path: `spec.http[0].route[0].weight`; map keys with dots or slashes go in brackets. */
export function fieldPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/[./]/.test(s)) out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** The OpenAPI type name of a JSON value, as the CRD validator reports it. */
function openApiType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value; // string, boolean, object
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null');
}

/** Errors that only explain why a oneOf/anyOf branch failed: noise once the oneOf itself is reported. */
function withoutBranchNoise(errors: readonly SchemaError[]): SchemaError[] {
  const combinatorPaths = new Set(
    errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath),
  );
  return errors.filter(
    (e) => e.keyword !== 'not' && !(combinatorPaths.has(e.instancePath) && e.keyword === 'required'),
  );
}

/** Field errors (Invalid causes) for schema errors; `type` errors are included only when `includeTypes`. */
export function schemaCauses(errors: readonly SchemaError[], root: unknown, includeTypes: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  for (const error of withoutBranchNoise(errors)) {
    if (error.keyword === 'type' && !includeTypes) continue;
    const segments = segmentsOf(error.instancePath, root);
    const cause = describe(error, fieldPath(segments), valueAt(root, segments));
    const key = `${cause.field}|${cause.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push(cause);
  }
  return causes;
}

function describe(error: SchemaError, path: string, value: unknown): StatusCause {
  const p = error.params;
  switch (error.keyword) {
    case 'type': {
      const expected = Array.isArray(p.type) ? p.type.join(',') : String(p.type);
      const actual = openApiType(value);
      return {
        field: path,
        detail: `Invalid value: "${actual}": ${path} in body must be of type ${expected}: "${actual}"`,
      };
    }
    case 'required': {
      const missing = String(p.missingProperty);
      return { field: path === '' ? missing : `${path}.${missing}`, detail: 'Required value' };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(quote).join(', ');
      return { field: path, detail: `Unsupported value: ${quote(value)}: supported values: ${allowed}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = {
        minimum: 'greater than or equal to',
        maximum: 'less than or equal to',
        exclusiveMinimum: 'greater than',
        exclusiveMaximum: 'less than',
      }[error.keyword];
      return {
        field: path,
        detail: `Invalid value: ${quote(value)}: ${path} in body should be ${words} ${String(p.limit)}`,
      };
    }
    case 'maxLength':
      return { field: path, detail: `Too long: may not be more than ${String(p.limit)} bytes` };
    case 'minLength':
      return {
        field: path,
        detail: `Invalid value: ${quote(value)}: ${path} in body should be at least ${String(p.limit)} chars long`,
      };
    case 'maxItems':
      return {
        field: path,
        detail: `Too many: ${Array.isArray(value) ? value.length : 0}: must have at most ${String(p.limit)} items`,
      };
    case 'minItems':
      return {
        field: path,
        detail: `Invalid value: ${Array.isArray(value) ? value.length : 0}: ${path} in body should have at least ${String(p.limit)} items`,
      };
    case 'pattern':
      return {
        field: path,
        detail: `Invalid value: ${quote(value)}: ${path} in body should match '${String(p.pattern)}'`,
      };
    case 'format':
      return {
        field: path,
        detail: `Invalid value: ${quote(value)}: ${path} in body must be of type ${String(p.format)}: ${quote(value)}`,
      };
    case 'oneOf': {
      const passing = Array.isArray(p.passingSchemas) ? p.passingSchemas.length : 0;
      const found = passing === 0 ? 'Found none valid' : `Found ${passing} valid alternatives`;
      return {
        field: '',
        detail: `Invalid value: "": "${path}" must validate one and only one schema (oneOf). ${found}`,
      };
    }
    case 'anyOf':
      return { field: '', detail: `Invalid value: "": "${path}" must validate at least one schema (anyOf)` };
    default:
      return { field: path, detail: `Invalid value: ${quote(value)}: ${error.message ?? error.keyword}` };
  }
}

/** Fields holding string maps, whose element type errors Go reports on the map itself. */
const STRING_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'data', 'stringData', 'selector']);

/** Go struct names for the built-in kinds' nested fields (what encoding/json names in its errors). */
const STRUCTS: Record<string, string> = {
  metadata: 'ObjectMeta',
  template: 'PodTemplateSpec',
  containers: 'Container',
  initContainers: 'Container',
  env: 'EnvVar',
  resources: 'ResourceRequirements',
  selector: 'LabelSelector',
  strategy: 'DeploymentStrategy',
  rollingUpdate: 'RollingUpdateDeployment',
  volumes: 'Volume',
  volumeMounts: 'VolumeMount',
  readinessProbe: 'Probe',
  livenessProbe: 'Probe',
  startupProbe: 'Probe',
  httpGet: 'HTTPGetAction',
  tcpSocket: 'TCPSocketAction',
};

const INT64_FIELDS = new Set([
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
]);

/**
 * The decode error encoding/json would raise for the first `type` error of a built-in kind, or undefined when
 * there is none. Only the first: decoding stops there.
 */
export function goDecodeProblem(errors: readonly SchemaError[], root: unknown, kind: string): string | undefined {
  const error = errors.find((e) => e.keyword === 'type');
  if (error === undefined) return undefined;
  const segments = segmentsOf(error.instancePath, root);
  const value = valueAt(root, segments);
  const names = segments.filter((s): s is string => typeof s === 'string');
  let goType = goTypeName(
    String(Array.isArray(error.params.type) ? error.params.type[0] : error.params.type),
    names.at(-1) ?? '',
  );
  if (names.length >= 2 && STRING_MAPS.has(names.at(-2)!) && typeof segments.at(-1) === 'string') {
    names.pop(); // an element of a string map: Go names the map itself
    goType = 'string';
  }
  const owner = structOwning(names, kind);
  return `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${owner}.${names.join('.')} of type ${goType}`;
}

function structOwning(names: readonly string[], kind: string): string {
  if (names.length <= 1) return kind;
  const parent = names.at(-2)!;
  if (parent === 'spec') {
    const grand = names.at(-3);
    return grand === 'template' ? 'PodSpec' : grand === undefined ? `${kind}Spec` : 'Spec';
  }
  if (parent === 'ports')
    return names.includes('containers') || names.includes('initContainers') ? 'ContainerPort' : 'ServicePort';
  if (parent === 'securityContext') return names.includes('containers') ? 'SecurityContext' : 'PodSecurityContext';
  return STRUCTS[parent] ?? parent.charAt(0).toUpperCase() + parent.slice(1);
}

function goTypeName(schemaType: string, field: string): string {
  switch (schemaType) {
    case 'integer':
      return INT64_FIELDS.has(field) ? 'int64' : 'int32';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]v1.${STRUCTS[field] ?? 'Object'}`;
    case 'object':
      return `v1.${STRUCTS[field] ?? field.charAt(0).toUpperCase() + field.slice(1)}`;
    default:
      return schemaType;
  }
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, number, object
}
