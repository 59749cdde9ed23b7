/**
 * Lab 1.6's bridge from the learner's TokenBucket (files/bucket-types.ts) to the proxies' RateLimiter: every
 * sidecar's envoy.filters.http.local_ratelimit builds its bucket with the learner's class, reading the cluster's
 * virtual clock. Any answer of tryTake() but a boolean is an error, which the proxy's plugin guard turns into a
 * 500 naming the rate limiter: a truthy object must not let a request through unnoticed.
 */
import type { SimCluster } from '../mesh';
import { Mismatch } from '../grader/mismatch';
import { both } from '../grader/text';
import type { Bilingual, LiveHook } from '../schema';
import type { BucketConfig, Now, RateLimiter } from './files/bucket-types';

export type BucketClass = new (config: BucketConfig, now: Now) => RateLimiter;

/** The learner's TokenBucket class, or a Mismatch saying what is missing. */
export function bucketClass(load: () => Record<string, unknown>): BucketClass {
  const exported = load()['TokenBucket'];
  if (typeof exported !== 'function') {
    throw new Mismatch(
      both('token-bucket.ts가 TokenBucket 클래스를 export함', 'token-bucket.ts exports a TokenBucket class'),
      both('TokenBucket export가 없습니다', 'there is no TokenBucket export'),
    );
  }
  return exported as BucketClass;
}

/** One answer of tryTake(), which must be a boolean. */
export function taken(bucket: RateLimiter): boolean {
  const answer: unknown = bucket.tryTake();
  if (typeof answer !== 'boolean') throw new Error(`tryTake() returned ${String(answer)}: return true or false`);
  return answer;
}

/** Gives every sidecar of `cluster` the learner's bucket; returns why a sidecar refused it, if one did. */
export function installBucket(Bucket: BucketClass, cluster: SimCluster): Bilingual | undefined {
  const refused = cluster.setProxyExtensions({
    rateLimiter: (config, clock) => {
      const bucket = new Bucket(
        {
          maxTokens: config.maxTokens,
          tokensPerFill: config.tokensPerFill ?? 1,
          fillIntervalMs: config.fillIntervalMs,
        },
        () => clock.now(),
      );
      // The local rate limit filter asks for one token per request.
      return { consume: () => taken(bucket) };
    },
  });
  const why = refused[0]?.message;
  return why === undefined
    ? undefined
    : both(`사이드카가 버킷을 거부함: ${why}`, `a sidecar refused the bucket: ${why}`);
}

/** The lab's `live` hook: after a check run, the terminal's sidecars count with the learner's bucket. */
export const liveBucket: LiveHook = ({ load, cluster }) => {
  try {
    return installBucket(bucketClass(load), cluster);
  } catch (error) {
    if (error instanceof Mismatch) return error.seen;
    throw error;
  }
};
