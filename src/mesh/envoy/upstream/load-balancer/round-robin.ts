/**
 * ROUND_ROBIN (Envoy: `RoundRobinLoadBalancer`): each available host in turn. Equal weights → a plain
 * rotation over the hosts in EDS order; unequal weights → EDF, so a weight-2 host gets two turns per round.
 * We start at the first host (Envoy starts at a random offset so that many proxies do not all hit the same
 * host first; with the handful of sidecars of a lab, a predictable start teaches better).
 */
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import { EdfScheduler } from './edf-scheduler';
import { allWeightsEqual, chooseWithHostSelectionRetries, hostsToUse } from './host-selection';
import type { LoadBalancer, LoadBalancerContext, LoadBalancerOptions } from './types';

export class RoundRobinLoadBalancer implements LoadBalancer {
  private index = 0;
  private readonly edf = new EdfScheduler();

  constructor(
    private readonly hostSet: HostSet,
    private readonly options: LoadBalancerOptions = {},
  ) {}

  chooseHost(context: LoadBalancerContext = {}): UpstreamHost | undefined {
    const hosts = hostsToUse(this.hostSet, this.options.healthyPanicThreshold ?? 0);
    if (hosts.length === 0) return undefined;
    return chooseWithHostSelectionRetries(context, () => this.pickOnce(hosts));
  }

  private pickOnce(hosts: readonly UpstreamHost[]): UpstreamHost | undefined {
    if (!allWeightsEqual(hosts)) return this.edf.pick(hosts, (h) => h.weight);
    const host = hosts[this.index % hosts.length];
    this.index = (this.index + 1) % hosts.length;
    return host;
  }
}
