import {
  type FieldErrors,
  checkArray,
  checkHeaderMatcher,
  checkInt,
  checkStringMatcher,
  exactlyOne,
  isObject,
  join,
  requireObject,
} from '../../../xds/index';

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
  'metadata',
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
  else if (kind === 'metadata') {
    const m = requireObject(e, join(path, kind), p[kind]);
    if (m !== undefined) {
      if (typeof m['filter'] !== 'string') e.add(join(path, 'metadata.filter'), 'is required');
      checkArray(e, join(path, 'metadata.path'), m['path'], () => undefined, { required: true, nonEmpty: true });
      requireObject(e, join(path, 'metadata.value'), m['value']);
    }
  } else if (kind === 'authenticated') {
    const a = requireObject(e, join(path, kind), p[kind]);
    if (a !== undefined && a['principal_name'] !== undefined)
      checkStringMatcher(e, join(path, 'authenticated.principal_name'), a['principal_name']);
  }
}

/** RBAC, the filter's typed_config. */
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

/** RBACPerRoute, the filter's per-route config. */
export function checkRbacPerRoute(e: FieldErrors, path: string, v: unknown): void {
  const r = requireObject(e, path, v);
  if (r !== undefined && r['rbac'] !== undefined) checkRbac(e, join(path, 'rbac'), r['rbac']);
}
