import type { RetryPolicy } from '../../xds/index';
import { FILTER_NAME, parseDuration } from '../../xds/index';

/** retry_on conditions as bits (Envoy's RetryPolicy::RETRY_ON_*). */
export const RetryOn = {
  FIVE_XX: 1 << 0,
  GATEWAY_ERROR: 1 << 1,
  RESET: 1 << 2,
  CONNECT_FAILURE: 1 << 3,
  RETRIABLE_4XX: 1 << 4,
  REFUSED_STREAM: 1 << 5,
  RETRIABLE_STATUS_CODES: 1 << 6,
  GRPC_CANCELLED: 1 << 7,
  GRPC_DEADLINE_EXCEEDED: 1 << 8,
  GRPC_RESOURCE_EXHAUSTED: 1 << 9,
  GRPC_UNAVAILABLE: 1 << 10,
  RESET_BEFORE_REQUEST: 1 << 11,
} as const;

const NAMES: Record<string, number> = {
  '5xx': RetryOn.FIVE_XX,
  'gateway-error': RetryOn.GATEWAY_ERROR,
  reset: RetryOn.RESET,
  'reset-before-request': RetryOn.RESET_BEFORE_REQUEST,
  'connect-failure': RetryOn.CONNECT_FAILURE,
  'retriable-4xx': RetryOn.RETRIABLE_4XX,
  'refused-stream': RetryOn.REFUSED_STREAM,
  'retriable-status-codes': RetryOn.RETRIABLE_STATUS_CODES,
  cancelled: RetryOn.GRPC_CANCELLED,
  'deadline-exceeded': RetryOn.GRPC_DEADLINE_EXCEEDED,
  'resource-exhausted': RetryOn.GRPC_RESOURCE_EXHAUSTED,
  unavailable: RetryOn.GRPC_UNAVAILABLE,
};

/** Envoy's default back-off: base 25 ms, cap 10 × base. */
export const DEFAULT_RETRY_BASE_INTERVAL_MS = 25;

export interface CompiledRetryPolicy {
  readonly retryOn: number;
  readonly numRetries: number;
  /** 0 = none. */
  readonly perTryTimeoutMs: number;
  readonly retriableStatusCodes: ReadonlySet<number>;
  readonly previousHosts: boolean;
  readonly hostSelectionRetryMaxAttempts: number;
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
}

/** Parses a retry policy once at config time; unknown retry_on words are ignored as Envoy does. */
export function compileRetryPolicy(p: RetryPolicy): CompiledRetryPolicy {
  let retryOn = 0;
  const codes = new Set<number>(p.retriable_status_codes ?? []);
  for (const raw of p.retry_on.split(',')) {
    const word = raw.trim();
    const bit = NAMES[word];
    if (bit !== undefined) retryOn |= bit;
    else if (/^\d{3}$/.test(word)) {
      // Istio accepts status codes in retryOn; they mean retriable-status-codes.
      codes.add(Number(word));
      retryOn |= RetryOn.RETRIABLE_STATUS_CODES;
    }
  }
  const base = parseDuration(p.retry_back_off?.base_interval) ?? DEFAULT_RETRY_BASE_INTERVAL_MS;
  const max = parseDuration(p.retry_back_off?.max_interval) ?? base * 10;
  return {
    retryOn,
    numRetries: p.num_retries ?? 1,
    perTryTimeoutMs: parseDuration(p.per_try_timeout) ?? 0,
    retriableStatusCodes: codes,
    previousHosts: (p.retry_host_predicate ?? []).some((h) => h.name === FILTER_NAME.previousHosts),
    hostSelectionRetryMaxAttempts: p.host_selection_retry_max_attempts ?? 1,
    baseIntervalMs: base,
    maxIntervalMs: Math.max(base, max),
  };
}
