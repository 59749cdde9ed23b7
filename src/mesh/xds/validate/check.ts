import { parseDuration } from '../duration';
import { compileRe2 } from '../re2';

/**
 * Collects validation errors for one resource. Each message names the resource and the field path,
 * e.g. `RouteConfiguration "x": virtual_hosts[0].routes[2].route.weighted_clusters: weights sum to 0`,
 * because that text is what a learner reads when the proxy NACKs a config.
 */
export class FieldErrors {
  readonly messages: string[] = [];

  constructor(
    readonly kind: string,
    readonly resourceName: string,
  ) {}

  add(path: string, problem: string): void {
    const where = path === '' ? '' : `${path}: `;
    this.messages.push(`${this.kind} "${this.resourceName}": ${where}${problem}`);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function join(path: string, field: string): string {
  if (path === '') return field;
  return field.startsWith('[') ? `${path}${field}` : `${path}.${field}`;
}

/** Requires a non-empty string; returns it or undefined after recording the error. */
export function requireString(e: FieldErrors, path: string, v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') {
    e.add(path, v === undefined ? 'is required' : 'must be a non-empty string');
    return undefined;
  }
  return v;
}

export function optionalString(e: FieldErrors, path: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'string') e.add(path, 'must be a string');
}

export function optionalBool(e: FieldErrors, path: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'boolean') e.add(path, 'must be true or false');
}

export function checkInt(e: FieldErrors, path: string, v: unknown, min: number, max: number, required = false): void {
  if (v === undefined) {
    if (required) e.add(path, 'is required');
    return;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    e.add(path, `must be an integer in [${min}, ${max}]`);
  }
}

export function checkDuration(
  e: FieldErrors,
  path: string,
  v: unknown,
  opts: { required?: boolean; positive?: boolean } = {},
): void {
  if (v === undefined) {
    if (opts.required === true) e.add(path, 'is required');
    return;
  }
  const ms = parseDuration(v);
  if (ms === undefined) {
    e.add(path, `must be a duration like "0.5s" (got ${JSON.stringify(v)})`);
  } else if (opts.positive === true && ms <= 0) {
    e.add(path, 'must be greater than 0s');
  }
}

/** Runs `each` over an array field; records an error if the value is not an array. */
export function checkArray(
  e: FieldErrors,
  path: string,
  v: unknown,
  each: (item: unknown, itemPath: string, index: number) => void,
  opts: { required?: boolean; nonEmpty?: boolean } = {},
): void {
  if (v === undefined) {
    if (opts.required === true) e.add(path, 'is required');
    return;
  }
  if (!Array.isArray(v)) {
    e.add(path, 'must be a list');
    return;
  }
  if (opts.nonEmpty === true && v.length === 0) e.add(path, 'must not be empty');
  v.forEach((item, i) => each(item, `${path}[${i}]`, i));
}

/** Requires an object; returns it or undefined after recording the error. */
export function requireObject(e: FieldErrors, path: string, v: unknown): Record<string, unknown> | undefined {
  if (!isObject(v)) {
    e.add(path, v === undefined ? 'is required' : 'must be an object');
    return undefined;
  }
  return v;
}

/** Exactly one of `fields` set on `o`; returns the one set. */
export function exactlyOne(
  e: FieldErrors,
  path: string,
  o: Record<string, unknown>,
  fields: readonly string[],
): string | undefined {
  const set = fields.filter((f) => o[f] !== undefined);
  if (set.length === 1) return set[0];
  e.add(
    path,
    set.length === 0 ? `needs one of ${fields.join(', ')}` : `sets ${set.join(' and ')}; only one is allowed`,
  );
  return undefined;
}

export function checkRegex(e: FieldErrors, path: string, v: unknown): void {
  const m = requireObject(e, path, v);
  if (m === undefined) return;
  const regex = requireString(e, join(path, 'regex'), m['regex']);
  if (regex === undefined) return;
  const compiled = compileRe2(regex);
  if (!compiled.ok) e.add(join(path, 'regex'), compiled.error);
}

const STRING_MATCH_KINDS = ['exact', 'prefix', 'suffix', 'contains', 'safe_regex'] as const;

export function checkStringMatcher(e: FieldErrors, path: string, v: unknown): void {
  const m = requireObject(e, path, v);
  if (m === undefined) return;
  const kind = exactlyOne(e, path, m, STRING_MATCH_KINDS);
  if (kind === 'safe_regex') checkRegex(e, join(path, 'safe_regex'), m['safe_regex']);
  else if (kind !== undefined) {
    if (typeof m[kind] !== 'string') e.add(join(path, kind), 'must be a string');
    if (kind !== 'exact' && m[kind] === '') e.add(join(path, kind), 'must not be empty');
  }
  optionalBool(e, join(path, 'ignore_case'), m['ignore_case']);
}

export function checkFractionalPercent(e: FieldErrors, path: string, v: unknown): void {
  const p = requireObject(e, path, v);
  if (p === undefined) return;
  checkInt(e, join(path, 'numerator'), p['numerator'], 0, 0xffffffff, true);
  const d = p['denominator'];
  if (d !== undefined && d !== 'HUNDRED' && d !== 'TEN_THOUSAND' && d !== 'MILLION') {
    e.add(join(path, 'denominator'), 'must be HUNDRED, TEN_THOUSAND or MILLION');
  }
}

export function checkRuntimeFraction(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  checkFractionalPercent(e, join(path, 'default_value'), r['default_value']);
}

export function checkAddress(e: FieldErrors, path: string, v: unknown): void {
  const a = requireObject(e, path, v);
  if (a === undefined) return;
  const s = requireObject(e, join(path, 'socket_address'), a['socket_address']);
  if (s === undefined) return;
  requireString(e, join(path, 'socket_address.address'), s['address']);
  checkInt(e, join(path, 'socket_address.port_value'), s['port_value'], 0, 65535, true);
}

const HEADER_MATCH_KINDS = ['string_match', 'present_match'] as const;

/** Envoy's HeaderMatcher, shared by route matches and by filters (fault, RBAC). */
export function checkHeaderMatcher(e: FieldErrors, path: string, v: unknown): void {
  const h = requireObject(e, path, v);
  if (h === undefined) return;
  requireString(e, join(path, 'name'), h['name']);
  const set = HEADER_MATCH_KINDS.filter((k) => h[k] !== undefined);
  if (set.length > 1) e.add(path, 'sets string_match and present_match; only one is allowed');
  if (h['string_match'] !== undefined) checkStringMatcher(e, join(path, 'string_match'), h['string_match']);
  optionalBool(e, join(path, 'present_match'), h['present_match']);
  optionalBool(e, join(path, 'invert_match'), h['invert_match']);
  optionalBool(e, join(path, 'treat_missing_header_as_empty'), h['treat_missing_header_as_empty']);
}
