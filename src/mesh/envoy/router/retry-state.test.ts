import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../sim';
import { ISTIO_DEFAULT_RETRY_POLICY } from '../../xds/index';
import { ClusterStats } from '../stats/cluster-stats';
import { ResourceLimitImpl } from '../upstream/resource-manager-impl';
import { compileRetryPolicy } from './retry-policy';
import { AttemptOutcome, retryBackOffMs, RetryState, RetryStatus, wouldRetry } from './retry-state';

describe('retry back-off', () => {
  it('the n-th retry waits within [0, min(250 ms, (2^n − 1) × 25 ms)), fully jittered', () => {
    const random = new SeededRandom(3);
    for (let n = 1; n <= 8; n++) {
      const ceiling = Math.min(250, (2 ** n - 1) * 25);
      let max = 0;
      let min = Infinity;
      for (let i = 0; i < 2000; i++) {
        const w = retryBackOffMs(n, 25, 250, random);
        max = Math.max(max, w);
        min = Math.min(min, w);
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThan(ceiling);
      expect(max).toBeGreaterThan(ceiling * 0.95); // the whole range is used
      expect(min).toBeLessThan(ceiling * 0.05);
    }
  });
});

describe('retry conditions', () => {
  const istio = compileRetryPolicy(ISTIO_DEFAULT_RETRY_POLICY);
  it("Istio's default retries connect failures but NOT 503 responses", () => {
    expect(wouldRetry(istio, AttemptOutcome.ConnectFailure, 0, undefined)).toBe(true);
    expect(wouldRetry(istio, AttemptOutcome.Response, 503, undefined)).toBe(false);
    expect(wouldRetry(istio, AttemptOutcome.Response, 200, '14')).toBe(true); // gRPC unavailable
    expect(istio.numRetries).toBe(2);
    expect(istio.previousHosts).toBe(true);
  });

  it('5xx covers every 5xx and resets; gateway-error only 502/503/504; retriable-4xx only 409', () => {
    const p = compileRetryPolicy({ retry_on: '5xx' });
    expect(wouldRetry(p, AttemptOutcome.Response, 500, undefined)).toBe(true);
    expect(wouldRetry(p, AttemptOutcome.Reset, 0, undefined)).toBe(true);
    const g = compileRetryPolicy({ retry_on: 'gateway-error' });
    expect(wouldRetry(g, AttemptOutcome.Response, 500, undefined)).toBe(false);
    expect(wouldRetry(g, AttemptOutcome.Response, 504, undefined)).toBe(true);
    const c = compileRetryPolicy({ retry_on: 'retriable-4xx' });
    expect(wouldRetry(c, AttemptOutcome.Response, 409, undefined)).toBe(true);
    expect(wouldRetry(c, AttemptOutcome.Response, 404, undefined)).toBe(false);
  });

  it('retriable-status-codes retries exactly the listed codes', () => {
    const p = compileRetryPolicy({ retry_on: 'retriable-status-codes', retriable_status_codes: [418] });
    expect(wouldRetry(p, AttemptOutcome.Response, 418, undefined)).toBe(true);
    expect(wouldRetry(p, AttemptOutcome.Response, 503, undefined)).toBe(false);
  });

  it('decisions come in Envoy order: No, then NoRetryLimitExceeded, then NoOverflow, then Yes', () => {
    const stats = new ClusterStats('c');
    const budget = new ResourceLimitImpl(1);
    const s = new RetryState(compileRetryPolicy({ retry_on: '5xx', num_retries: 2 }), budget, stats);
    expect(s.shouldRetry(AttemptOutcome.Response, 404, undefined)).toBe(RetryStatus.No);
    expect(s.shouldRetry(AttemptOutcome.Response, 503, undefined)).toBe(RetryStatus.Yes);
    const other = new RetryState(compileRetryPolicy({ retry_on: '5xx', num_retries: 2 }), budget, stats);
    expect(other.shouldRetry(AttemptOutcome.Response, 503, undefined)).toBe(RetryStatus.NoOverflow);
    expect(stats.upstream_rq_retry_overflow).toBe(1);
    s.releaseSlot();
    expect(s.shouldRetry(AttemptOutcome.Response, 503, undefined)).toBe(RetryStatus.Yes);
    expect(s.shouldRetry(AttemptOutcome.Response, 503, undefined)).toBe(RetryStatus.NoRetryLimitExceeded);
    expect(stats.upstream_rq_retry).toBe(2);
    expect(stats.upstream_rq_retry_limit_exceeded).toBe(1);
  });
});
