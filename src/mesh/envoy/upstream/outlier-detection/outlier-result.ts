/**
 * What the router reports about each try to a host (Envoy: `Outlier::Result` and `DetectorHostMonitor` in
 * `envoy/upstream/outlier_detection.h`). Apart from types.ts because every host holds a monitor: this
 * contract must not depend on the host.
 */

/**
 * A result that is not an HTTP status code (Envoy: `Outlier::Result`). Istio never sets
 * split_external_local_origin_errors by default, so each maps onto a status code exactly as Envoy does:
 * - `timeout` (LOCAL_ORIGIN_TIMEOUT) → 504: a 5xx AND a gateway failure;
 * - `connect-failure` (LOCAL_ORIGIN_CONNECT_FAILED) → 503: a 5xx AND a gateway failure;
 * - `reset` → 503 like a connect failure (Envoy's router reports every upstream reset as
 *   LOCAL_ORIGIN_CONNECT_FAILED — except a circuit-breaker overflow, which the router must NOT report);
 * - `success` (EXT_ORIGIN_REQUEST_SUCCESS / LOCAL_ORIGIN_CONNECT_SUCCESS_FINAL) → 200: resets counters.
 */
export const OutlierResult = {
  SUCCESS: 'success',
  TIMEOUT: 'timeout',
  RESET: 'reset',
  CONNECT_FAILURE: 'connect-failure',
} as const;
export type OutlierResult = (typeof OutlierResult)[keyof typeof OutlierResult];

/** What the router reports per host (Envoy: `DetectorHostMonitor`). */
export interface HostMonitor {
  /** Every upstream response status (after the response headers arrive), success or not. */
  putHttpResponseCode(code: number): void;
  /** A result without a response: timeout, reset, connect failure, or success at connection level. */
  putResult(result: OutlierResult): void;
}
