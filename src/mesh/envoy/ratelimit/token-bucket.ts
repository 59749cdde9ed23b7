/**
 * The local rate limit filter's token bucket (Envoy: `envoy.filters.http.local_ratelimit`,
 * `token_bucket { max_tokens, tokens_per_fill, fill_interval }`), as the Envoy that Istio 1.30 ships (1.38)
 * keeps it: `AtomicTokenBucketImpl` in source/common/common/token_bucket_impl.cc. Envoy 1.31 made it the
 * default and 1.34 removed the timer-driven bucket (runtime guard `no_timer_based_rate_limit_token_bucket`).
 *
 * There is no fill timer and so no phase: tokens flow back continuously at tokens_per_fill / fill_interval,
 * fractions included, never beyond max_tokens; a request is let through when at least one whole token has
 * accrued. The bucket starts full, which is why building it when the config loads or at its first request
 * gives the same answers.
 *
 * Envoy stores one number, the moment the bucket was (or would have been) empty; tokens = (now − that
 * moment) · rate. We keep that moment multiplied by tokens_per_fill so that every step stays an exact integer
 * on the millisecond clock: a request exactly one token's time after the last one gets it, as Envoy's
 * `total >= 1` promises, with no floating-point drift.
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
  /** Whole tokens available now (Envoy's `remainingTokens()`, truncated as its uint32 cast does). */
  remainingTokens(): number;
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
  /** When the bucket was empty, in ms × tokens_per_fill; tokens = (now·tpf − this) / fill_interval. */
  private emptyAtScaled: number;

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
    // Envoy's init_fill: the bucket starts full, as if it had been empty max_tokens' worth of time ago.
    this.emptyAtScaled = this.nowScaled() - this.maxTokens * this.fillIntervalMs;
  }

  consume(tokens = 1): boolean {
    const now = this.nowScaled();
    // A full bucket stops accruing: move the empty moment up so that it holds exactly max_tokens.
    const emptyAt = Math.max(this.emptyAtScaled, now - this.maxTokens * this.fillIntervalMs);
    if (now - emptyAt < tokens * this.fillIntervalMs) return false;
    this.emptyAtScaled = emptyAt + tokens * this.fillIntervalMs;
    return true;
  }

  remainingTokens(): number {
    const accrued = Math.floor((this.nowScaled() - this.emptyAtScaled) / this.fillIntervalMs);
    return Math.min(this.maxTokens, accrued);
  }

  private nowScaled(): number {
    return this.clock.now() * this.tokensPerFill;
  }
}

/** The default `RateLimiterFactory`. */
export function createTokenBucket(config: TokenBucketConfig, clock: Clock): TokenBucket {
  return new TokenBucketImpl(config, clock);
}
