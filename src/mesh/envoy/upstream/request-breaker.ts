/**
 * A classic (Hystrix-style) circuit breaker a lab can put in front of a cluster: closed → open after
 * failures → half-open probe. Envoy itself has no such state machine — its "circuit breakers" are the
 * ResourceManager's limits plus outlier detection — so this hook exists for lesson 1.2, where the learner
 * writes one and watches the running mesh use it. Absent by default.
 */
export interface RequestBreaker {
  /** Asked before each attempt; false fails the attempt fast (503, flag UO, `upstream_rq_pending_overflow`). */
  allowRequest(): boolean;
  /** The attempt got a response below 500. */
  onSuccess(): void;
  /** The attempt got a 5xx, could not connect, was reset or timed out. */
  onFailure(): void;
}

/** One breaker per upstream cluster, created when the proxy builds the cluster. */
export type RequestBreakerFactory = (clusterName: string) => RequestBreaker;
