/**
 * What every policy shares (Envoy: `LoadBalancerBase`): which hosts may be chosen (healthy ones, or all of
 * them in panic mode) and the host-selection retry loop driven by the retry host predicate.
 */
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import type { LoadBalancerContext } from './types';

/** Istio sets host_selection_retry_max_attempts to 5 on routes with the previous_hosts predicate. */
export const DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS = 5;

/**
 * Panic mode: the healthy share is BELOW the threshold (percent). A threshold of 0 (Istio's default)
 * disables it: with no healthy host there is simply no host.
 */
export function isHostSetInPanic(healthyCount: number, totalCount: number, panicThresholdPercent: number): boolean {
  if (totalCount === 0 || panicThresholdPercent <= 0) return false;
  return (100 * healthyCount) / totalCount < panicThresholdPercent;
}

/** The hosts a policy picks from: the healthy ones, or every host when the set is in panic. */
export function hostsToUse(hostSet: HostSet, panicThresholdPercent: number): readonly UpstreamHost[] {
  const all = hostSet.hosts();
  const healthy = hostSet.healthyHosts();
  return isHostSetInPanic(healthy.length, all.length, panicThresholdPercent) ? all : healthy;
}

/**
 * Envoy's host-selection retry loop: pick; if the predicate asks for another host, pick again, at most
 * `hostSelectionRetryMaxAttempts` more times; the last pick is kept even if still rejected (a request to a
 * previous host beats no request at all).
 */
export function chooseWithHostSelectionRetries(
  context: LoadBalancerContext,
  chooseOnce: (attempt: number) => UpstreamHost | undefined,
): UpstreamHost | undefined {
  const predicate = context.shouldSelectAnotherHost;
  const retries = predicate
    ? Math.max(0, context.hostSelectionRetryMaxAttempts ?? DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS)
    : 0;
  let host: UpstreamHost | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    host = chooseOnce(attempt);
    if (host === undefined || !predicate || !predicate.call(context, host)) return host;
  }
  return host;
}

export function allWeightsEqual(hosts: readonly UpstreamHost[]): boolean {
  const first = hosts[0];
  return first === undefined || hosts.every((h) => h.weight === first.weight);
}
