import type { FractionalPercent, HTTPFault } from '../../xds';
import { percentToFraction } from '../../xds';
import type { HTTPFaultInjection } from '../model/istio-api';
import { toEnvoyDuration } from '../model/duration';

/**
 * Istio's TranslateFault. `percentage.value` (0–100, fractional) becomes a FractionalPercent over a
 * million; without `percentage`, a delay falls back to the deprecated integer `percent` and otherwise to
 * 0 %, and an abort carries no percentage at all, which Envoy reads as 0 %: no percentage, no fault.
 */
export function translateFault(input: HTTPFaultInjection | undefined): HTTPFault | undefined {
  if (input === undefined) return undefined;
  const out: HTTPFault = {};
  const delay = input.delay;
  if (delay !== undefined) {
    const fixed = toEnvoyDuration(delay.fixedDelay);
    // Exponential delays are not supported by Istio either: the delay is dropped.
    if (fixed !== undefined) {
      const percentage: FractionalPercent =
        delay.percentage !== undefined
          ? percentToFraction(delay.percentage.value ?? 0)
          : { numerator: delay.percent ?? 0, denominator: 'HUNDRED' };
      out.delay = { fixed_delay: fixed, percentage };
    }
  }
  const abort = input.abort;
  if (abort?.httpStatus !== undefined) {
    out.abort = { http_status: abort.httpStatus };
    if (abort.percentage !== undefined) out.abort.percentage = percentToFraction(abort.percentage.value ?? 0);
  }
  return out.delay === undefined && out.abort === undefined ? undefined : out;
}
