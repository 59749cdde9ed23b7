import {
  type FieldErrors,
  checkArray,
  checkDuration,
  checkFractionalPercent,
  checkHeaderMatcher,
  checkInt,
  join,
  requireObject,
} from '../../../xds/index';

/** HTTPFault, as the filter's typed_config and as its per-route config. */
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
