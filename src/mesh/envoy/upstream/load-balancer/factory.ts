import type { Random } from '../../../sim';
import type { HostSet } from '../host-set';
import { LeastRequestLoadBalancer } from './least-request';
import { RandomLoadBalancer } from './random';
import { RingHashLoadBalancer } from './ring-hash';
import { RoundRobinLoadBalancer } from './round-robin';
import { LbPolicy, type LoadBalancer, type LoadBalancerFactory, type LoadBalancerOptions } from './types';

/** The default `LoadBalancerFactory`: one implementation per Envoy policy. */
export const createLoadBalancer: LoadBalancerFactory = (
  policy: LbPolicy,
  hostSet: HostSet,
  random: Random,
  options: LoadBalancerOptions = {},
): LoadBalancer => {
  switch (policy) {
    case LbPolicy.ROUND_ROBIN:
      return new RoundRobinLoadBalancer(hostSet, options);
    case LbPolicy.LEAST_REQUEST:
      return new LeastRequestLoadBalancer(hostSet, random, options);
    case LbPolicy.RANDOM:
      return new RandomLoadBalancer(hostSet, random, options);
    case LbPolicy.RING_HASH:
    case LbPolicy.MAGLEV:
      return new RingHashLoadBalancer(hostSet, random, options);
  }
};
