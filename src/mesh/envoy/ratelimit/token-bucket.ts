/**
 * The local rate limit filter's token bucket (Envoy: `envoy.filters.http.local_ratelimit`,
 * `token_bucket { max_tokens, tokens_per_fill, fill_interval }`). The bucket starts full; every
 * fill_interval it gains tokens_per_fill tokens, never beyond max_tokens; each request takes one token or is
 * refused (the filter answers 429, and `x-local-rate-limit: true` when configured).
 *
 * Fills are computed lazily from `clock.now()` in whole intervals counted from the bucket's creation, which
 * is exactly what a timer firing every fill_interval would do, without keeping a timer alive.
 */
import type { Clock } from '../../sim';

/** What the local rate limit filter needs. A lab may plug a learner's limiter in through this. */
export interface RateLimiter {
  /** Takes `tokens` (default 1) if that many are available and returns true; otherwise takes none, false. */
  consume(tokens?: number): boolean;
}

/** A token bucket that can also say how full it is (for stats, headers and the UI). */
export interface TokenBucket extends RateLimiter {
  readonly maxTokens: number;
  /** Tokens available now. */
  remainingTokens(): number;
  /** Milliseconds until the next fill (0 when the bucket is full and nothing is pending). */
  nextFillInMs(): number;
}

/** `token_bucket` of the filter config; durations in ms. */
export interface TokenBucketConfig {
  /** max_tokens: the burst size; also the starting content. Must be ≥ 1. */
  readonly maxTokens: number;
  /** tokens_per_fill: default 1. */
  readonly tokensPerFill?: number;
  /** fill_interval: must be > 0 (Envoy requires ≥ 50 ms; we do not enforce that so tests may go smaller). */
  readonly fillIntervalMs: number;
}

/** How a proxy builds a limiter from filter config. A lab swaps this to plug in a learner's limiter. */
export type RateLimiterFactory = (config: TokenBucketConfig, clock: Clock) => RateLimiter;

export class TokenBucketImpl implements TokenBucket {
  readonly maxTokens: number;
  private readonly tokensPerFill: number;
  private readonly fillIntervalMs: number;
  private tokens: number;
  /** Time of the last whole fill boundary accounted for. */
  private lastFill: number;

  constructor(
    config: TokenBucketConfig,
    private readonly clock: Clock,
  ) {
    if (!(config.maxTokens >= 1)) throw new RangeError('token bucket max_tokens must be at least 1');
    if (!(config.fillIntervalMs > 0)) throw new RangeError('token bucket fill_interval must be positive');
    const tokensPerFill = config.tokensPerFill ?? 1;
    if (!(tokensPerFill >= 1)) throw new RangeError('token bucket tokens_per_fill must be at least 1');
    this.maxTokens = Math.floor(config.maxTokens);
    this.tokensPerFill = Math.floor(tokensPerFill);
    this.fillIntervalMs = config.fillIntervalMs;
    this.tokens = this.maxTokens;
    this.lastFill = clock.now();
  }

  consume(tokens = 1): boolean {
    this.refill();
    if (tokens > this.tokens) return false;
    this.tokens -= tokens;
    return true;
  }

  remainingTokens(): number {
    this.refill();
    return this.tokens;
  }

  nextFillInMs(): number {
    this.refill();
    if (this.tokens >= this.maxTokens) return 0;
    return this.lastFill + this.fillIntervalMs - this.clock.now();
  }

  private refill(): void {
    const fills = Math.floor((this.clock.now() - this.lastFill) / this.fillIntervalMs);
    if (fills <= 0) return;
    this.lastFill += fills * this.fillIntervalMs;
    this.tokens = Math.min(this.maxTokens, this.tokens + fills * this.tokensPerFill);
  }
}

/** The default `RateLimiterFactory`. */
export function createTokenBucket(config: TokenBucketConfig, clock: Clock): TokenBucket {
  return new TokenBucketImpl(config, clock);
}
