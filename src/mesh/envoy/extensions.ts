import type { ConfigCheck } from '../xds/index';
import { httpFilterRegistry, type HttpFilterRegistry } from './filters/registry';
import type { HttpFilter, HttpFilterFactory } from './http/filter';
import type { RateLimiter, RateLimiterFactory } from './ratelimit/token-bucket';
import { DEFAULT_UPSTREAM_MODULE_FACTORIES, type UpstreamModuleFactories } from './upstream/factories';
import type { UpstreamHost } from './upstream/host';
import type { LoadBalancerContext, LoadBalancerFactory } from './upstream/load-balancer/types';
import type { OutlierDetectorFactory } from './upstream/outlier-detection/detector';
import type { ResourceLimit, ResourceManager, ResourceManagerFactory } from './upstream/resource-manager';
import type { RouteMatcherFactory } from './router/route-table';
import type { UpstreamCluster } from './upstream/upstream-cluster';
import type { RequestBreaker, RequestBreakerFactory } from './upstream/request-breaker';

/**
 * The modules a lab may replace in a running proxy with a learner's implementation. Absent entries use
 * ours. Replacing them (Proxy.setExtensions) rebuilds clusters, listeners and route tables from the
 * current config.
 */
export interface ProxyExtensions {
  readonly routeMatcher?: RouteMatcherFactory;
  readonly loadBalancer?: LoadBalancerFactory;
  readonly resourceManager?: ResourceManagerFactory;
  readonly outlierDetector?: OutlierDetectorFactory;
  readonly rateLimiter?: RateLimiterFactory;
  readonly requestBreaker?: RequestBreakerFactory;
  /**
   * HTTP filters besides the built-in ones, registered by name like them; one runs where an
   * http_filters entry (e.g. inserted by an EnvoyFilter) names it. A built-in's name replaces the built-in.
   */
  readonly httpFilters?: readonly HttpFilterFactory[];
}

