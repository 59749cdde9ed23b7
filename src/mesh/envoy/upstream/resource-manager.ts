/**
 * Circuit breakers (Envoy: `envoy/upstream/resource_manager.h`). A circuit breaker is a counter with a
 * maximum and `canCreate()` — nothing more. The router / connection pool asks `canCreate()` before it opens
 * a connection, queues a request, sends a request or starts a retry; a `false` is an overflow
 * (503, `x-envoy-overloaded: true`, flag UO, `upstream_rq_pending_overflow` / `upstream_cx_overflow` /
 * `upstream_rq_retry_overflow`). Limits are per proxy, per upstream cluster.
 */

/** One limited resource (Envoy: `ResourceLimit`). */
export interface ResourceLimit {
  /** True while `count < max`: one more may be created. */
  canCreate(): boolean;
  /** One more in use. Callers check `canCreate()` first; `inc()` itself never refuses. */
  inc(): void;
  /** One fewer in use (never below 0). */
  dec(): void;
  /** Currently in use. */
  readonly count: number;
  /** The threshold. */
  readonly max: number;
  /** max − count, never below 0 (Envoy's `remaining_*` gauge, which Istio turns on with track_remaining). */
  readonly remaining: number;
}

/** The four breakers of one cluster at the default priority (Envoy: `ResourceManager`). */
export interface ResourceManager {
  /** max_connections (Istio tcp.maxConnections): connections to all hosts of the cluster. */
  readonly connections: ResourceLimit;
  /** max_pending_requests (Istio http.http1MaxPendingRequests): requests queued waiting for a connection. */
  readonly pendingRequests: ResourceLimit;
  /** max_requests (Istio http.http2MaxRequests): requests in flight to the cluster. */
  readonly requests: ResourceLimit;
  /** max_retries (Istio http.maxRetries): retries in flight to the cluster at once. */
  readonly retries: ResourceLimit;
}

/** Envoy's `CircuitBreakers.Thresholds`, the four fields Istio sets. Unset → the Istio default. */
export interface CircuitBreakerThresholds {
  readonly maxConnections?: number;
  readonly maxPendingRequests?: number;
  readonly maxRequests?: number;
  readonly maxRetries?: number;
}

/** 2^32 − 1: what Istio writes for every threshold a DestinationRule leaves unset ("effectively unlimited"). */
export const ISTIO_UNLIMITED = 4294967295;

/** Istio's thresholds when the DestinationRule sets none (what our proxies use). */
export const ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS: Required<CircuitBreakerThresholds> = Object.freeze({
  maxConnections: ISTIO_UNLIMITED,
  maxPendingRequests: ISTIO_UNLIMITED,
  maxRequests: ISTIO_UNLIMITED,
  maxRetries: ISTIO_UNLIMITED,
});

/** Raw Envoy's defaults, for reference and lessons only: Istio does NOT use them. */
export const ENVOY_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS: Required<CircuitBreakerThresholds> = Object.freeze({
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
});

/** How a proxy builds the breakers of one cluster. A lab swaps this to plug in a learner's implementation. */
export type ResourceManagerFactory = (thresholds?: CircuitBreakerThresholds) => ResourceManager;

/**
 * The `circuit_breakers.default.*` gauges of one cluster (names without the `cluster.<name>.` prefix), read
 * at the moment of the call. `*_open` is 1 while the breaker refuses (count ≥ max), else 0.
 */
export function circuitBreakerGauges(manager: ResourceManager): Record<string, number> {
  const open = (limit: ResourceLimit): number => (limit.canCreate() ? 0 : 1);
  return {
    'circuit_breakers.default.cx_open': open(manager.connections),
    'circuit_breakers.default.rq_pending_open': open(manager.pendingRequests),
    'circuit_breakers.default.rq_open': open(manager.requests),
    'circuit_breakers.default.rq_retry_open': open(manager.retries),
    'circuit_breakers.default.remaining_cx': manager.connections.remaining,
    'circuit_breakers.default.remaining_pending': manager.pendingRequests.remaining,
    'circuit_breakers.default.remaining_rq': manager.requests.remaining,
    'circuit_breakers.default.remaining_retries': manager.retries.remaining,
  };
}
