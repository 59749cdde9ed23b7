import {
  checkArray,
  checkDuration,
  checkHeaderMatcher,
  checkInt,
  checkRegex,
  checkRuntimeFraction,
  checkStringMatcher,
  exactlyOne,
  FieldErrors,
  isObject,
  join,
  optionalBool,
  requireObject,
  requireString,
} from './check';
import type { HttpFilterConfigChecks } from './http-filter-checks';
import { STRUCTURE_ONLY } from './http-filter-checks';

export const RETRY_ON_VALUES: ReadonlySet<string> = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

export function checkRetryPolicy(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  const retryOn = r['retry_on'];
  if (typeof retryOn !== 'string') e.add(join(path, 'retry_on'), 'must be a comma-separated string');
  else {
    for (const part of retryOn.split(',')) {
      const cond = part.trim();
      if (cond !== '' && !RETRY_ON_VALUES.has(cond) && !/^\d{3}$/.test(cond)) {
        e.add(join(path, 'retry_on'), `unknown retry condition "${cond}"`);
      }
    }
  }
  checkInt(e, join(path, 'num_retries'), r['num_retries'], 0, 0xffffffff);
  checkDuration(e, join(path, 'per_try_timeout'), r['per_try_timeout']);
  checkArray(e, join(path, 'retriable_status_codes'), r['retriable_status_codes'], (c, p) =>
    checkInt(e, p, c, 100, 599, true),
  );
  checkArray(e, join(path, 'retry_host_predicate'), r['retry_host_predicate'], (h, p) => {
    const o = requireObject(e, p, h);
    if (o !== undefined) requireString(e, join(p, 'name'), o['name']);
  });
  checkInt(e, join(path, 'host_selection_retry_max_attempts'), r['host_selection_retry_max_attempts'], 0, 0xffffffff);
  if (r['retry_back_off'] !== undefined) {
    const b = requireObject(e, join(path, 'retry_back_off'), r['retry_back_off']);
    if (b !== undefined) {
      checkDuration(e, join(path, 'retry_back_off.base_interval'), b['base_interval'], {
        required: true,
        positive: true,
      });
      checkDuration(e, join(path, 'retry_back_off.max_interval'), b['max_interval'], { positive: true });
    }
  }
}

function checkRouteMatch(e: FieldErrors, path: string, v: unknown): void {
  const m = requireObject(e, path, v);
  if (m === undefined) return;
  const kind = exactlyOne(e, path, m, ['prefix', 'path', 'safe_regex']);
  if (kind === 'safe_regex') checkRegex(e, join(path, 'safe_regex'), m['safe_regex']);
  else if (kind !== undefined && typeof m[kind] !== 'string') e.add(join(path, kind), 'must be a string');
  else if (kind === 'path' && !(m['path'] as string).startsWith('/')) e.add(join(path, 'path'), 'must start with /');
  optionalBool(e, join(path, 'case_sensitive'), m['case_sensitive']);
  checkArray(e, join(path, 'headers'), m['headers'], (h, p) => checkHeaderMatcher(e, p, h));
  checkArray(e, join(path, 'query_parameters'), m['query_parameters'], (q, p) => {
    const o = requireObject(e, p, q);
    if (o === undefined) return;
    requireString(e, join(p, 'name'), o['name']);
    if (o['string_match'] !== undefined && o['present_match'] !== undefined)
      e.add(p, 'sets string_match and present_match; only one is allowed');
    if (o['string_match'] !== undefined) checkStringMatcher(e, join(p, 'string_match'), o['string_match']);
    optionalBool(e, join(p, 'present_match'), o['present_match']);
  });
  if (m['runtime_fraction'] !== undefined)
    checkRuntimeFraction(e, join(path, 'runtime_fraction'), m['runtime_fraction']);
}

