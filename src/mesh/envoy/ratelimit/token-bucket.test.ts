import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim';
import { createTokenBucket } from './token-bucket';

function drain(consume: () => boolean, attempts: number): number {
  let admitted = 0;
  for (let i = 0; i < attempts; i++) if (consume()) admitted++;
  return admitted;
}

describe('local rate limit token bucket', () => {
  it('starts full: a burst of max_tokens is admitted, then requests are refused', () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 4, tokensPerFill: 4, fillIntervalMs: 60_000 }, clock);
    expect(drain(() => bucket.consume(), 10)).toBe(4);
    expect(bucket.consume()).toBe(false);
    expect(bucket.remainingTokens()).toBe(0);
  });

  it('refills tokens_per_fill at each whole fill_interval, not before', async () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 10, tokensPerFill: 2, fillIntervalMs: 1000 }, clock);
    drain(() => bucket.consume(), 10);
    await clock.advance(999);
    expect(bucket.consume()).toBe(false);
    await clock.advance(1);
    expect(bucket.remainingTokens()).toBe(2);
    expect(drain(() => bucket.consume(), 5)).toBe(2);
  });

  it('several intervals add several fills at once, never beyond max_tokens', async () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 5, tokensPerFill: 2, fillIntervalMs: 1000 }, clock);
    drain(() => bucket.consume(), 5);
    await clock.advance(2500);
    expect(bucket.remainingTokens()).toBe(4);
    await clock.advance(10_000);
    expect(bucket.remainingTokens()).toBe(5);
  });

  it('fill boundaries stay on the interval grid, whatever the time of the calls', async () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 1, fillIntervalMs: 1000 }, clock);
    expect(bucket.consume()).toBe(true);
    await clock.advance(1700); // one fill at t=1000
    expect(bucket.consume()).toBe(true);
    expect(bucket.nextFillInMs()).toBe(300); // next fill at t=2000, not t=2700
    await clock.advance(300);
    expect(bucket.consume()).toBe(true);
  });

  it('tokens_per_fill defaults to 1; consume(n) takes n tokens or none', () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 3, fillIntervalMs: 1000 }, clock);
    expect(bucket.consume(2)).toBe(true);
    expect(bucket.consume(2)).toBe(false);
    expect(bucket.remainingTokens()).toBe(1);
  });

  it('keeps no timer alive: refills are computed from clock.now()', () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 1, fillIntervalMs: 50 }, clock);
    bucket.consume();
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses a config Envoy would refuse: max_tokens < 1, fill_interval ≤ 0', () => {
    const clock = new VirtualClock();
    expect(() => createTokenBucket({ maxTokens: 0, fillIntervalMs: 1000 }, clock)).toThrow(RangeError);
    expect(() => createTokenBucket({ maxTokens: 1, fillIntervalMs: 0 }, clock)).toThrow(RangeError);
  });
});
