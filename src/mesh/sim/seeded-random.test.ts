import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const draws = (r: SeededRandom) => Array.from({ length: 100 }, () => r.next());
    expect(draws(a)).toEqual(draws(b));
  });

  it('gives a different sequence for a different seed', () => {
    const a = Array.from(
      { length: 10 },
      (
        (r) => () =>
          r.next()
      )(new SeededRandom(1)),
    );
    const b = Array.from(
      { length: 10 },
      (
        (r) => () =>
          r.next()
      )(new SeededRandom(2)),
    );
    expect(a).not.toEqual(b);
  });

  it('draws next() uniformly in [0, 1) with a mean near one half', () => {
    const r = new SeededRandom(3);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeGreaterThan(0.49);
    expect(sum / n).toBeLessThan(0.51);
  });

  it('int(n) hits every value in [0, n) roughly equally', () => {
    const r = new SeededRandom(4);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10000; i++) counts[r.int(5)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(1800);
  });

  it('int rejects a non-positive or fractional bound', () => {
    const r = new SeededRandom(5);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('fork() gives a reproducible stream independent of the parent', () => {
    const a = new SeededRandom(9).fork();
    const b = new SeededRandom(9).fork();
    expect(a.next()).toBe(b.next());
    expect(new SeededRandom(9).next()).not.toBe(new SeededRandom(9).fork().next());
  });
});
