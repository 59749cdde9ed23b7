/**
 * RANDOM (Envoy: `RandomLoadBalancer`): a uniformly random available host. Like Envoy's, it ignores
 * weights.
 */
import type { Random } from '../../../sim';
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import { chooseWithHostSelectionRetries, hostsToUse } from './host-selection';
import type { LoadBalancer, LoadBalancerContext, LoadBalancerOptions } from './types';

export class RandomLoadBalancer implements LoadBalancer {
  constructor(
    private readonly hostSet: HostSet,
    private readonly random: Random,
    private readonly options: LoadBalancerOptions = {},
  ) {}

  chooseHost(context: LoadBalancerContext = {}): UpstreamHost | undefined {
    const hosts = hostsToUse(this.hostSet, this.options.healthyPanicThreshold ?? 0);
    if (hosts.length === 0) return undefined;
    return chooseWithHostSelectionRetries(context, () => hosts[this.random.int(hosts.length)]);
  }
}
