/** The numbers of a token bucket: Envoy's `token_bucket { max_tokens, tokens_per_fill, fill_interval }`. */
export interface BucketConfig {
  /** max_tokens: how many tokens the bucket holds, and how many it starts with. At least 1. */
  readonly maxTokens: number;
  /** tokens_per_fill: how many tokens each fill adds. At least 1. */
  readonly tokensPerFill: number;
  /** fill_interval in milliseconds: a fill happens every this many ms, counted from when the bucket was made. */
  readonly fillIntervalMs: number;
}

/** The clock the bucket reads: milliseconds, on the simulator's virtual clock. */
export type Now = () => number;

/** What the sidecars call for every request that meets the local rate limit filter. */
export interface RateLimiter {
  /** Takes one token and returns true, or returns false when there is none (the proxy answers 429). */
  tryTake(): boolean;
}
