/**
 * The CEL rule Istio's CRDs put on every protobuf Duration field (`duration(self) >= duration('1ms')`, message
 * "must be a valid duration greater than 1ms"), which the published model packages leave out. It is what stops
 * `outlierDetection.interval: 1us` at the API server, before an Envoy would run its detector a million times a
 * second.
 */
import type { StatusCause } from '../errors';

/** Duration fields of Istio's networking, security and telemetry APIs, by their protobuf JSON name. */
const DURATION_FIELDS = new Set([
  'baseEjectionTime',
  'connectTimeout',
  'fixedDelay',
  'idleTimeout',
  'interval',
  'maxAge',
  'maxConnectionDuration',
  'perTryTimeout',
  'reportingInterval',
  'time',
  'timeout',
  'ttl',
  'warmupDurationSecs',
]);

/** Kinds whose durations the rule covers; an EnvoyFilter's patches are free-form Envoy config it never sees. */
const RULED_GROUPS = new Set(['networking.istio.io', 'security.istio.io', 'telemetry.istio.io']);

const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/** The rule's failures in `spec` of an object of `group`/`kind`, as the API server reports a CEL rule. */
export function durationRuleCauses(group: string, kind: string, input: Record<string, unknown>): StatusCause[] {
  if (!RULED_GROUPS.has(group) || kind === 'EnvoyFilter') return [];
  const causes: StatusCause[] = [];
  visit(input['spec'], 'spec', causes);
  return causes;
}

function visit(value: unknown, path: string, causes: StatusCause[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${path}[${index}]`, causes));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = `${path}.${key}`;
    if (DURATION_FIELDS.has(key) && typeof child === 'string') {
      // A CEL rule's failure shows the schema type, not the value: `Invalid value: "string"`.
      if (!atLeastOneMs(child))
        causes.push({ field, detail: 'Invalid value: "string": must be a valid duration greater than 1ms' });
    } else visit(child, field, causes);
  }
}

function atLeastOneMs(text: string): boolean {
  if (!GO_DURATION.test(text) || text.startsWith('-')) return false;
  let ms = 0;
  for (const [, amount = '0', unit = ''] of text.matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit] ?? 0);
  return ms >= 1;
}