function checkWeightedClusters(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): void {
  const w = requireObject(e, path, v);
  if (w === undefined) return;
  let sum = 0;
  let valid = true;
  checkArray(
    e,
    join(path, 'clusters'),
    w['clusters'],
    (c, p) => {
      const o = requireObject(e, p, c);
      if (o === undefined) return void (valid = false);
      requireString(e, join(p, 'name'), o['name']);
      const weight = o['weight'];
      if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0) {
        e.add(join(p, 'weight'), 'must be an integer ≥ 0');
        valid = false;
      } else sum += weight;
      checkTypedPerFilterConfig(e, join(p, 'typed_per_filter_config'), o['typed_per_filter_config'], filters);
    },
    { required: true, nonEmpty: true },
  );
  if (valid && Array.isArray(w['clusters']) && w['clusters'].length > 0 && sum === 0) e.add(path, 'weights sum to 0');
  if (w['total_weight'] !== undefined && w['total_weight'] !== sum)
    e.add(join(path, 'total_weight'), `is ${String(w['total_weight'])} but the weights sum to ${sum}`);
}

function checkHashPolicy(e: FieldErrors, path: string, v: unknown): void {
  const h = requireObject(e, path, v);
  if (h === undefined) return;
  const kind = exactlyOne(e, path, h, ['header', 'cookie', 'connection_properties', 'query_parameter']);
  if (kind === 'header') {
    const o = requireObject(e, join(path, 'header'), h['header']);
    if (o !== undefined) requireString(e, join(path, 'header.header_name'), o['header_name']);
  } else if (kind === 'cookie' || kind === 'query_parameter') {
    const o = requireObject(e, join(path, kind), h[kind]);
    if (o !== undefined) requireString(e, join(path, `${kind}.name`), o['name']);
    if (kind === 'cookie' && o !== undefined) checkDuration(e, join(path, 'cookie.ttl'), o['ttl']);
  }
}

function checkRouteAction(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): void {
  const a = requireObject(e, path, v);
  if (a === undefined) return;
  const kind = exactlyOne(e, path, a, ['cluster', 'weighted_clusters']);
  if (kind === 'cluster') requireString(e, join(path, 'cluster'), a['cluster']);
  else if (kind === 'weighted_clusters')
    checkWeightedClusters(e, join(path, 'weighted_clusters'), a['weighted_clusters'], filters);
  checkDuration(e, join(path, 'timeout'), a['timeout']);
  checkDuration(e, join(path, 'idle_timeout'), a['idle_timeout']);
  if (a['retry_policy'] !== undefined) checkRetryPolicy(e, join(path, 'retry_policy'), a['retry_policy']);
  checkArray(e, join(path, 'request_mirror_policies'), a['request_mirror_policies'], (m, p) => {
    const o = requireObject(e, p, m);
    if (o === undefined) return;
    requireString(e, join(p, 'cluster'), o['cluster']);
    if (o['runtime_fraction'] !== undefined)
      checkRuntimeFraction(e, join(p, 'runtime_fraction'), o['runtime_fraction']);
  });
  checkArray(e, join(path, 'hash_policy'), a['hash_policy'], (h, p) => checkHashPolicy(e, p, h));
  if (a['regex_rewrite'] !== undefined) {
    const r = requireObject(e, join(path, 'regex_rewrite'), a['regex_rewrite']);
    if (r !== undefined) {
      checkRegex(e, join(path, 'regex_rewrite.pattern'), r['pattern']);
      if (typeof r['substitution'] !== 'string') e.add(join(path, 'regex_rewrite.substitution'), 'must be a string');
    }
  }
}

