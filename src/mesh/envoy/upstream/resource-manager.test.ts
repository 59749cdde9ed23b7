import { describe, expect, it } from 'vitest';
import {
  ENVOY_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS,
  ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS,
  circuitBreakerGauges,
  type ResourceManager,
} from './resource-manager';
import { createResourceManager } from './resource-manager-impl';

const limits = (m: ResourceManager) =>
  [
    ['connections', m.connections],
    ['pendingRequests', m.pendingRequests],
    ['requests', m.requests],
    ['retries', m.retries],
  ] as const;

describe('ResourceManager (circuit breakers)', () => {
  it("Istio's defaults are 2^32 − 1 for all four thresholds, not Envoy's 1024/1024/1024/3", () => {
    const m = createResourceManager();
    for (const [, limit] of limits(m)) expect(limit.max).toBe(4294967295);
    expect(ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS).toEqual({
      maxConnections: 4294967295,
      maxPendingRequests: 4294967295,
      maxRequests: 4294967295,
      maxRetries: 4294967295,
    });
    expect(ENVOY_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
    });
  });

  it('only the thresholds a DestinationRule sets change; the others stay unlimited', () => {
    const m = createResourceManager({ maxConnections: 1, maxPendingRequests: 1 });
    expect(m.connections.max).toBe(1);
    expect(m.pendingRequests.max).toBe(1);
    expect(m.requests.max).toBe(4294967295);
    expect(m.retries.max).toBe(4294967295);
  });

  it.each(['connections', 'pendingRequests', 'requests', 'retries'] as const)(
    '%s: admits up to max, refuses at max, admits again after dec; remaining tracks max − count',
    (name) => {
      const m = createResourceManager({ maxConnections: 2, maxPendingRequests: 2, maxRequests: 2, maxRetries: 2 });
      const limit = m[name];
      expect(limit.remaining).toBe(2);
      expect(limit.canCreate()).toBe(true);
      limit.inc();
      expect(limit.remaining).toBe(1);
      limit.inc();
      expect(limit.count).toBe(2);
      expect(limit.remaining).toBe(0);
      expect(limit.canCreate()).toBe(false);
      limit.dec();
      expect(limit.canCreate()).toBe(true);
      expect(limit.remaining).toBe(1);
    },
  );

  it('a max of 0 refuses everything; a stray dec never takes count below 0', () => {
    const m = createResourceManager({ maxRetries: 0 });
    expect(m.retries.canCreate()).toBe(false);
    m.requests.dec();
    expect(m.requests.count).toBe(0);
  });

  it('circuit_breakers.default gauges: *_open is 1 exactly while the breaker refuses, remaining_* read live', () => {
    const m = createResourceManager({ maxConnections: 1, maxPendingRequests: 1, maxRequests: 3, maxRetries: 1 });
    expect(circuitBreakerGauges(m)).toEqual({
      'circuit_breakers.default.cx_open': 0,
      'circuit_breakers.default.rq_pending_open': 0,
      'circuit_breakers.default.rq_open': 0,
      'circuit_breakers.default.rq_retry_open': 0,
      'circuit_breakers.default.remaining_cx': 1,
      'circuit_breakers.default.remaining_pending': 1,
      'circuit_breakers.default.remaining_rq': 3,
      'circuit_breakers.default.remaining_retries': 1,
    });
    m.connections.inc();
    m.pendingRequests.inc();
    m.requests.inc();
    m.retries.inc();
    expect(circuitBreakerGauges(m)).toMatchObject({
      'circuit_breakers.default.cx_open': 1,
      'circuit_breakers.default.rq_pending_open': 1,
      'circuit_breakers.default.rq_open': 0,
      'circuit_breakers.default.rq_retry_open': 1,
      'circuit_breakers.default.remaining_cx': 0,
      'circuit_breakers.default.remaining_pending': 0,
      'circuit_breakers.default.remaining_rq': 2,
      'circuit_breakers.default.remaining_retries': 0,
    });
  });
});
