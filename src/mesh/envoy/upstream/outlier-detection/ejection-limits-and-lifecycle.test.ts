import { describe, expect, it } from 'vitest';
import { HealthFlag } from '../host';
import { endpoints } from '../../testing/host-fixtures';
import { outlierConfigFromIstio } from './config';
import { NULL_HOST_MONITOR } from './null-host-monitor';
import { S, setupOutlierCluster as setup } from '../../testing/outlier-fixture';

describe('outlier detection: max_ejection_percent', () => {
  it('default 10% with fewer than 10 hosts ejects nothing: the refusal counts as ejections_overflow', () => {
    const { host, fail, detector } = setup({ maxEjectionPercent: 10 }, 5);
    fail(0, 5);
    expect(host(0).outlier.ejected).toBe(false);
    expect(detector.stats()).toMatchObject({
      ejections_overflow: 1,
      ejections_detected_consecutive_5xx: 1,
      ejections_enforced_total: 0,
    });
  });

  it('the refused host is detected again after another run of errors (its counter was reset)', () => {
    const { fail, detector } = setup({ maxEjectionPercent: 10 }, 5);
    fail(0, 5);
    fail(0, 4);
    expect(detector.stats().ejections_overflow).toBe(1);
    fail(0, 1);
    expect(detector.stats().ejections_overflow).toBe(2);
  });

  it('10% of 10 hosts allows exactly one ejection; the second overflows', () => {
    const { host, fail, detector } = setup({ maxEjectionPercent: 10 }, 10);
    fail(0, 5);
    fail(1, 5);
    expect(host(0).outlier.ejected).toBe(true);
    expect(host(1).outlier.ejected).toBe(false);
    expect(detector.stats()).toMatchObject({ ejections_active: 1, ejections_overflow: 1 });
  });

  it('50% of 4 hosts: two ejections, the third would make 75% and is refused', () => {
    const { host, fail, detector } = setup({ maxEjectionPercent: 50 }, 4);
    fail(0, 5);
    fail(1, 5);
    fail(2, 5);
    expect([0, 1, 2].map((i) => host(i).outlier.ejected)).toEqual([true, true, false]);
    expect(detector.stats()).toMatchObject({ ejections_active: 2, ejections_overflow: 1 });
  });

  it('always_eject_one_host lets the first ejection through whatever the percentage', () => {
    const { host, fail, detector } = setup({ maxEjectionPercent: 10, alwaysEjectOneHost: true }, 3);
    fail(0, 5);
    fail(1, 5);
    expect(host(0).outlier.ejected).toBe(true);
    expect(host(1).outlier.ejected).toBe(false);
    expect(detector.stats().ejections_overflow).toBe(1);
  });

  it('Istio maxEjectionPercent 0 means unset → Envoy 10%', () => {
    expect(outlierConfigFromIstio({ maxEjectionPercent: 0 }).maxEjectionPercent).toBe(10);
    expect(outlierConfigFromIstio({ maxEjectionPercent: 100 }).maxEjectionPercent).toBe(100);
  });
});

describe('outlier detection: membership and lifecycle', () => {
  it('new hosts from EDS get a monitor; a removed ejected host leaves ejections_active', () => {
    const { set, fail, detector, host } = setup({}, 2);
    fail(0, 5);
    expect(detector.stats().ejections_active).toBe(1);
    set.update(endpoints(3).slice(1)); // remove 10.0.0.1, add 10.0.0.3
    expect(detector.stats().ejections_active).toBe(0);
    expect(host(1).outlierMonitor).not.toBe(NULL_HOST_MONITOR);
    fail(1, 5);
    expect(host(1).outlier.ejected).toBe(true);
  });

  it('changed-state callbacks fire on eject and on return', async () => {
    const { fail, detector, clock } = setup();
    const seen: string[] = [];
    detector.addChangedStateCb((h) => seen.push(`${h.key}:${h.healthy() ? 'in' : 'out'}`));
    fail(0, 5);
    await clock.advance(30 * S);
    expect(seen).toEqual(['10.0.0.1:8080:out', '10.0.0.1:8080:in']);
  });

  it('destroy returns ejected hosts, detaches monitors and stops the interval timer', () => {
    const { fail, detector, host, clock } = setup();
    fail(0, 5);
    detector.destroy();
    expect(host(0).healthFlagGet(HealthFlag.FAILED_OUTLIER_CHECK)).toBe(false);
    expect(host(0).outlierMonitor).toBe(NULL_HOST_MONITOR);
    expect(clock.pendingTimers).toBe(0);
  });
});
