import { type FieldErrors, checkArray, exactlyOne, isObject, join, requireObject } from '../../../xds/index';

const REQUIREMENT_KINDS = [
  'provider_name',
  'requires_any',
  'requires_all',
  'allow_missing',
  'allow_missing_or_failed',
] as const;

function checkRequirement(e: FieldErrors, path: string, v: unknown, providers: ReadonlySet<string>): void {
  const r = requireObject(e, path, v);
  if (r === undefined) return;
  const kind = exactlyOne(e, path, r, REQUIREMENT_KINDS);
  if (kind === 'provider_name') {
    const name = r[kind];
    if (typeof name !== 'string' || !providers.has(name))
      e.add(join(path, kind), `Required provider ['${String(name)}'] is not configured.`);
  } else if (kind === 'requires_any' || kind === 'requires_all') {
    const group = requireObject(e, join(path, kind), r[kind]);
    if (group !== undefined)
      checkArray(
        e,
        join(path, `${kind}.requirements`),
        group['requirements'],
        (x, xp) => checkRequirement(e, xp, x, providers),
        { required: true, nonEmpty: true },
      );
  }
}

/** JwtAuthentication, the filter's typed_config: providers by name, rules whose requirements name them. */
export function checkJwtAuthentication(e: FieldErrors, path: string, v: unknown): void {
  const config = requireObject(e, path, v);
  if (config === undefined) return;
  const providers = config['providers'];
  if (providers !== undefined && !isObject(providers))
    e.add(join(path, 'providers'), 'must be a map of name to provider');
  const names = new Set(isObject(providers) ? Object.keys(providers) : []);
  for (const name of names) {
    const p = requireObject(e, join(path, `providers["${name}"]`), (providers as Record<string, unknown>)[name]);
    if (p !== undefined && p['remote_jwks'] !== undefined)
      e.add(join(path, `providers["${name}"].remote_jwks`), 'is not simulated: istiod inlines the keys as local_jwks');
  }
  checkArray(e, join(path, 'rules'), config['rules'], (rule, rp) => {
    const r = requireObject(e, rp, rule);
    if (r === undefined) return;
    requireObject(e, join(rp, 'match'), r['match']);
    if (r['requires'] !== undefined) checkRequirement(e, join(rp, 'requires'), r['requires'], names);
  });
}
