import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim';
import { createTokenBucket } from './token-bucket';

function drain(consume: () => boolean, attempts: number): number {
  let admitted = 0;
  for (let i = 0; i < attempts; i++) if (consume()) admitted++;
  return admitted;
}

describe('local rate limit token bucket (Envoy AtomicTokenBucket)', () => {
  it('starts full: a burst of max_tokens is admitted, then requests are refused', () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 4, tokensPerFill: 4, fillIntervalMs: 60_000 }, clock);
    expect(drain(() => bucket.consume(), 10)).toBe(4);
    expect(bucket.consume()).toBe(false);
    expect(bucket.remainingTokens()).toBe(0);
  });

  it('refills continuously at tokens_per_fill / fill_interval, not in steps at interval ends', async () => {
    const clock = new VirtualClock();
    // 4 per minute: one token every 15 s.
    const bucket = createTokenBucket({ maxTokens: 4, tokensPerFill: 4, fillIntervalMs: 60_000 }, clock);
    drain(() => bucket.consume(), 4);
    await clock.advance(14_999);
    expect(bucket.consume()).toBe(false);
    await clock.advance(1);
    expect(bucket.consume()).toBe(true);
    await clock.advance(30_000);
    expect(bucket.remainingTokens()).toBe(2);
  });

  it('after k·fill_interval an empty bucket holds min(max_tokens, k·tokens_per_fill)', async () => {
    for (const [k, expected] of [
      [1, 2],
      [2, 4],
      [3, 5],
      [10, 5],
    ] as const) {
      const clock = new VirtualClock();
      const bucket = createTokenBucket({ maxTokens: 5, tokensPerFill: 2, fillIntervalMs: 1000 }, clock);
      drain(() => bucket.consume(), 5);
      await clock.advance(k * 1000);
      expect(bucket.remainingTokens()).toBe(expected);
      expect(drain(() => bucket.consume(), 10)).toBe(expected);
    }
  });

  it('keeps the fraction between tokens: what accrued before a request is not lost', async () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 3, tokensPerFill: 1, fillIntervalMs: 1000 }, clock);
    drain(() => bucket.consume(), 3);
    await clock.advance(1700);
    expect(bucket.consume()).toBe(true); // 1.7 → 0.7 left
    await clock.advance(300);
    expect(bucket.consume()).toBe(true); // 0.7 + 0.3 = exactly 1
    expect(bucket.consume()).toBe(false);
  });

  it('a request exactly at a token boundary gets the token, on any rate', async () => {
    const clock = new VirtualClock();
    // 3 per 1000 ms: a token every 333⅓ ms, so only every third token lands on a whole millisecond.
    const bucket = createTokenBucket({ maxTokens: 3, tokensPerFill: 3, fillIntervalMs: 1000 }, clock);
    drain(() => bucket.consume(), 3);
    await clock.advance(333);
    expect(bucket.consume()).toBe(false);
    await clock.advance(667);
    expect(drain(() => bucket.consume(), 5)).toBe(3);
    await clock.advance(999);
    expect(drain(() => bucket.consume(), 5)).toBe(2);
    await clock.advance(1);
    expect(bucket.consume()).toBe(true);
  });

  it('a full bucket stops accruing: a long idle time gives max_tokens, no more', async () => {
    const clock = new VirtualClock();
    const bucket = createTokenBucket({ maxTokens: 2, tokensPerFill: 1, fillIntervalMs: 1000 }, clock);
    await clock.advance(60_000);
    expect(drain(() => bucket.consume(), 5)).toBe(2);
    await clock.advance(999);
    expect(bucket.consume()).toBe(false);
  });

  it('has no phase: built long before its first request, it answers as one built at that request', async () => {
    const clock = new VirtualClock();
    const early = createTokenBucket({ maxTokens: 4, tokensPerFill: 4, fillIntervalMs: 60_000 }, clock);
    await clock.advance(37_000);
    const late = createTokenBucket({ maxTokens: 4, tokensPerFill: 4, fillIntervalMs: 60_000 }, clock);
    const both = (): [boolean, boolean] => [early.consume(), late.consume()];
    for (let second = 0; second < 120; second++) {
      const [a, b] = both();
      expect(a).toBe(b);
      await clock.advance(1000);
    }
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
