/**
 * The pluggable modules of a proxy, in one place. A proxy builds each cluster's load balancer, circuit
 * breakers and outlier detector (and each local rate limit filter's bucket) through these factories; a lab
 * replaces one entry with a learner's implementation, and the proxy uses it for the clusters it (re)builds.
 */
import { createTokenBucket, type RateLimiterFactory } from '../ratelimit/token-bucket';
import { createLoadBalancer } from './load-balancer/factory';
import type { LoadBalancerFactory } from './load-balancer/types';
import { createOutlierDetector, type OutlierDetectorFactory } from './outlier-detection/detector';
import { createResourceManager } from './resource-manager-impl';
import type { ResourceManagerFactory } from './resource-manager';
import type { RequestBreakerFactory } from './request-breaker';

export interface UpstreamModuleFactories {
  readonly loadBalancer: LoadBalancerFactory;
  readonly resourceManager: ResourceManagerFactory;
  readonly outlierDetector: OutlierDetectorFactory;
  readonly rateLimiter: RateLimiterFactory;
  /** A lab's request breaker (lesson 1.2); none unless a lab supplies one. */
  readonly requestBreaker?: RequestBreakerFactory;
}

export const DEFAULT_UPSTREAM_MODULE_FACTORIES: UpstreamModuleFactories = Object.freeze({
  loadBalancer: createLoadBalancer,
  resourceManager: createResourceManager,
  outlierDetector: createOutlierDetector,
  rateLimiter: createTokenBucket,
});
