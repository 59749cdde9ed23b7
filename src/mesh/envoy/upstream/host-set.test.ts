import { describe, expect, it } from 'vitest';
import { HealthFlag, HostImpl, hostKey } from './host';
import { HostSetImpl } from './host-set';
import { endpoints, hostAt } from '../testing/host-fixtures';

describe('UpstreamHost', () => {
  it('prints health_flags as Envoy /clusters does: healthy, or /flag per flag', () => {
    const host = new HostImpl({ address: '10.0.0.1', port: 9080 });
    expect(host.healthFlagsString()).toBe('healthy');
    expect(host.healthy()).toBe(true);
    host.healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    expect(host.healthFlagsString()).toBe('/failed_outlier_check');
    expect(host.healthy()).toBe(false);
    host.healthFlagSet(HealthFlag.FAILED_ACTIVE_HC);
    expect(host.healthFlagsString()).toBe('/failed_active_hc/failed_outlier_check');
    host.healthFlagClear(HealthFlag.FAILED_OUTLIER_CHECK);
    host.healthFlagClear(HealthFlag.FAILED_ACTIVE_HC);
    expect(host.healthFlagsString()).toBe('healthy');
  });

  it('an EDS UNHEALTHY endpoint carries failed_eds_health and is not healthy', () => {
    const host = new HostImpl({ address: '10.0.0.1', port: 9080, healthStatus: 'UNHEALTHY' });
    expect(host.healthFlagsString()).toBe('/failed_eds_health');
    host.updateFrom({ address: '10.0.0.1', port: 9080, healthStatus: 'HEALTHY' });
    expect(host.healthy()).toBe(true);
  });

  it('key is address:port, with IPv6 literals bracketed; weight defaults to 1', () => {
    expect(hostKey('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(hostKey('fd00::1', 80)).toBe('[fd00::1]:80');
    expect(new HostImpl({ address: '10.0.0.1', port: 80 }).weight).toBe(1);
    expect(new HostImpl({ address: '10.0.0.1', port: 80, weight: 0 }).weight).toBe(1);
  });
});

describe('HostSet', () => {
  it('an EDS update keeps the host object and its live state for hosts that remain (matched by address:port)', () => {
    const set = new HostSetImpl(endpoints(3));
    const kept = hostAt(set, 1);
    kept.activeRequests = 4;
    kept.outlier.numEjections = 2;
    const { added, removed } = set.update([
      { address: '10.0.0.2', port: 8080, labels: { version: 'v2' } },
      { address: '10.0.0.9', port: 8080 },
    ]);
    expect(set.hosts().map((h) => h.key)).toEqual(['10.0.0.2:8080', '10.0.0.9:8080']);
    expect(hostAt(set, 0)).toBe(kept);
    expect(kept.activeRequests).toBe(4);
    expect(kept.outlier.numEjections).toBe(2);
    expect(kept.labels).toEqual({ version: 'v2' });
    expect(added.map((h) => h.key)).toEqual(['10.0.0.9:8080']);
    expect(removed.map((h) => h.key)).toEqual(['10.0.0.1:8080', '10.0.0.3:8080']);
  });

  it('replaces the host list atomically: an array read before the update does not change', () => {
    const set = new HostSetImpl(endpoints(2));
    const before = set.hosts();
    set.update(endpoints(1));
    expect(before).toHaveLength(2);
    expect(set.hosts()).toHaveLength(1);
  });

  it('member update callbacks fire with added and removed hosts, and the version moves', () => {
    const set = new HostSetImpl(endpoints(2));
    const calls: string[] = [];
    const off = set.addMemberUpdateCb((added, removed) =>
      calls.push(`+${added.map((h) => h.key).join()} -${removed.map((h) => h.key).join()}`),
    );
    const v = set.version;
    set.update(endpoints(3));
    expect(calls).toEqual(['+10.0.0.3:8080 -']);
    expect(set.version).toBe(v + 1);
    set.update(endpoints(3)); // no change: no callback, same version
    expect(calls).toHaveLength(1);
    expect(set.version).toBe(v + 1);
    set.update(endpoints(3).map((e, i) => (i === 0 ? { ...e, weight: 3 } : e))); // weight change
    expect(set.version).toBe(v + 2);
    off();
    set.update(endpoints(1));
    expect(calls).toHaveLength(2);
  });

  it('healthyHosts excludes hosts with any health flag', () => {
    const set = new HostSetImpl(endpoints(3));
    hostAt(set, 1).healthFlagSet(HealthFlag.FAILED_OUTLIER_CHECK);
    expect(set.healthyHosts().map((h) => h.key)).toEqual(['10.0.0.1:8080', '10.0.0.3:8080']);
  });

  it('a duplicate endpoint in one update is one host', () => {
    const set = new HostSetImpl([...endpoints(1), ...endpoints(1)]);
    expect(set.hosts()).toHaveLength(1);
  });
});
