import type { RetryPolicy } from './route';

/**
 * The retry policy Istio writes on every outbound route whose VirtualService sets no `retries`
 * (pilot's DefaultRetryPolicy, Istio ≥ 1.24): two retries on connection-level failures, on another host.
 * `retriable-status-codes` is listed with no codes, so a 503 response is NOT retried by default.
 */
export const ISTIO_DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
  num_retries: 2,
  retry_host_predicate: [
    {
      name: 'envoy.retry_host_predicates.previous_hosts',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
      },
    },
  ],
  host_selection_retry_max_attempts: 5,
});

/** Istio's circuit-breaker value for "not set": 2^32 − 1. */
export const ISTIO_UNLIMITED_THRESHOLD = 4294967295;
