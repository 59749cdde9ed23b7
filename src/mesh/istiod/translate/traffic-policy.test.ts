import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../xds';
import { ISTIO_UNLIMITED_THRESHOLD } from '../../xds';
import { applyConnectionPool, applyLoadBalancer, applyOutlierDetection, mergeTrafficPolicy } from './traffic-policy';

const fresh = (): Cluster => ({ name: 'outbound|8000||httpbin.default.svc.cluster.local', type: 'EDS' });
const U = ISTIO_UNLIMITED_THRESHOLD;

describe('applyConnectionPool (circuit breakers)', () => {
  it('writes 2^32-1 for every threshold a DestinationRule does not set', () => {
    const c = fresh();
    applyConnectionPool(c, undefined, '10s');
    expect(c.circuit_breakers?.thresholds).toEqual([
      { max_connections: U, max_pending_requests: U, max_requests: U, max_retries: U, track_remaining: true },
    ]);
    expect(c.connect_timeout).toBe('10s');
    expect(c.common_http_protocol_options).toBeUndefined();
  });

  it('maps tcp.maxConnections, http1MaxPendingRequests, http2MaxRequests, maxRetries, maxRequestsPerConnection', () => {
    const c = fresh();
    applyConnectionPool(
      c,
      {
        tcp: { maxConnections: 1, connectTimeout: '30ms' },
        http: {
          http1MaxPendingRequests: 1,
          http2MaxRequests: 5,
          maxRetries: 2,
          maxRequestsPerConnection: 1,
          idleTimeout: '1m',
        },
      },
      '10s',
    );
    expect(c.circuit_breakers?.thresholds).toEqual([
      { max_connections: 1, max_pending_requests: 1, max_requests: 5, max_retries: 2, track_remaining: true },
    ]);
    expect(c.connect_timeout).toBe('0.03s');
    expect(c.common_http_protocol_options).toEqual({ idle_timeout: '60s', max_requests_per_connection: 1 });
  });

  it('reads 0 as unset, as Istio does', () => {
    const c = fresh();
    applyConnectionPool(c, { tcp: { maxConnections: 0 }, http: { http1MaxPendingRequests: 0 } }, '10s');
    expect(c.circuit_breakers?.thresholds?.[0]).toMatchObject({ max_connections: U, max_pending_requests: U });
  });
});

describe('applyOutlierDetection', () => {
  it('is off without the block', () => {
    const c = fresh();
    applyOutlierDetection(c, undefined);
    expect(c.outlier_detection).toBeUndefined();
    expect(c.common_lb_config).toBeUndefined();
  });

  it('writes only what is set, enforced at 100 %, success rate off, panic threshold 0 (Envoy defaults fill the rest)', () => {
    const c = fresh();
    applyOutlierDetection(c, {});
    expect(c.outlier_detection).toEqual({ enforcing_success_rate: 0 });
    expect(c.common_lb_config).toEqual({ healthy_panic_threshold: { value: 0 } });
  });

  it('maps consecutive5xxErrors, consecutiveGatewayErrors, interval, baseEjectionTime, maxEjectionPercent, minHealthPercent', () => {
    const c = fresh();
    applyOutlierDetection(c, {
      consecutive5xxErrors: 7,
      consecutiveGatewayErrors: 2,
      interval: '5s',
      baseEjectionTime: '3m',
      maxEjectionPercent: 100,
      minHealthPercent: 50,
    });
    expect(c.outlier_detection).toEqual({
      enforcing_success_rate: 0,
      consecutive_5xx: 7,
      enforcing_consecutive_5xx: 100,
      consecutive_gateway_failure: 2,
      enforcing_consecutive_gateway_failure: 100,
      interval: '5s',
      base_ejection_time: '180s',
      max_ejection_percent: 100,
    });
    expect(c.common_lb_config?.healthy_panic_threshold).toEqual({ value: 50 });
  });

  it('disables 5xx ejection with consecutive5xxErrors 0 and ignores the deprecated consecutiveErrors', () => {
    const c = fresh();
    applyOutlierDetection(c, { consecutive5xxErrors: 0, consecutiveErrors: 3 });
    expect(c.outlier_detection).toEqual({
      enforcing_success_rate: 0,
      consecutive_5xx: 0,
      enforcing_consecutive_5xx: 0,
    });
  });
});

describe('applyLoadBalancer', () => {
  const lb = (simple?: 'ROUND_ROBIN' | 'RANDOM' | 'LEAST_CONN' | 'LEAST_REQUEST' | 'PASSTHROUGH'): Cluster => {
    const c = fresh();
    applyLoadBalancer(c, simple === undefined ? undefined : { simple });
    return c;
  };
  it('defaults to LEAST_REQUEST (Istio ≥ 1.14), not round robin', () => {
    expect(lb().lb_policy).toBe('LEAST_REQUEST');
  });
  it('honours simple policies', () => {
    expect(lb('ROUND_ROBIN').lb_policy).toBe('ROUND_ROBIN');
    expect(lb('RANDOM').lb_policy).toBe('RANDOM');
    expect(lb('LEAST_CONN').lb_policy).toBe('LEAST_REQUEST');
    expect(lb('PASSTHROUGH')).toMatchObject({ type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' });
  });
  it('uses a ring hash for consistent hashing', () => {
    const c = fresh();
    applyLoadBalancer(c, { consistentHash: { httpHeaderName: 'x-user' } });
    expect(c).toMatchObject({ lb_policy: 'RING_HASH', ring_hash_lb_config: { minimum_ring_size: 1024 } });
  });
});

describe('mergeTrafficPolicy', () => {
  const top = {
    loadBalancer: { simple: 'ROUND_ROBIN' as const },
    connectionPool: { tcp: { maxConnections: 100 } },
    outlierDetection: { consecutive5xxErrors: 3 },
    tls: { mode: 'ISTIO_MUTUAL' as const },
  };

  it('lets a subset override the DestinationRule block by block', () => {
    const merged = mergeTrafficPolicy(
      top,
      { loadBalancer: { simple: 'RANDOM' }, connectionPool: { http: { http1MaxPendingRequests: 1 } } },
      9080,
    );
    expect(merged).toEqual({
      loadBalancer: { simple: 'RANDOM' },
      connectionPool: { http: { http1MaxPendingRequests: 1 } },
      outlierDetection: { consecutive5xxErrors: 3 },
      tls: { mode: 'ISTIO_MUTUAL' },
    });
  });

  it('returns the top-level policy when the subset has none', () => {
    expect(mergeTrafficPolicy(top, undefined, 9080)).toEqual(top);
    expect(mergeTrafficPolicy(undefined, { tls: { mode: 'DISABLE' } }, 9080)).toEqual({ tls: { mode: 'DISABLE' } });
  });

  it('applies port-level settings wholesale: blocks they leave out fall back to defaults', () => {
    const withPort = {
      ...top,
      portLevelSettings: [{ port: { number: 9080 }, connectionPool: { tcp: { maxConnections: 1 } } }],
    };
    expect(mergeTrafficPolicy(withPort, undefined, 9080)).toEqual({ connectionPool: { tcp: { maxConnections: 1 } } });
    expect(mergeTrafficPolicy(withPort, undefined, 8080)).toEqual(top);
  });
});
