export {
  LbPolicy,
  type HostPicker,
  type LoadBalancer,
  type LoadBalancerContext,
  type LoadBalancerFactory,
  type LoadBalancerOptions,
} from './types';
export { createLoadBalancer } from './factory';
export { createLoadBalancerFromPicker } from './picker';
export {
  DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS,
  chooseWithHostSelectionRetries,
  hostsToUse,
  isHostSetInPanic,
} from './host-selection';
export { RoundRobinLoadBalancer } from './round-robin';
export { RandomLoadBalancer } from './random';
export { DEFAULT_LEAST_REQUEST_CHOICE_COUNT, LeastRequestLoadBalancer } from './least-request';
export { DEFAULT_RING_ENTRIES_PER_WEIGHT, RingHashLoadBalancer } from './ring-hash';
export { hash32 } from './hash';
