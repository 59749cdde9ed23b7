import type { Clock, Random } from '../../sim';
import { type LocalRateLimit, fractionDenominator, parseDuration } from '../../xds/index';
import type { RateLimiter, TokenBucketConfig } from '../ratelimit/token-bucket';
import type { ActiveStream, FilterResult, HttpFilter } from '../http/active-stream';
import { LocalReplyBody, localReply } from '../http/local-reply';
import type { Counter, StatsStore } from '../stats/store';
import { FLAG_RL } from '../stream-info';

/** A local_ratelimit config parsed once; the limiter itself is built on first use by the current factory. */
export class CompiledLocalRateLimit {
  readonly statPrefix: string;
  readonly bucket: TokenBucketConfig | undefined;
  readonly enabled: readonly [number, number];
  readonly enforced: readonly [number, number];
  readonly responseHeaders: Record<string, string>;
  readonly status: number;
  /** The limiter and the factory generation it was built with (a new factory → a new limiter). */
  limiter: RateLimiter | undefined;
  limiterGeneration = -1;

  constructor(c: LocalRateLimit) {
    this.statPrefix = c.stat_prefix;
    this.bucket =
      c.token_bucket === undefined
        ? undefined
        : {
            maxTokens: c.token_bucket.max_tokens,
            tokensPerFill: c.token_bucket.tokens_per_fill ?? 1,
            fillIntervalMs: parseDuration(c.token_bucket.fill_interval) ?? 1000,
          };
    const frac = (f: LocalRateLimit['filter_enabled']): readonly [number, number] =>
      f === undefined ? [0, 100] : [f.default_value.numerator, fractionDenominator(f.default_value)];
    this.enabled = frac(c.filter_enabled);
    this.enforced = frac(c.filter_enforced);
    this.responseHeaders = {};
    for (const h of c.response_headers_to_add ?? []) this.responseHeaders[h.header.key.toLowerCase()] = h.header.value;
    this.status = c.status?.code ?? 429;
  }
}

/** Supplies the limiter for a config, built with the proxy's current RateLimiterFactory. */
export type LimiterProvider = (config: CompiledLocalRateLimit) => RateLimiter;

function sample(random: Random, [num, den]: readonly [number, number]): boolean {
  if (num <= 0) return false;
  return num >= den || random.int(den) < num;
}

/**
 * envoy.filters.http.local_ratelimit: the route's config replaces the filter's. Only a sampled share
 * (filter_enabled) is looked at and only a share of those (filter_enforced) is refused: absent = 0 %, as
 * in Envoy, which is why Istio's examples set both to 100 %.
 */
export class LocalRateLimitFilter implements HttpFilter {
  readonly name = 'envoy.filters.http.local_ratelimit';
  private readonly counters = new Map<string, { enabled: Counter; enforced: Counter; limited: Counter; ok: Counter }>();

  constructor(
    private readonly filterConfig: CompiledLocalRateLimit | undefined,
    private readonly stats: StatsStore,
    private readonly random: Random,
    private readonly limiterFor: LimiterProvider,
    readonly clock: Clock,
  ) {}

  decodeHeaders(stream: ActiveStream): FilterResult {
    const cfg = stream.route?.localRateLimit ?? this.filterConfig;
    if (cfg === undefined || cfg.bucket === undefined) return undefined;
    if (!sample(this.random, cfg.enabled)) return undefined;
    const c = this.countersFor(cfg.statPrefix);
    c.enabled.value++;
    if (this.limiterFor(cfg).consume(1)) {
      c.ok.value++;
      return undefined;
    }
    c.limited.value++;
    if (!sample(this.random, cfg.enforced)) return undefined;
    c.enforced.value++;
    stream.flags |= FLAG_RL;
    stream.responseCodeDetails = 'local_rate_limited';
    return localReply(cfg.status, LocalReplyBody.rateLimited, cfg.responseHeaders);
  }

  private countersFor(prefix: string): { enabled: Counter; enforced: Counter; limited: Counter; ok: Counter } {
    let c = this.counters.get(prefix);
    if (c === undefined) {
      const base = `${prefix}.http_local_rate_limit`;
      c = {
        enabled: this.stats.counter(`${base}.enabled`),
        enforced: this.stats.counter(`${base}.enforced`),
        limited: this.stats.counter(`${base}.rate_limited`),
        ok: this.stats.counter(`${base}.ok`),
      };
      this.counters.set(prefix, c);
    }
    return c;
  }
}
