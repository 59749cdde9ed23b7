import type { BucketConfig, Now, RateLimiter } from './bucket-types';

/**
 * A token bucket. It starts full (config.maxTokens tokens). Every config.fillIntervalMs, counted from when the
 * bucket was made, it gains config.tokensPerFill tokens, never more than config.maxTokens. Each request takes
 * one token; with none left, tryTake() says no.
 */
export class TokenBucket implements RateLimiter {
  private tokens: number;
  /** The last fill accounted for, on the fill grid that starts when the bucket was made. */
  private lastFill: number;

  constructor(
    private readonly config: BucketConfig,
    private readonly now: Now,
  ) {
    this.tokens = config.maxTokens;
    this.lastFill = now();
  }

  tryTake(): boolean {
    const fills = Math.floor((this.now() - this.lastFill) / this.config.fillIntervalMs);
    if (fills > 0) {
      // Move along the grid, not to now: a timer firing every interval would not drift either.
      this.lastFill += fills * this.config.fillIntervalMs;
      this.tokens = Math.min(this.config.maxTokens, this.tokens + fills * this.config.tokensPerFill);
    }
    if (this.tokens === 0) return false;
    this.tokens--;
    return true;
  }
}
