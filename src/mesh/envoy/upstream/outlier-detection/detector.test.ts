import { describe, expect, it } from 'vitest';
import { HostSetImpl } from '../host-set';
import { endpoints, hostAt } from '../../testing/host-fixtures';
import { outlierConfigFromIstio } from './config';
import { NULL_HOST_MONITOR } from './null-host-monitor';
import { OutlierResult } from './outlier-result';
import { S, setupOutlierCluster as setup } from '../../testing/outlier-fixture';

describe('outlier detection: consecutive 5xx', () => {
  it('is off unless configured: without a detector a host keeps the no-op monitor', () => {
    const set = new HostSetImpl(endpoints(2));
    expect(hostAt(set, 0).outlierMonitor).toBe(NULL_HOST_MONITOR);
    for (let i = 0; i < 20; i++) hostAt(set, 0).outlierMonitor.putHttpResponseCode(503);
    expect(hostAt(set, 0).healthy()).toBe(true);
  });

  it('ejects the host inline at the fifth consecutive 5xx (Istio default consecutive5xxErrors 5)', () => {
    const { host, fail, detector, sink, clock } = setup();
    fail(0, 4);
    expect(host(0).outlier.ejected).toBe(false);
    fail(0, 1);
    expect(host(0).outlier.ejected).toBe(true);
    expect(host(0).healthFlagsString()).toBe('/failed_outlier_check');
    expect(host(0).outlier.numEjections).toBe(1);
    expect(detector.stats()).toMatchObject({
      ejections_active: 1,
      ejections_enforced_total: 1,
      ejections_detected_consecutive_5xx: 1,
      ejections_enforced_consecutive_5xx: 1,
      ejections_overflow: 0,
    });
    expect(sink.events()).toEqual([
      {
        action: 'EJECT',
        type: 'CONSECUTIVE_5XX',
        enforced: true,
        clusterName: 'outbound|8080||httpbin.default.svc.cluster.local',
        upstreamUrl: '10.0.0.1:8080',
        time: clock.now(),
        numEjections: 1,
        ejectedUntil: 30 * S,
      },
    ]);
  });

  it('a success resets the consecutive count: 4 errors, a 200, 4 errors do not eject', () => {
    const { host, fail } = setup();
    fail(0, 4);
    host(0).outlierMonitor.putHttpResponseCode(200);
    fail(0, 4);
    expect(host(0).outlier.ejected).toBe(false);
    fail(0, 1);
    expect(host(0).outlier.ejected).toBe(true);
  });

  it('any non-5xx response (a 404 too) resets the count; putResult(success) does as well', () => {
    const { host, fail } = setup();
    fail(0, 4);
    host(0).outlierMonitor.putHttpResponseCode(404);
    fail(0, 4);
    host(0).outlierMonitor.putResult(OutlierResult.SUCCESS);
    fail(0, 4);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('locally originated failures count as 5xx: timeouts, resets and connect failures', () => {
    const { host } = setup();
    const m = () => host(0).outlierMonitor;
    m().putResult(OutlierResult.TIMEOUT);
    m().putResult(OutlierResult.RESET);
    m().putResult(OutlierResult.CONNECT_FAILURE);
    m().putHttpResponseCode(500);
    expect(host(0).outlier.ejected).toBe(false);
    m().putResult(OutlierResult.TIMEOUT);
    expect(host(0).outlier.ejected).toBe(true);
  });

  it('counts per host: errors spread over hosts eject nobody', () => {
    const { host, fail } = setup();
    for (let round = 0; round < 4; round++) for (let i = 0; i < 4; i++) fail(i, 1);
    expect([0, 1, 2, 3].some((i) => host(i).outlier.ejected)).toBe(false);
  });

  it('consecutive5xxErrors: 0 disables 5xx ejection (Istio writes consecutive_5xx 0, enforcing 0)', () => {
    const { host, fail } = setup({ ...outlierConfigFromIstio({ consecutive5xxErrors: 0 }), maxEjectionPercent: 100 });
    fail(0, 50);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('further errors while ejected change nothing (the host is already out)', () => {
    const { host, fail, detector } = setup();
    fail(0, 5);
    fail(0, 20);
    expect(host(0).outlier.numEjections).toBe(1);
    expect(detector.stats().ejections_detected_consecutive_5xx).toBe(1);
  });
});

describe('outlier detection: consecutive gateway failures', () => {
  const gatewayOnly = () => ({
    ...outlierConfigFromIstio({ consecutive5xxErrors: 0, consecutiveGatewayErrors: 3 }),
    maxEjectionPercent: 100,
  });

  it('502, 503 and 504 count; the third consecutive one ejects as CONSECUTIVE_GATEWAY_FAILURE', () => {
    const { host, detector, sink } = setup(gatewayOnly());
    const m = host(0).outlierMonitor;
    m.putHttpResponseCode(502);
    m.putHttpResponseCode(503);
    expect(host(0).outlier.ejected).toBe(false);
    m.putHttpResponseCode(504);
    expect(host(0).outlier.ejected).toBe(true);
    expect(detector.stats()).toMatchObject({
      ejections_detected_consecutive_gateway_failure: 1,
      ejections_enforced_consecutive_gateway_failure: 1,
      ejections_enforced_total: 1,
    });
    expect(sink.events()[0]?.type).toBe('CONSECUTIVE_GATEWAY_FAILURE');
  });

  it('a 500 is a 5xx but not a gateway error: it resets the gateway count', () => {
    const { host, fail } = setup(gatewayOnly());
    fail(0, 2, 503);
    fail(0, 1, 500);
    fail(0, 2, 503);
    expect(host(0).outlier.ejected).toBe(false);
  });

  it('timeouts, resets and connect failures are gateway failures too', () => {
    const { host } = setup(gatewayOnly());
    host(0).outlierMonitor.putResult(OutlierResult.TIMEOUT);
    host(0).outlierMonitor.putResult(OutlierResult.RESET);
    host(0).outlierMonitor.putResult(OutlierResult.CONNECT_FAILURE);
    expect(host(0).outlier.ejected).toBe(true);
  });

  it('unconfigured (Envoy default 5, enforcing 0): detected but not enforced; the 5xx detector ejects', () => {
    const { host, fail, detector, sink } = setup();
    fail(0, 5, 503);
    expect(host(0).outlier.ejected).toBe(true);
    expect(detector.stats()).toMatchObject({
      ejections_detected_consecutive_gateway_failure: 1,
      ejections_enforced_consecutive_gateway_failure: 0,
      ejections_enforced_consecutive_5xx: 1,
    });
    expect(sink.events().map((e) => [e.type, e.enforced])).toEqual([
      ['CONSECUTIVE_GATEWAY_FAILURE', false],
      ['CONSECUTIVE_5XX', true],
    ]);
  });
});
