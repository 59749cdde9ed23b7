import type { BucketConfig, Now, RateLimiter } from './bucket-types';

/**
 * A token bucket. It starts full (config.maxTokens tokens). Every config.fillIntervalMs, counted from when the
 * bucket was made, it gains config.tokensPerFill tokens, never more than config.maxTokens. Each request takes
 * one token; with none left, tryTake() says no.
 */
export class TokenBucket implements RateLimiter {
  constructor(
    readonly config: BucketConfig,
    readonly now: Now,
  ) {}

  tryTake(): boolean {
    // TODO: refill for the whole intervals that passed since the last fill, then take a token if there is one.
    return true;
  }
}
