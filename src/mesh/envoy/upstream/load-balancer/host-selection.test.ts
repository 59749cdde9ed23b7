import { describe, expect, it, vi } from 'vitest';
import { SeededRandom } from '../../../sim';
import { HealthFlag, type UpstreamHost } from '../host';
import { hostAt, hostSetOf, tally } from '../../testing/host-fixtures';
import { createLoadBalancer } from './factory';
import { chooseWithHostSelectionRetries, isHostSetInPanic } from './host-selection';
import { createLoadBalancerFromPicker } from './picker';
import { LbPolicy } from './types';

const ALL_POLICIES = Object.values(LbPolicy);

describe('host selection shared by every policy', () => {
  it.each(ALL_POLICIES)('%s: ejected hosts are excluded', (policy) => {
    const set = hostSetOf(4);
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    hostAt(set, 3).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const lb = createLoadBalancer(policy, set, new SeededRandom(11));
    const counts = tally(Array.from({ length: 400 }, (_, i) => lb.chooseHost({ hashKey: `k${i}` })));
    expect([...counts.keys()].sort()).toEqual(['10.0.0.2:8080', '10.0.0.3:8080']);
  });

  it.each(ALL_POLICIES)('%s: every host ejected and panic off (Istio default) → undefined', (policy) => {
    const set = hostSetOf(2);
    for (const h of set.hosts()) h.healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    expect(createLoadBalancer(policy, set, new SeededRandom(1)).chooseHost({ hashKey: 'x' })).toBeUndefined();
  });

  it.each(ALL_POLICIES)(
    '%s: panic mode (healthy share below minHealthPercent) uses every host, ejected or not',
    (policy) => {
      const set = hostSetOf(4);
      for (let i = 0; i < 3; i++) hostAt(set, i).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
      const lb = createLoadBalancer(policy, set, new SeededRandom(11), { healthyPanicThreshold: 50 });
      const counts = tally(Array.from({ length: 400 }, (_, i) => lb.chooseHost({ hashKey: `k${i}` })));
      expect(counts.size).toBe(4);
    },
  );

  it('panic needs the healthy share strictly below the threshold; a threshold of 0 never panics', () => {
    expect(isHostSetInPanic(1, 2, 50)).toBe(false);
    expect(isHostSetInPanic(1, 3, 50)).toBe(true);
    expect(isHostSetInPanic(0, 3, 0)).toBe(false);
    expect(isHostSetInPanic(0, 0, 50)).toBe(false);
  });

  it('not in panic (healthy share at or above the threshold): ejected hosts stay excluded', () => {
    const set = hostSetOf(4);
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const lb = createLoadBalancer(LbPolicy.ROUND_ROBIN, set, new SeededRandom(1), { healthyPanicThreshold: 75 });
    expect(tally(Array.from({ length: 30 }, () => lb.chooseHost())).has('10.0.0.1:8080')).toBe(false);
  });

  it.each(ALL_POLICIES)('%s: the previous-hosts predicate steers the pick away from the previous host', (policy) => {
    const set = hostSetOf(3);
    const lb = createLoadBalancer(policy, set, new SeededRandom(4));
    const previous = hostAt(set, 0);
    const picks = Array.from({ length: 1000 }, (_, i) =>
      lb.chooseHost({ hashKey: `k${i}`, shouldSelectAnotherHost: (h) => h === previous }),
    );
    // Random policies may land on it 6 times in a row (1 pick + 5 re-picks): (1/3)^6 ≈ 0.14%.
    expect(tally(picks).get(previous.key) ?? 0).toBeLessThanOrEqual(10);
    if (policy === LbPolicy.ROUND_ROBIN || policy === LbPolicy.RING_HASH) {
      expect(tally(picks).get(previous.key)).toBeUndefined();
    }
  });

  it('re-picks at most hostSelectionRetryMaxAttempts times, then keeps the last pick', () => {
    const set = hostSetOf(3);
    const predicate = vi.fn((_: UpstreamHost) => true);
    const lb = createLoadBalancer(LbPolicy.ROUND_ROBIN, set, new SeededRandom(1));
    const host = lb.chooseHost({ shouldSelectAnotherHost: predicate, hostSelectionRetryMaxAttempts: 2 });
    expect(predicate).toHaveBeenCalledTimes(3); // first pick + 2 re-picks
    expect(host).toBe(hostAt(set, 2));
  });

  it('the default bound is 5 re-picks (Istio: host_selection_retry_max_attempts 5)', () => {
    let calls = 0;
    chooseWithHostSelectionRetries({ shouldSelectAnotherHost: () => true }, () => {
      calls++;
      return undefined as unknown as UpstreamHost;
    });
    expect(calls).toBe(1); // no host at all: nothing to retry
    calls = 0;
    const set = hostSetOf(1);
    chooseWithHostSelectionRetries({ shouldSelectAnotherHost: () => true }, () => {
      calls++;
      return hostAt(set, 0);
    });
    expect(calls).toBe(6);
  });

  it("a learner's HostPicker is wrapped with exclusion, panic and retries; it cannot pick an excluded host", () => {
    const set = hostSetOf(3);
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const seen: string[][] = [];
    const lb = createLoadBalancerFromPicker(
      {
        pickHost(hosts, _context, attempt) {
          seen.push(hosts.map((h) => h.key));
          return hosts[attempt % hosts.length];
        },
      },
      set,
    );
    expect(seen).toEqual([]);
    const host = lb.chooseHost({ shouldSelectAnotherHost: (h) => h === hostAt(set, 1) });
    expect(host).toBe(hostAt(set, 2));
    expect(seen[0]).toEqual(['10.0.0.2:8080', '10.0.0.3:8080']);
    const cheater = createLoadBalancerFromPicker({ pickHost: () => hostAt(set, 0) }, set);
    expect(cheater.chooseHost()).toBeUndefined();
  });
});
