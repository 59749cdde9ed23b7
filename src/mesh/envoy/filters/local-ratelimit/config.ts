import { FILTER_NAME, type LocalRateLimit } from '../../../xds/index';
import type { HttpFilterFactory } from '../../http/filter';
import { CompiledLocalRateLimit, LocalRateLimitFilter } from './local-ratelimit-filter';
import { checkLocalRateLimit } from './validate';

/**
 * envoy.filters.http.local_ratelimit (Envoy: LocalRateLimitFilterConfig). Its token buckets come from the
 * proxy's RateLimiterFactory, which a lab may replace.
 */
export const localRateLimitFilterFactory: HttpFilterFactory = {
  name: FILTER_NAME.localRateLimit,
  checkConfig: checkLocalRateLimit,
  checkPerRouteConfig: checkLocalRateLimit,
  createFilter: (config, { stats, random, clock, rateLimiterFactory }) =>
    new LocalRateLimitFilter(
      config === undefined ? undefined : new CompiledLocalRateLimit(config as LocalRateLimit),
      stats,
      random,
      rateLimiterFactory,
      clock,
    ),
  createRouteSpecificConfig: (config) => new CompiledLocalRateLimit(config as LocalRateLimit),
};
