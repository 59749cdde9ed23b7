import type { RetryPolicy } from '../../xds';
import { ISTIO_DEFAULT_RETRY_POLICY } from '../../xds';
import { cloneObject } from '../../kube';
import type { HTTPRetry } from '../model/istio-api';
import { toEnvoyDuration } from '../model/duration';

/** A fresh copy of Istio's default retry policy (2 retries on connection failures, another host each time). */
export function defaultRetryPolicy(consistentHash = false): RetryPolicy {
  const policy = cloneObject(ISTIO_DEFAULT_RETRY_POLICY) as RetryPolicy;
  // With consistent hashing a retry must stay on the same host, so Istio drops the previous-hosts predicate.
  if (consistentHash) delete policy.retry_host_predicate;
  return policy;
}

/** Splits `retryOn`: numbers are status codes for retriable_status_codes, the rest are Envoy conditions. */
function parseRetryOn(retryOn: string): { on: string; codes: number[] } {
  const codes: number[] = [];
  const parts: string[] = [];
  for (const raw of retryOn.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    if (/^\d{3}$/.test(part)) codes.push(Number(part));
    else parts.push(part);
  }
  return { on: parts.join(','), codes };
}

/**
 * Istio's retry.ConvertPolicy. No `retries`: the default policy. `attempts: 0`: no retries at all
 * (undefined). Otherwise the default with the user's fields laid over it; `attempts` is the number of
 * retries, so a request is tried at most 1 + attempts times.
 */
export function convertRetryPolicy(input: HTTPRetry | undefined, consistentHash = false): RetryPolicy | undefined {
  const out = defaultRetryPolicy(consistentHash);
  if (input === undefined) return out;
  if ((input.attempts ?? 0) <= 0) return undefined;
  out.num_retries = input.attempts ?? 0;
  if (input.retryOn !== undefined && input.retryOn !== '') {
    const { on, codes } = parseRetryOn(input.retryOn);
    out.retry_on = on;
    if (codes.length > 0) {
      out.retriable_status_codes = codes;
      if (!on.includes('retriable-status-codes'))
        out.retry_on = on === '' ? 'retriable-status-codes' : `${on},retriable-status-codes`;
    }
  }
  const perTry = toEnvoyDuration(input.perTryTimeout);
  if (perTry !== undefined) out.per_try_timeout = perTry;
  if (input.retryIgnorePreviousHosts !== undefined) {
    if (input.retryIgnorePreviousHosts) out.retry_host_predicate = defaultRetryPolicy().retry_host_predicate ?? [];
    else delete out.retry_host_predicate;
  }
  const backoff = toEnvoyDuration(input.backoff);
  if (backoff !== undefined) out.retry_back_off = { base_interval: backoff };
  return out;
}
