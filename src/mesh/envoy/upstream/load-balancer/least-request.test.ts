import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../sim';
import { HealthFlag } from '../host';
import { HostSetImpl } from '../host-set';
import { ScriptedRandom, hostAt, hostSetOf, tally } from '../../testing/host-fixtures';
import { LeastRequestLoadBalancer } from './least-request';

describe('LEAST_REQUEST (power of two choices)', () => {
  it('of the two sampled hosts, takes the one with fewer active requests', () => {
    const set = hostSetOf(4);
    hostAt(set, 2).activeRequests = 5;
    hostAt(set, 3).activeRequests = 1;
    // samples host 2 then host 3 → host 3 (1 < 5)
    expect(new LeastRequestLoadBalancer(set, new ScriptedRandom([2, 3])).chooseHost()).toBe(hostAt(set, 3));
    // samples host 3 then host 2 → still host 3
    expect(new LeastRequestLoadBalancer(set, new ScriptedRandom([3, 2])).chooseHost()).toBe(hostAt(set, 3));
  });

  it('on a tie the first sampled host wins, and the global minimum is NOT searched (only two samples)', () => {
    const set = hostSetOf(3);
    hostAt(set, 0).activeRequests = 2;
    hostAt(set, 1).activeRequests = 2;
    // host 2 (0 active) is not sampled, so it is not chosen
    expect(new LeastRequestLoadBalancer(set, new ScriptedRandom([1, 0])).chooseHost()).toBe(hostAt(set, 1));
  });

  it('spreads evenly when idle: 10,000 picks over 4 idle hosts, each within ±5% of 2,500', () => {
    const lb = new LeastRequestLoadBalancer(hostSetOf(4), new SeededRandom(2024));
    const counts = tally(Array.from({ length: 10_000 }, () => lb.chooseHost()));
    expect(counts.size).toBe(4);
    for (const n of counts.values()) expect(Math.abs(n - 2500)).toBeLessThan(125);
  });

  it('steers away from a loaded host: with 2 hosts, the busy one is picked only when both samples hit it (~25%)', () => {
    const set = hostSetOf(2);
    hostAt(set, 1).activeRequests = 10;
    const lb = new LeastRequestLoadBalancer(set, new SeededRandom(99));
    const counts = tally(Array.from({ length: 10_000 }, () => lb.chooseHost()));
    const busyShare = (counts.get('10.0.0.2:8080') ?? 0) / 10_000;
    expect(busyShare).toBeGreaterThan(0.22);
    expect(busyShare).toBeLessThan(0.28);
  });

  it('a slow host (requests piling up) gets only the picks where both samples hit it: ~1/9 of 3 hosts, not 1/3', () => {
    const set = hostSetOf(3);
    const lb = new LeastRequestLoadBalancer(set, new SeededRandom(5));
    let slowPicks = 0;
    // Host 1 never finishes its requests; the others finish at once.
    for (let i = 0; i < 9000; i++) {
      const host = lb.chooseHost()!;
      if (host === hostAt(set, 0)) {
        host.activeRequests++;
        slowPicks++;
      }
    }
    expect(slowPicks / 9000).toBeGreaterThan(0.09);
    expect(slowPicks / 9000).toBeLessThan(0.13);
  });

  it('never picks an ejected host', () => {
    const set = hostSetOf(3);
    hostAt(set, 2).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const lb = new LeastRequestLoadBalancer(set, new SeededRandom(3));
    expect(tally(Array.from({ length: 500 }, () => lb.chooseHost())).has('10.0.0.3:8080')).toBe(false);
  });

  it('unequal weights: idle hosts get picks in proportion to weight', () => {
    const set = new HostSetImpl([
      { address: '10.0.0.1', port: 80, weight: 3 },
      { address: '10.0.0.2', port: 80, weight: 1 },
    ]);
    const lb = new LeastRequestLoadBalancer(set, new SeededRandom(1));
    const counts = tally(Array.from({ length: 400 }, () => lb.chooseHost()));
    expect(counts.get('10.0.0.1:80')).toBe(300);
  });
});
