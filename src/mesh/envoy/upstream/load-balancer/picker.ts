/**
 * Turns a `HostPicker` (a learner's "pick one of these hosts") into a full `LoadBalancer`: the wrapper does
 * the parts every policy shares — excluding ejected hosts, panic mode, host-selection retries — so the
 * lab's exercise is the policy and nothing else.
 */
import type { HostSet } from '../host-set';
import type { UpstreamHost } from '../host';
import { chooseWithHostSelectionRetries, hostsToUse } from './host-selection';
import type { HostPicker, LoadBalancer, LoadBalancerContext, LoadBalancerOptions } from './types';

export function createLoadBalancerFromPicker(
  picker: HostPicker,
  hostSet: HostSet,
  options: LoadBalancerOptions = {},
): LoadBalancer {
  return {
    chooseHost(context: LoadBalancerContext = {}): UpstreamHost | undefined {
      const hosts = hostsToUse(hostSet, options.healthyPanicThreshold ?? 0);
      if (hosts.length === 0) return undefined;
      return chooseWithHostSelectionRetries(context, (attempt) => {
        const host = picker.pickHost(hosts, context, attempt);
        // A picker must choose among the hosts it was given; anything else would bypass ejection.
        return host !== undefined && hosts.includes(host) ? host : undefined;
      });
    },
  };
}
