import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../sim';
import { HealthFlag } from '../host';
import { hostAt, hostSetOf, tally } from '../../testing/host-fixtures';
import { RandomLoadBalancer } from './random';

describe('RANDOM', () => {
  it('spreads 10,000 picks evenly over 4 hosts (each within ±5% of 2,500)', () => {
    const lb = new RandomLoadBalancer(hostSetOf(4), new SeededRandom(7));
    const counts = tally(Array.from({ length: 10_000 }, () => lb.chooseHost()));
    expect(counts.size).toBe(4);
    for (const n of counts.values()) expect(Math.abs(n - 2500)).toBeLessThan(125);
  });

  it('never picks an ejected host', () => {
    const set = hostSetOf(3);
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const lb = new RandomLoadBalancer(set, new SeededRandom(1));
    const counts = tally(Array.from({ length: 1000 }, () => lb.chooseHost()));
    expect(counts.has('10.0.0.1:8080')).toBe(false);
  });

  it('the same seed gives the same sequence of picks', () => {
    const picks = (seed: number) => {
      const lb = new RandomLoadBalancer(hostSetOf(5), new SeededRandom(seed));
      return Array.from({ length: 20 }, () => lb.chooseHost()?.key);
    };
    expect(picks(42)).toEqual(picks(42));
  });
});
