export {
  TokenBucketImpl,
  createTokenBucket,
  type RateLimiter,
  type RateLimiterFactory,
  type TokenBucket,
  type TokenBucketConfig,
} from './token-bucket';
