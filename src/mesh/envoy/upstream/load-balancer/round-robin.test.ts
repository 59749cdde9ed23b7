import { describe, expect, it } from 'vitest';
import { HealthFlag } from '../host';
import { HostSetImpl } from '../host-set';
import { endpoints, hostAt, hostSetOf, tally } from '../../testing/host-fixtures';
import { RoundRobinLoadBalancer } from './round-robin';

describe('ROUND_ROBIN', () => {
  it('visits the hosts in EDS order, one after another, and wraps around', () => {
    const lb = new RoundRobinLoadBalancer(hostSetOf(3));
    const keys = Array.from({ length: 7 }, () => lb.chooseHost()?.key);
    expect(keys).toEqual([
      '10.0.0.1:8080',
      '10.0.0.2:8080',
      '10.0.0.3:8080',
      '10.0.0.1:8080',
      '10.0.0.2:8080',
      '10.0.0.3:8080',
      '10.0.0.1:8080',
    ]);
  });

  it('skips an ejected host and includes it again once it returns', () => {
    const set = hostSetOf(3);
    const lb = new RoundRobinLoadBalancer(set);
    hostAt(set, 1).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    const during = tally(Array.from({ length: 6 }, () => lb.chooseHost()));
    expect(during.get('10.0.0.2:8080')).toBeUndefined();
    expect(during.get('10.0.0.1:8080')).toBe(3);
    hostAt(set, 1).healthFlagClear(HealthFlag.FAILED_OUTLIER_CHECK);
    const after = tally(Array.from({ length: 6 }, () => lb.chooseHost()));
    expect(after.get('10.0.0.2:8080')).toBe(2);
  });

  it('unequal weights: a weight-2 host gets two turns per round', () => {
    const set = new HostSetImpl([
      { address: '10.0.0.1', port: 80, weight: 2 },
      { address: '10.0.0.2', port: 80, weight: 1 },
    ]);
    const lb = new RoundRobinLoadBalancer(set);
    const counts = tally(Array.from({ length: 300 }, () => lb.chooseHost()));
    expect(counts.get('10.0.0.1:80')).toBe(200);
    expect(counts.get('10.0.0.2:80')).toBe(100);
  });

  it('no host at all → undefined (the router answers 503 no healthy upstream, UH)', () => {
    expect(new RoundRobinLoadBalancer(new HostSetImpl()).chooseHost()).toBeUndefined();
    const set = new HostSetImpl(endpoints(1));
    hostAt(set, 0).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    expect(new RoundRobinLoadBalancer(set).chooseHost()).toBeUndefined();
  });
});