function checkRoute(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  checkRouteMatch(e, join(path, 'match'), r['match']);
  const kind = exactlyOne(e, path, r, ['route', 'direct_response', 'redirect']);
  if (kind === 'route') checkRouteAction(e, join(path, 'route'), r['route'], filters);
  else if (kind === 'redirect') {
    const d = requireObject(e, join(path, 'redirect'), r['redirect']);
    const code = d?.['response_code'];
    if (
      code !== undefined &&
      !['MOVED_PERMANENTLY', 'FOUND', 'SEE_OTHER', 'TEMPORARY_REDIRECT', 'PERMANENT_REDIRECT'].includes(String(code))
    ) {
      e.add(
        join(path, 'redirect.response_code'),
        'must be MOVED_PERMANENTLY, FOUND, SEE_OTHER, TEMPORARY_REDIRECT or PERMANENT_REDIRECT',
      );
    }
    if (d !== undefined) checkInt(e, join(path, 'redirect.port_redirect'), d['port_redirect'], 0, 65535);
  } else if (kind === 'direct_response') {
    const d = requireObject(e, join(path, 'direct_response'), r['direct_response']);
    if (d !== undefined) checkInt(e, join(path, 'direct_response.status'), d['status'], 200, 599, true);
  }
  checkTypedPerFilterConfig(e, join(path, 'typed_per_filter_config'), r['typed_per_filter_config'], filters);
}

/** typed_per_filter_config: each filter's per-route message, checked by that filter; other names are not looked into. */
function checkTypedPerFilterConfig(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): void {
  if (v === undefined) return;
  const t = requireObject(e, path, v);
  if (t === undefined) return;
  for (const [name, config] of Object.entries(t)) {
    const check = filters.get(name)?.checkPerRouteConfig;
    if (check !== undefined && config !== undefined) check(e, join(path, `[${JSON.stringify(name)}]`), config);
  }
}

const DOMAIN_PATTERN = /^(\*|\*?[^*]+|[^*]+\*)$/;

/** Checks a RouteConfiguration at `base` (empty for an RDS resource, a field path for an inline one). */
export function checkRouteConfiguration(
  e: FieldErrors,
  base: string,
  v: unknown,
  requireName: boolean,
  filters: HttpFilterConfigChecks,
): void {
  if (!isObject(v)) return void e.add(base, 'must be an object');
  if (requireName) requireString(e, join(base, 'name'), v['name']);
  const seenDomains = new Map<string, number>();
  checkArray(e, join(base, 'virtual_hosts'), v['virtual_hosts'], (vh, p, i) => {
    const o = requireObject(e, p, vh);
    if (o === undefined) return;
    requireString(e, join(p, 'name'), o['name']);
    checkArray(
      e,
      join(p, 'domains'),
      o['domains'],
      (d, dp) => {
        if (typeof d !== 'string' || d === '') return e.add(dp, 'must be a non-empty string');
        if (!DOMAIN_PATTERN.test(d)) return e.add(dp, `"${d}" may have a wildcard only at its start or end`);
        const lower = d.toLowerCase();
        const other = seenDomains.get(lower);
        if (other !== undefined)
          e.add(dp, `"${d}" is already served by virtual_hosts[${other}]; domains must be unique`);
        else seenDomains.set(lower, i);
      },
      { required: true, nonEmpty: true },
    );
    checkArray(e, join(p, 'routes'), o['routes'], (r, rp) => checkRoute(e, rp, r, filters));
    if (o['retry_policy'] !== undefined) checkRetryPolicy(e, join(p, 'retry_policy'), o['retry_policy']);
    checkTypedPerFilterConfig(e, join(p, 'typed_per_filter_config'), o['typed_per_filter_config'], filters);
  });
  optionalBool(e, join(base, 'ignore_port_in_host_matching'), v['ignore_port_in_host_matching']);
}

/** All problems with an RDS RouteConfiguration; empty when it is valid. */
export function validateRouteConfiguration(v: unknown, filters: HttpFilterConfigChecks = STRUCTURE_ONLY): string[] {
  const name = isObject(v) && typeof v['name'] === 'string' ? v['name'] : '';
  const e = new FieldErrors('RouteConfiguration', name);
  checkRouteConfiguration(e, '', v, true, filters);
  return e.messages;
}
