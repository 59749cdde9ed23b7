/**
 * The built-in kinds' validation rules that no OpenAPI schema expresses (k8s.io/kubernetes
 * pkg/apis/{core,apps}/validation): the ones a learner is likely to trip over.
 */
import type { StatusCause } from './errors';
import { replicasCauses } from './limits';
import type { ObjectInput } from './types';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function validateBuiltinRules(kind: string, input: ObjectInput): StatusCause[] {
  const spec = obj(input.spec);
  const causes = labelCauses(input);
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      if (spec !== undefined) causes.push(...workloadCauses(spec));
      break;
    case 'Pod':
      if (spec !== undefined) causes.push(...podSpecCauses(spec, 'spec'));
      break;
    case 'Service':
      if (spec !== undefined) causes.push(...serviceCauses(spec));
      break;
  }
  return causes;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** metadata.labels keys and values (applies to every kind, custom resources included). */
export function labelCauses(input: ObjectInput): StatusCause[] {
  const labels = obj(obj(input.metadata)?.labels);
  if (labels === undefined) return [];
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (name.length > 63 || !LABEL_NAME.test(name)) {
      causes.push({
        field: 'metadata.labels',
        detail:
          `Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', ` +
          "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex " +
          "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    }
    if (typeof value !== 'string') continue;
    if (value.length > 63) {
      causes.push({
        field: 'metadata.labels',
        detail: `Invalid value: ${JSON.stringify(value)}: must be no more than 63 characters`,
      });
    } else if (!LABEL_VALUE.test(value)) {
      causes.push({
        field: 'metadata.labels',
        detail:
          `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric ` +
          "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or " +
          "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      });
    }
  }
  return causes;
}

/** Go's %#v of a map[string]string, which the selector error quotes. */
function goMap(map: Obj): string {
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(map[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function workloadCauses(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    causes.push({
      field: 'spec.replicas',
      detail: `Invalid value: ${spec.replicas}: must be greater than or equal to 0`,
    });
  }
  causes.push(...replicasCauses(spec.replicas));
  const selector = obj(spec.selector);
  const template = obj(spec.template);
  const templateLabels = obj(obj(template?.metadata)?.labels) ?? {};
  if (selector === undefined) {
    causes.push({ field: 'spec.selector', detail: 'Required value' });
  } else {
    const matchLabels = obj(selector.matchLabels) ?? {};
    const matchExpressions = list(selector.matchExpressions);
    if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) {
      causes.push({
        field: 'spec.selector',
        detail: 'Invalid value: "null": empty selector is invalid for deployment',
      });
    } else if (!Object.entries(matchLabels).every(([k, v]) => templateLabels[k] === v)) {
      causes.push({
        field: 'spec.template.metadata.labels',
        detail: `Invalid value: ${goMap(templateLabels)}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  const podSpec = obj(template?.spec);
  if (podSpec === undefined) causes.push({ field: 'spec.template.spec.containers', detail: 'Required value' });
  else causes.push(...podSpecCauses(podSpec, 'spec.template.spec'));
  return causes;
}

const CONTAINER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function podSpecCauses(spec: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const containers = list(spec.containers);
  if (containers.length === 0) causes.push({ field: `${path}.containers`, detail: 'Required value' });
  const check = (field: string, items: unknown[]): void =>
    items.forEach((item, i) => {
      const c = obj(item) ?? {};
      const at = `${path}.${field}[${i}]`;
      if (typeof c.name === 'string' && !CONTAINER_NAME.test(c.name)) {
        causes.push({
          field: `${at}.name`,
          detail:
            `Invalid value: ${JSON.stringify(c.name)}: a lowercase RFC 1123 label must consist of lower case ` +
            "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  " +
            "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        });
      }
      if (c.image === undefined || c.image === '') causes.push({ field: `${at}.image`, detail: 'Required value' });
      list(c.ports).forEach((portItem, j) => {
        const port = obj(portItem)?.containerPort;
        if (typeof port === 'number' && (port < 1 || port > 65535)) {
          causes.push({
            field: `${at}.ports[${j}].containerPort`,
            detail: `Invalid value: ${port}: must be between 1 and 65535, inclusive`,
          });
        }
      });
    });
  check('initContainers', list(spec.initContainers));
  check('containers', containers);
  return causes;
}

function serviceCauses(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = list(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && spec.type !== 'ExternalName' && !headless) {
    causes.push({ field: 'spec.ports', detail: 'Required value' });
  }
  const names = new Set<string>();
  ports.forEach((item, i) => {
    const port = obj(item) ?? {};
    if (ports.length > 1 && (port.name === undefined || port.name === '')) {
      causes.push({ field: `spec.ports[${i}].name`, detail: 'Required value' });
    }
    if (typeof port.name === 'string' && port.name !== '') {
      if (names.has(port.name))
        causes.push({ field: `spec.ports[${i}].name`, detail: `Duplicate value: ${JSON.stringify(port.name)}` });
      names.add(port.name);
    }
    if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) {
      causes.push({
        field: `spec.ports[${i}].port`,
        detail: `Invalid value: ${port.port}: must be between 1 and 65535, inclusive`,
      });
    }
  });
  return causes;
}

/** Go's %#v of a LabelSelector with matchLabels only, as the immutability error quotes it. */
function goLabelSelector(selector: Obj | undefined): string {
  const matchLabels = obj(selector?.matchLabels);
  const labels = matchLabels === undefined ? 'map[string]string(nil)' : goMap(matchLabels);
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

/** Rules that compare an update with the stored object: fields that may not change once set. */
export function updateCauses(kind: string, current: ObjectInput, next: ObjectInput): StatusCause[] {
  const before = obj(current.spec) ?? {};
  const after = obj(next.spec) ?? {};
  if (
    (kind === 'Deployment' || kind === 'ReplicaSet') &&
    JSON.stringify(sortKeys(before.selector)) !== JSON.stringify(sortKeys(after.selector))
  ) {
    return [
      { field: 'spec.selector', detail: `Invalid value: ${goLabelSelector(obj(after.selector))}: field is immutable` },
    ];
  }
  if (
    kind === 'Service' &&
    typeof before.clusterIP === 'string' &&
    typeof after.clusterIP === 'string' &&
    before.clusterIP !== after.clusterIP
  ) {
    return [
      {
        field: 'spec.clusterIPs[0]',
        detail: `Invalid value: []string{${JSON.stringify(after.clusterIP)}}: may not change once set`,
      },
    ];
  }
  return [];
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  const o = obj(value);
  if (o === undefined) return value;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortKeys(o[k])]),
  );
}
