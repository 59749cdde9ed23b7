import {
  type FieldErrors,
  checkArray,
  checkDuration,
  checkInt,
  checkRuntimeFraction,
  join,
  requireObject,
  requireString,
} from '../../../xds/index';

/** LocalRateLimit, as the filter's typed_config and as its per-route config. */
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
