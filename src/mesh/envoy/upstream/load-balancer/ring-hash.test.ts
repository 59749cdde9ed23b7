import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../sim';
import { HealthFlag } from '../host';
import { HostSetImpl } from '../host-set';
import { endpoints, hostAt, tally } from '../../testing/host-fixtures';
import { RingHashLoadBalancer } from './ring-hash';

const keys = Array.from({ length: 2000 }, (_, i) => `user-${i}`);

function assignments(lb: RingHashLoadBalancer): Map<string, string | undefined> {
  return new Map(keys.map((k) => [k, lb.chooseHost({ hashKey: k })?.key]));
}

describe('RING_HASH (consistent hash)', () => {
  it('is sticky: the same hash key always reaches the same host', () => {
    const lb = new RingHashLoadBalancer(new HostSetImpl(endpoints(4)), new SeededRandom(1));
    for (const key of ['jason', 'alice', 'bob']) {
      const first = lb.chooseHost({ hashKey: key });
      for (let i = 0; i < 20; i++) expect(lb.chooseHost({ hashKey: key })).toBe(first);
    }
  });

  it('spreads distinct keys over every host (each host gets 10–40% of 2,000 keys among 4)', () => {
    const lb = new RingHashLoadBalancer(new HostSetImpl(endpoints(4)), new SeededRandom(1));
    const counts = tally(keys.map((k) => lb.chooseHost({ hashKey: k })));
    expect(counts.size).toBe(4);
    for (const n of counts.values()) expect(n / keys.length).toBeGreaterThan(0.1);
    for (const n of counts.values()) expect(n / keys.length).toBeLessThan(0.4);
  });

  it('minimal remap when a host is added: only keys that move to the new host move (~1/5)', () => {
    const set = new HostSetImpl(endpoints(4));
    const lb = new RingHashLoadBalancer(set, new SeededRandom(1));
    const before = assignments(lb);
    set.update(endpoints(5));
    const after = assignments(lb);
    let moved = 0;
    for (const key of keys) {
      if (before.get(key) !== after.get(key)) {
        moved++;
        expect(after.get(key)).toBe('10.0.0.5:8080');
      }
    }
    expect(moved / keys.length).toBeGreaterThan(0.1);
    expect(moved / keys.length).toBeLessThan(0.3);
  });

  it('minimal remap when a host is removed: only the keys of the removed host move', () => {
    const set = new HostSetImpl(endpoints(4));
    const lb = new RingHashLoadBalancer(set, new SeededRandom(1));
    const before = assignments(lb);
    set.update(endpoints(4).slice(1)); // remove 10.0.0.1
    const after = assignments(lb);
    for (const key of keys) {
      if (before.get(key) !== '10.0.0.1:8080') expect(after.get(key)).toBe(before.get(key));
      else expect(after.get(key)).not.toBe('10.0.0.1:8080');
    }
  });

  it("an ejected host's keys go to the next host clockwise and come back when it returns", () => {
    const set = new HostSetImpl(endpoints(3));
    const lb = new RingHashLoadBalancer(set, new SeededRandom(1));
    const before = assignments(lb);
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const during = assignments(lb);
    for (const key of keys) {
      expect(during.get(key)).not.toBe('10.0.0.1:8080');
      if (before.get(key) !== '10.0.0.1:8080') expect(during.get(key)).toBe(before.get(key));
    }
    hostAt(set, 0).healthFlagClear(HealthFlag.FAILED_OUTLIER_CHECK);
    expect(assignments(lb)).toEqual(before);
  });

  it('without a hash key, picks are random but still spread over all hosts', () => {
    const lb = new RingHashLoadBalancer(new HostSetImpl(endpoints(3)), new SeededRandom(8));
    const counts = tally(Array.from({ length: 3000 }, () => lb.chooseHost()));
    expect(counts.size).toBe(3);
  });

  it('a host-selection retry moves to the next distinct host clockwise, the same one every time', () => {
    const set = new HostSetImpl(endpoints(4));
    const lb = new RingHashLoadBalancer(set, new SeededRandom(1));
    const first = lb.chooseHost({ hashKey: 'jason' })!;
    const retry = () => lb.chooseHost({ hashKey: 'jason', shouldSelectAnotherHost: (h) => h === first });
    const second = retry();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(retry()).toBe(second);
  });
});
