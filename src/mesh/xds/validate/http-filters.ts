import {
  checkArray,
  checkDuration,
  checkFractionalPercent,
  checkInt,
  checkRuntimeFraction,
  checkStringMatcher,
  exactlyOne,
  isObject,
  join,
  optionalBool,
  requireObject,
  requireString,
} from './check';
import type { FieldErrors } from './check';

const HEADER_MATCH_KINDS = ['string_match', 'present_match'] as const;

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

export function checkFault(e: FieldErrors, path: string, v: unknown): void {
  const f = requireObject(e, path, v);
  if (f === undefined) return;
  if (f['delay'] !== undefined) {
    const d = requireObject(e, join(path, 'delay'), f['delay']);
    if (d !== undefined) {
      checkDuration(e, join(path, 'delay.fixed_delay'), d['fixed_delay'], { required: true });
      if (d['percentage'] !== undefined) checkFractionalPercent(e, join(path, 'delay.percentage'), d['percentage']);
    }
  }
  if (f['abort'] !== undefined) {
    const a = requireObject(e, join(path, 'abort'), f['abort']);
    if (a !== undefined) {
      checkInt(e, join(path, 'abort.http_status'), a['http_status'], 200, 599, true);
      if (a['percentage'] !== undefined) checkFractionalPercent(e, join(path, 'abort.percentage'), a['percentage']);
    }
  }
  checkArray(e, join(path, 'headers'), f['headers'], (h, p) => checkHeaderMatcher(e, p, h));
  checkInt(e, join(path, 'max_active_faults'), f['max_active_faults'], 0, 0xffffffff);
}

export function checkLocalRateLimit(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  requireString(e, join(path, 'stat_prefix'), r['stat_prefix']);
  if (r['token_bucket'] !== undefined) {
    const b = requireObject(e, join(path, 'token_bucket'), r['token_bucket']);
    if (b !== undefined) {
      checkInt(e, join(path, 'token_bucket.max_tokens'), b['max_tokens'], 1, 0xffffffff, true);
      checkInt(e, join(path, 'token_bucket.tokens_per_fill'), b['tokens_per_fill'], 1, 0xffffffff);
      checkDuration(e, join(path, 'token_bucket.fill_interval'), b['fill_interval'], {
        required: true,
        positive: true,
      });
    }
  }
  if (r['filter_enabled'] !== undefined) checkRuntimeFraction(e, join(path, 'filter_enabled'), r['filter_enabled']);
  if (r['filter_enforced'] !== undefined) checkRuntimeFraction(e, join(path, 'filter_enforced'), r['filter_enforced']);
  checkArray(e, join(path, 'response_headers_to_add'), r['response_headers_to_add'], (h, p) => {
    const o = requireObject(e, p, h);
    const header = o === undefined ? undefined : requireObject(e, join(p, 'header'), o['header']);
    if (header !== undefined) requireString(e, join(p, 'header.key'), header['key']);
  });
}

const PERMISSION_KINDS = [
  'any',
  'and_rules',
  'or_rules',
  'not_rule',
  'header',
  'url_path',
  'destination_port',
] as const;
const PRINCIPAL_KINDS = [
  'any',
  'and_ids',
  'or_ids',
  'not_id',
  'authenticated',
  'header',
  'direct_remote_ip',
  'remote_ip',
] as const;

function checkPermission(e: FieldErrors, path: string, v: unknown): void {
  const p = requireObject(e, path, v);
  if (p === undefined) return;
  const kind = exactlyOne(e, path, p, PERMISSION_KINDS);
  if (kind === 'and_rules' || kind === 'or_rules') {
    const group = requireObject(e, join(path, kind), p[kind]);
    if (group !== undefined)
      checkArray(e, join(path, `${kind}.rules`), group['rules'], (r, rp) => checkPermission(e, rp, r), {
        required: true,
      });
  } else if (kind === 'not_rule') checkPermission(e, join(path, kind), p[kind]);
  else if (kind === 'header') checkHeaderMatcher(e, join(path, kind), p[kind]);
  else if (kind === 'url_path') {
    const u = requireObject(e, join(path, kind), p[kind]);
    if (u !== undefined) checkStringMatcher(e, join(path, 'url_path.path'), u['path']);
  } else if (kind === 'destination_port') checkInt(e, join(path, kind), p[kind], 0, 65535);
}

function checkPrincipal(e: FieldErrors, path: string, v: unknown): void {
  const p = requireObject(e, path, v);
  if (p === undefined) return;
  const kind = exactlyOne(e, path, p, PRINCIPAL_KINDS);
  if (kind === 'and_ids' || kind === 'or_ids') {
    const group = requireObject(e, join(path, kind), p[kind]);
    if (group !== undefined)
      checkArray(e, join(path, `${kind}.ids`), group['ids'], (r, rp) => checkPrincipal(e, rp, r), { required: true });
  } else if (kind === 'not_id') checkPrincipal(e, join(path, kind), p[kind]);
  else if (kind === 'header') checkHeaderMatcher(e, join(path, kind), p[kind]);
  else if (kind === 'authenticated') {
    const a = requireObject(e, join(path, kind), p[kind]);
    if (a !== undefined && a['principal_name'] !== undefined)
      checkStringMatcher(e, join(path, 'authenticated.principal_name'), a['principal_name']);
  }
}

export function checkRbac(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  for (const field of ['rules', 'shadow_rules'] as const) {
    if (r[field] === undefined) continue;
    const rules = requireObject(e, join(path, field), r[field]);
    if (rules === undefined) continue;
    const action = rules['action'];
    if (action !== 'ALLOW' && action !== 'DENY' && action !== 'LOG')
      e.add(join(path, `${field}.action`), 'must be ALLOW, DENY or LOG');
    const policies = rules['policies'];
    if (policies === undefined) continue;
    if (!isObject(policies)) {
      e.add(join(path, `${field}.policies`), 'must be a map of policy name to policy');
      continue;
    }
    for (const [name, policy] of Object.entries(policies)) {
      const pp = join(path, `${field}.policies["${name}"]`);
      const po = requireObject(e, pp, policy);
      if (po === undefined) continue;
      checkArray(e, join(pp, 'permissions'), po['permissions'], (x, xp) => checkPermission(e, xp, x), {
        required: true,
      });
      checkArray(e, join(pp, 'principals'), po['principals'], (x, xp) => checkPrincipal(e, xp, x), { required: true });
    }
  }
}

export function checkRbacPerRoute(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r !== undefined && r['rbac'] !== undefined) checkRbac(e, join(path, 'rbac'), r['rbac']);
}

/** typed_per_filter_config: known filter names are checked; unknown names are ignored as Envoy would. */
export function checkTypedPerFilterConfig(e: FieldErrors, path: string, v: unknown): void {
  if (v === undefined) return;
  const t = requireObject(e, path, v);
  if (t === undefined) return;
  const fault = t['envoy.filters.http.fault'];
  if (fault !== undefined) checkFault(e, join(path, '["envoy.filters.http.fault"]'), fault);
  const rbac = t['envoy.filters.http.rbac'];
  if (rbac !== undefined) checkRbacPerRoute(e, join(path, '["envoy.filters.http.rbac"]'), rbac);
  const rl = t['envoy.filters.http.local_ratelimit'];
  if (rl !== undefined) checkLocalRateLimit(e, join(path, '["envoy.filters.http.local_ratelimit"]'), rl);
}
