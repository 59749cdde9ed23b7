/**
 * Per-client rate limits as token buckets. Hand-written rather than a package: it is ten lines, it takes the
 * server's injected clock (so tests need no waiting), and it is the algorithm the course's rate-limiter lab
 * teaches — the workshop server limits its clients the way Envoy's local rate limit does.
 */
export interface TokenBucketOptions {
  /** How many requests a client may send at once. */
  readonly burst: number;
  /** How many tokens come back per second. */
  readonly perSecond: number;
  readonly now: () => number;
  /** Clients remembered; the least recently seen are forgotten first, so many clients cannot grow memory without end. */
  readonly maxClients?: number;
}

export function createRateLimiter({ burst, perSecond, now, maxClients = 10_000 }: TokenBucketOptions) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Takes a token for `client`: true when it may go on, false when it must wait. */
  return function take(client: string): boolean {
    const t = now();
    const bucket = buckets.get(client) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    buckets.delete(client);
    buckets.set(client, bucket);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