/** Which pluggable module failed; its message becomes the body of a local 500. */
export class PluginError extends Error {
  constructor(
    readonly plugin: string,
    cause: unknown,
  ) {
    super(`${plugin} plugin failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PluginError';
  }
}

function guardLimit(name: string, limit: ResourceLimit): ResourceLimit {
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw new PluginError('circuit breaker', e instanceof Error ? new Error(`${name}: ${e.message}`) : e);
    }
  };
  return {
    canCreate: () => wrap(() => limit.canCreate()),
    inc: () => wrap(() => limit.inc()),
    dec: () => wrap(() => limit.dec()),
    get count() {
      return wrap(() => limit.count);
    },
    get max() {
      return wrap(() => limit.max);
    },
    get remaining() {
      return wrap(() => limit.remaining);
    },
  };
}

function guardResourceManagerFactory(factory: ResourceManagerFactory): ResourceManagerFactory {
  return (thresholds) => {
    let rm: ResourceManager;
    try {
      rm = factory(thresholds);
    } catch (e) {
      throw new PluginError('circuit breaker', e);
    }
    return {
      connections: guardLimit('connections', rm.connections),
      pendingRequests: guardLimit('pendingRequests', rm.pendingRequests),
      requests: guardLimit('requests', rm.requests),
      retries: guardLimit('retries', rm.retries),
    };
  };
}

function guardRateLimiterFactory(factory: RateLimiterFactory): RateLimiterFactory {
  return (config, clock) => {
    let limiter: RateLimiter;
    try {
      limiter = factory(config, clock);
    } catch (e) {
      throw new PluginError('rate limiter', e);
    }
    return {
      consume: (tokens) => {
        try {
          return limiter.consume(tokens);
        } catch (e) {
          throw new PluginError('rate limiter', e);
        }
      },
    };
  };
}

function guardRequestBreakerFactory(factory: RequestBreakerFactory): RequestBreakerFactory {
  const guarded =
    <T>(fn: () => T): (() => T) =>
    () => {
      try {
        return fn();
      } catch (e) {
        throw new PluginError('circuit breaker', e);
      }
    };
  return (clusterName) => {
    const breaker: RequestBreaker = guarded(() => factory(clusterName))();
    return {
      allowRequest: guarded(() => breaker.allowRequest()),
      onSuccess: guarded(() => breaker.onSuccess()),
      onFailure: guarded(() => breaker.onFailure()),
    };
  };
}

/** Our factories with the learner's put in place, each learner one wrapped so a throw is named. */
export function resolveFactories(ext: ProxyExtensions): UpstreamModuleFactories {
  const d = DEFAULT_UPSTREAM_MODULE_FACTORIES;
  const lb = ext.loadBalancer;
  const od = ext.outlierDetector;
  return {
    loadBalancer:
      lb === undefined
        ? d.loadBalancer
        : (policy, hostSet, random, options) => {
            try {
              return lb(policy, hostSet, random, options);
            } catch (e) {
              throw new PluginError('load balancer', e);
            }
          },
    resourceManager:
      ext.resourceManager === undefined ? d.resourceManager : guardResourceManagerFactory(ext.resourceManager),
    outlierDetector:
      od === undefined
        ? d.outlierDetector
        : (args) => {
            try {
              return od(args);
            } catch (e) {
              throw new PluginError('outlier detector', e);
            }
          },
    rateLimiter: ext.rateLimiter === undefined ? d.rateLimiter : guardRateLimiterFactory(ext.rateLimiter),
    ...(ext.requestBreaker !== undefined && { requestBreaker: guardRequestBreakerFactory(ext.requestBreaker) }),
  };
}

/** Calls `fn`, turning a throw into the PluginError that names `plugin`. */
function guarded<T>(plugin: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new PluginError(plugin, e);
  }
}

/** A learner's filter whose every hook names it when it throws (or its promise rejects). */
function guardHttpFilter(plugin: string, filter: HttpFilter): HttpFilter {
  const { decodeHeaders, encodeHeaders, onStreamComplete } = filter;
  return {
    ...(decodeHeaders !== undefined && {
      decodeHeaders: (stream) => {
        const result = guarded(plugin, () => decodeHeaders.call(filter, stream));
        return result instanceof Promise
          ? result.catch((e: unknown) => {
              throw new PluginError(plugin, e);
            })
          : result;
      },
    }),
    ...(encodeHeaders !== undefined && {
      encodeHeaders: (stream, response) => guarded(plugin, () => encodeHeaders.call(filter, stream, response)),
    }),
    ...(onStreamComplete !== undefined && {
      onStreamComplete: (stream, response) => guarded(plugin, () => onStreamComplete.call(filter, stream, response)),
    }),
  };
}

/** A learner's config check: a throw becomes a problem with the config, so the push is refused. */
function guardConfigCheck(plugin: string, check: ConfigCheck | undefined): ConfigCheck | undefined {
  if (check === undefined) return undefined;
  return (e, path, config) => {
    try {
      check(e, path, config);
    } catch (error) {
      e.add(path, new PluginError(plugin, error).message);
    }
  };
}

function guardHttpFilterFactory(factory: HttpFilterFactory): HttpFilterFactory {
  const plugin = `HTTP filter ${factory.name}`;
  const checkConfig = guardConfigCheck(plugin, factory.checkConfig);
  const checkPerRouteConfig = guardConfigCheck(plugin, factory.checkPerRouteConfig);
  const perRoute = factory.createRouteSpecificConfig;
  return {
    name: factory.name,
    ...(checkConfig !== undefined && { checkConfig }),
    ...(checkPerRouteConfig !== undefined && { checkPerRouteConfig }),
    createFilter: (config, context) =>
      guardHttpFilter(
        plugin,
        guarded(plugin, () => factory.createFilter(config, context)),
      ),
    ...(perRoute !== undefined && {
      createRouteSpecificConfig: (config: unknown) => guarded(plugin, () => perRoute.call(factory, config)),
    }),
  };
}

/** The built-in HTTP filters and the learner's, each learner one wrapped so a throw is named. */
export function resolveHttpFilters(ext: ProxyExtensions): HttpFilterRegistry {
  return httpFilterRegistry((ext.httpFilters ?? []).map(guardHttpFilterFactory));
}

/** Calls into pluggable modules on the request path, naming the module when it throws. */
export class PluginGuard {
  chooseHost(
    cluster: UpstreamCluster,
    context: LoadBalancerContext,
    originalDst: { address: string; port: number } | undefined,
  ): UpstreamHost | undefined {
    try {
      return cluster.chooseHost(context, originalDst);
    } catch (e) {
      throw new PluginError('load balancer', e);
    }
  }
}
