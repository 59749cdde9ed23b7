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

/**
 * Istio's EnvoyTextLogFormat (pilot/pkg/model/telemetry_logging.go): the default of meshConfig.accessLogFile
 * and of the `envoy` provider, so the line `kubectl logs -c istio-proxy` shows.
 */
export const ISTIO_TEXT_LOG_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% ' +
  '%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% ' +
  '%BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" ' +
  '"%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS% ' +
  '%DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n';
