/**
 * The proxy's pluggable upstream modules: hosts and host sets, load balancers, circuit breakers
 * (resource manager) and outlier detection. Each is an interface + a default implementation + a factory,
 * so a lab can swap in a learner's implementation in a running proxy.
 */
export {
  HealthFlag,
  HostImpl,
  hostKey,
  type EdsHealthStatus,
  type HostDescription,
  type HostOutlierState,
  type HostStats,
  type UpstreamHost,
} from './host';
export { HostSetImpl, type HostSet, type MemberUpdateCallback } from './host-set';
export {
  ENVOY_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS,
  ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS,
  ISTIO_UNLIMITED,
  circuitBreakerGauges,
  type CircuitBreakerThresholds,
  type ResourceLimit,
  type ResourceManager,
  type ResourceManagerFactory,
} from './resource-manager';
export { ResourceLimitImpl, ResourceManagerImpl, createResourceManager } from './resource-manager-impl';
export * from './load-balancer/index';
export * from './outlier-detection/index';
export { DEFAULT_UPSTREAM_MODULE_FACTORIES, type UpstreamModuleFactories } from './factories';
export type { RequestBreaker, RequestBreakerFactory } from './request-breaker';
