/**
 * LEAST_REQUEST (Envoy: `LeastRequestLoadBalancer`), Istio's default policy.
 * Equal weights: "power of two choices" — sample `choice_count` (default 2) hosts at random, with
 * replacement, and keep the one with the fewest active requests (the first sampled wins a tie). This
 * avoids the herd behaviour of always picking the global minimum while still steering away from a slow,
 * loaded host.
 * Unequal weights: EDF with effective weight = weight / (active requests + 1) (Envoy's
 * active_request_bias 1.0).
 */
import type { Random } from '../../../sim';
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import { EdfScheduler } from './edf-scheduler';
import { allWeightsEqual, chooseWithHostSelectionRetries, hostsToUse } from './host-selection';
import type { LoadBalancer, LoadBalancerContext, LoadBalancerOptions } from './types';

export const DEFAULT_LEAST_REQUEST_CHOICE_COUNT = 2;

export class LeastRequestLoadBalancer implements LoadBalancer {
  private readonly edf = new EdfScheduler();
  private readonly choiceCount: number;

  constructor(
    private readonly hostSet: HostSet,
    private readonly random: Random,
    private readonly options: LoadBalancerOptions = {},
  ) {
    this.choiceCount = Math.max(1, Math.floor(options.choiceCount ?? DEFAULT_LEAST_REQUEST_CHOICE_COUNT));
  }

  chooseHost(context: LoadBalancerContext = {}): UpstreamHost | undefined {
    const hosts = hostsToUse(this.hostSet, this.options.healthyPanicThreshold ?? 0);
    if (hosts.length === 0) return undefined;
    return chooseWithHostSelectionRetries(context, () => this.pickOnce(hosts));
  }

  private pickOnce(hosts: readonly UpstreamHost[]): UpstreamHost | undefined {
    if (!allWeightsEqual(hosts)) return this.edf.pick(hosts, (h) => h.weight / (h.activeRequests + 1));
    let candidate: UpstreamHost | undefined;
    for (let i = 0; i < this.choiceCount; i++) {
      const sampled = hosts[this.random.int(hosts.length)];
      if (sampled === undefined) continue;
      if (candidate === undefined || sampled.activeRequests < candidate.activeRequests) candidate = sampled;
    }
    return candidate;
  }
}
