import type { Random } from '../../sim';
import type { ResourceLimit } from '../upstream/resource-manager';
import type { ClusterStats } from '../stats/cluster-stats';
import { RetryOn, type CompiledRetryPolicy } from './retry-policy';

/**
 * The answer to "retry this attempt?", checked in Envoy's order: not retriable at all → No; no retries
 * left → NoRetryLimitExceeded; the cluster's retry breaker is full → NoOverflow; else Yes. Exact values
 * let a lab say *why* a request was not retried.
 */
export const RetryStatus = {
  No: 'No',
  NoRetryLimitExceeded: 'NoRetryLimitExceeded',
  NoOverflow: 'NoOverflow',
  Yes: 'Yes',
} as const;
export type RetryStatus = (typeof RetryStatus)[keyof typeof RetryStatus];

/** How an attempt ended, in the terms retry_on speaks. */
export const AttemptOutcome = {
  Response: 'response',
  ConnectFailure: 'connect-failure',
  Reset: 'reset',
  PerTryTimeout: 'per-try-timeout',
} as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];

/**
 * Fully jittered exponential back-off (Envoy's JitteredExponentialBackOffStrategy): the n-th retry
 * (n = 1, 2, …) waits a uniform time in [0, min(cap, (2^n − 1) × base)).
 */
export function retryBackOffMs(retryNumber: number, baseMs: number, maxMs: number, random: Random): number {
  const ceiling = Math.min(maxMs, (2 ** Math.min(retryNumber, 30) - 1) * baseMs);
  return random.next() * ceiling;
}

/** Whether an outcome is one retry_on covers. */
export function wouldRetry(
  policy: CompiledRetryPolicy,
  outcome: AttemptOutcome,
  status: number,
  grpcStatus: string | undefined,
): boolean {
  const on = policy.retryOn;
  switch (outcome) {
    case AttemptOutcome.ConnectFailure:
      return (
        (on &
          (RetryOn.CONNECT_FAILURE |
            RetryOn.FIVE_XX |
            RetryOn.GATEWAY_ERROR |
            RetryOn.RESET |
            RetryOn.RESET_BEFORE_REQUEST)) !==
        0
      );
    case AttemptOutcome.Reset:
      return (on & (RetryOn.RESET | RetryOn.FIVE_XX | RetryOn.GATEWAY_ERROR)) !== 0;
    case AttemptOutcome.PerTryTimeout:
      return (on & (RetryOn.FIVE_XX | RetryOn.GATEWAY_ERROR | RetryOn.RESET)) !== 0;
    case AttemptOutcome.Response:
      break;
  }
  if ((on & RetryOn.FIVE_XX) !== 0 && status >= 500 && status < 600) return true;
  if ((on & RetryOn.GATEWAY_ERROR) !== 0 && (status === 502 || status === 503 || status === 504)) return true;
  if ((on & RetryOn.RETRIABLE_4XX) !== 0 && status === 409) return true;
  if ((on & RetryOn.RETRIABLE_STATUS_CODES) !== 0 && policy.retriableStatusCodes.has(status)) return true;
  if (grpcStatus !== undefined) {
    if ((on & RetryOn.GRPC_CANCELLED) !== 0 && grpcStatus === '1') return true;
    if ((on & RetryOn.GRPC_DEADLINE_EXCEEDED) !== 0 && grpcStatus === '4') return true;
    if ((on & RetryOn.GRPC_RESOURCE_EXHAUSTED) !== 0 && grpcStatus === '8') return true;
    if ((on & RetryOn.GRPC_UNAVAILABLE) !== 0 && grpcStatus === '14') return true;
  }
  return false;
}

/** Retry bookkeeping for one downstream request (Envoy: RetryStateImpl). */
export class RetryState {
  private remaining: number;
  /** Retries started so far (the n of the back-off formula). */
  retriesDone = 0;
  /** Whether this request currently holds a slot of the cluster's retry breaker. */
  private holdsRetrySlot = false;

  constructor(
    readonly policy: CompiledRetryPolicy,
    private readonly retryLimit: ResourceLimit,
    private readonly stats: ClusterStats,
  ) {
    this.remaining = policy.numRetries;
  }

  shouldRetry(outcome: AttemptOutcome, status: number, grpcStatus: string | undefined): RetryStatus {
    this.releaseSlot();
    if (!wouldRetry(this.policy, outcome, status, grpcStatus)) return RetryStatus.No;
    if (this.remaining <= 0) {
      this.stats.upstream_rq_retry_limit_exceeded++;
      return RetryStatus.NoRetryLimitExceeded;
    }
    this.remaining--;
    if (!this.retryLimit.canCreate()) {
      this.stats.upstream_rq_retry_overflow++;
      return RetryStatus.NoOverflow;
    }
    this.retryLimit.inc();
    this.holdsRetrySlot = true;
    this.retriesDone++;
    this.stats.upstream_rq_retry++;
    return RetryStatus.Yes;
  }

  /** The retry slot is held from the decision until the retried attempt ends. */
  releaseSlot(): void {
    if (this.holdsRetrySlot) {
      this.holdsRetrySlot = false;
      this.retryLimit.dec();
    }
  }

  nextBackOffMs(random: Random): number {
    this.stats.upstream_rq_retry_backoff_exponential++;
    return retryBackOffMs(this.retriesDone, this.policy.baseIntervalMs, this.policy.maxIntervalMs, random);
  }
}
