import { describe, expect, it } from 'vitest';
import { OUTLIER_DETECTION_DEFAULTS, outlierConfigFromIstio, resolveOutlierConfig } from './config';
import { backoffAfterEjection, ejectionDurationMs, isGatewayError, mayEject, resultToHttpCode } from './ejection-math';
import { OutlierResult } from './outlier-result';

describe('outlier detection config', () => {
  it("an empty outlierDetection block gets Envoy's defaults: 5 consecutive 5xx, 10 s interval, 30 s base, 10%", () => {
    expect(outlierConfigFromIstio({})).toEqual({
      consecutive5xx: 5,
      enforcingConsecutive5xx: 100,
      consecutiveGatewayFailure: 5,
      enforcingConsecutiveGatewayFailure: 0,
      intervalMs: 10_000,
      baseEjectionTimeMs: 30_000,
      maxEjectionTimeMs: 300_000,
      maxEjectionTimeJitterMs: 0,
      maxEjectionPercent: 10,
      alwaysEjectOneHost: false,
    });
    expect(OUTLIER_DETECTION_DEFAULTS.consecutive5xx).toBe(5);
  });

  it('Istio enforces a set threshold at 100% when > 0 and at 0% when 0', () => {
    const c = outlierConfigFromIstio({ consecutive5xxErrors: 0, consecutiveGatewayErrors: 2 });
    expect([c.consecutive5xx, c.enforcingConsecutive5xx]).toEqual([0, 0]);
    expect([c.consecutiveGatewayFailure, c.enforcingConsecutiveGatewayFailure]).toEqual([2, 100]);
  });

  it('refuses max_ejection_time below base_ejection_time, as Envoy does', () => {
    expect(() => resolveOutlierConfig({ baseEjectionTimeMs: 60_000, maxEjectionTimeMs: 30_000 })).toThrow(
      /max_ejection_time/,
    );
  });
});

describe('outlier detection arithmetic', () => {
  it('gateway errors are exactly 502, 503, 504', () => {
    expect([500, 501, 502, 503, 504, 505].filter(isGatewayError)).toEqual([502, 503, 504]);
  });

  it('local results map to codes: timeout 504, reset and connect failure 503, success 200', () => {
    expect(resultToHttpCode(OutlierResult.TIMEOUT)).toBe(504);
    expect(resultToHttpCode(OutlierResult.RESET)).toBe(503);
    expect(resultToHttpCode(OutlierResult.CONNECT_FAILURE)).toBe(503);
    expect(resultToHttpCode(OutlierResult.SUCCESS)).toBe(200);
  });

  it('mayEject compares the percentage after the ejection with the max', () => {
    expect(mayEject(0, 9, 10, false)).toBe(false); // 11.1% > 10%
    expect(mayEject(0, 10, 10, false)).toBe(true); // 10% ≤ 10%
    expect(mayEject(1, 10, 10, false)).toBe(false);
    expect(mayEject(0, 1, 100, false)).toBe(true);
    expect(mayEject(0, 3, 10, true)).toBe(true);
    expect(mayEject(1, 3, 10, true)).toBe(false);
    expect(mayEject(0, 2, 0, false)).toBe(false);
  });

  it('backoff grows by one per ejection while base × backoff < max + base, then stops', () => {
    let b = 0;
    const seen: number[] = [];
    for (let i = 0; i < 14; i++) seen.push((b = backoffAfterEjection(b, 30, 300)));
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(Math.max(...seen)).toBe(11);
    expect(ejectionDurationMs(11, 30, 300)).toBe(300);
    expect(ejectionDurationMs(2, 30, 300, 7)).toBe(67);
  });
});
