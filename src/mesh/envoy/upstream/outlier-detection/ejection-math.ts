/** Pure arithmetic of outlier detection, kept apart so lessons can show (and tests can pin) each rule. */
import { OutlierResult } from './outlier-result';

/** 502, 503, 504: Envoy's "gateway errors". */
export function isGatewayError(code: number): boolean {
  return code === 502 || code === 503 || code === 504;
}

export function is5xx(code: number): boolean {
  return code >= 500 && code < 600;
}

/**
 * The status a non-HTTP result counts as when local and external errors are not split (Istio's default):
 * timeout 504, connect failure and reset 503, success 200.
 */
export function resultToHttpCode(result: OutlierResult): number {
  switch (result) {
    case OutlierResult.SUCCESS:
      return 200;
    case OutlierResult.TIMEOUT:
      return 504;
    case OutlierResult.RESET:
    case OutlierResult.CONNECT_FAILURE:
      return 503;
  }
}

/**
 * May one more host be ejected? Envoy (since 1.28, Istio 1.20) compares the percentage AFTER this ejection with
 * max_ejection_percent: `100 × (active + 1) / hosts ≤ max`. So with the default 10% a cluster of fewer than
 * 10 hosts ejects nothing, unless always_eject_one_host lets the first ejection through.
 */
export function mayEject(
  activeEjections: number,
  totalHosts: number,
  maxEjectionPercent: number,
  alwaysEjectOneHost: boolean,
): boolean {
  if (totalHosts <= 0) return false;
  const max = Math.min(100, maxEjectionPercent);
  const percentAfter = (100 * (activeEjections + 1)) / totalHosts;
  return percentAfter <= max || (alwaysEjectOneHost && activeEjections === 0);
}

/**
 * The backoff after one more ejection: +1, but only while base × backoff < max + base, so that a host
 * ejected many times needs a bounded number of healthy intervals to decay back.
 */
export function backoffAfterEjection(backoff: number, baseMs: number, maxMs: number): number {
  return backoff * baseMs < maxMs + baseMs ? backoff + 1 : backoff;
}

/** How long an ejection lasts: min(base × backoff, max) + jitter. */
export function ejectionDurationMs(backoff: number, baseMs: number, maxMs: number, jitterMs = 0): number {
  return Math.min(baseMs * backoff, maxMs) + jitterMs;
}
