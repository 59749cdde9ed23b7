import type { Clock, Random } from '../../../sim';
import { FILTER_NAME, type LocalRateLimit, fractionDenominator, parseDuration } from '../../../xds/index';
import type { ActiveStream } from '../../http/active-stream';
import type { FilterResult, HttpFilter } from '../../http/filter';
import { localReply } from '../../http/local-reply';
import type { RateLimiter, RateLimiterFactory, TokenBucket, TokenBucketConfig } from '../../ratelimit/token-bucket';
import type { Counter, StatsStore } from '../../stats/store';
import { FLAG_RL } from '../../stream-info';

/** The body of a refusal, word for word as Envoy writes it. */
export const RATE_LIMITED_BODY = 'local_rate_limited';

/** A local_ratelimit config parsed once; its limiter is built on first use by the proxy's current factory. */
export class CompiledLocalRateLimit {
  readonly statPrefix: string;
  readonly bucket: TokenBucketConfig | undefined;
  readonly enabled: readonly [number, number];
  readonly enforced: readonly [number, number];
  readonly responseHeaders: Record<string, string>;
  readonly status: number;
  /** The limiter and the factory it was built with (a lab's new factory → a new limiter). */
  limiter: RateLimiter | undefined;
  limiterFactory: RateLimiterFactory | undefined;

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
  private readonly counters = new Map<string, { enabled: Counter; enforced: Counter; limited: Counter; ok: Counter }>();

  constructor(
    private readonly filterConfig: CompiledLocalRateLimit | undefined,
    private readonly stats: StatsStore,
    private readonly random: Random,
    private readonly rateLimiterFactory: () => RateLimiterFactory,
    private readonly clock: Clock,
  ) {}

  decodeHeaders(stream: ActiveStream): FilterResult {
    const cfg =
      (stream.route?.perFilterConfig(FILTER_NAME.localRateLimit) as CompiledLocalRateLimit | undefined) ??
      this.filterConfig;
    if (cfg === undefined || cfg.bucket === undefined) return undefined;
    if (!sample(this.random, cfg.enabled)) return undefined;
    const c = this.countersFor(cfg.statPrefix);
    c.enabled.value++;
    const limiter = this.limiterFor(cfg, cfg.bucket);
    const allowed = limiter.consume(1);
    const enforced = !allowed && sample(this.random, cfg.enforced);
    stream.hop?.decisions.push({
      kind: 'local-rate-limit',
      allowed: !enforced,
      tokensLeft: tokensLeft(limiter),
      maxTokens: cfg.bucket.maxTokens,
      fillIntervalMs: cfg.bucket.fillIntervalMs,
    });
    if (allowed) {
      c.ok.value++;
      return undefined;
    }
    c.limited.value++;
    if (!enforced) return undefined;
    c.enforced.value++;
    stream.flags |= FLAG_RL;
    stream.responseCodeDetails = 'local_rate_limited';
    return localReply(cfg.status, RATE_LIMITED_BODY, cfg.responseHeaders);
  }

  private limiterFor(cfg: CompiledLocalRateLimit, bucket: TokenBucketConfig): RateLimiter {
    const factory = this.rateLimiterFactory();
    if (cfg.limiter === undefined || cfg.limiterFactory !== factory) {
      cfg.limiter = factory(bucket, this.clock);
      cfg.limiterFactory = factory;
    }
    return cfg.limiter;
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

/** What a token bucket has left; a lab's limiter that keeps no count cannot say. */
function tokensLeft(limiter: RateLimiter): number | undefined {
  const bucket = limiter as Partial<TokenBucket>;
  return typeof bucket.remainingTokens === 'function' ? bucket.remainingTokens() : undefined;
}
