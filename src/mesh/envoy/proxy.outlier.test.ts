import { describe, expect, it } from 'vitest';
import type { HttpHandler, HttpResponse, NetError } from '../net';
import type { OutlierDetection } from '../xds/index';
import { clientServerMesh, type SimMesh } from './testing/sim-mesh';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

/** Endpoint i answers 503 while `failing(i)` is true, else 200; records who served. */
function flaky(failing: (i: number) => boolean, served: number[]) {
  return (i: number, _mesh: SimMesh): HttpHandler =>
    async () => {
      served.push(i);
      return { status: failing(i) ? 503 : 200, headers: {}, body: '' };
    };
}

function od(o: OutlierDetection) {
  return { httpbin: { outlier_detection: o, lb_policy: 'ROUND_ROBIN' as const } };
}

async function send(m: ReturnType<typeof clientServerMesh>, n: number): Promise<Array<HttpResponse | NetError>> {
  const out: Array<HttpResponse | NetError> = [];
  for (let i = 0; i < n; i++) out.push(await m.get('/'));
  return out;
}

const hostLine = (m: ReturnType<typeof clientServerMesh>, ip: string, field: string): string | undefined =>
  m.proxy.admin
    .clusters()
    .split('\n')
    .find((l) => l.startsWith(`${CLUSTER}::${ip}:8000::${field}::`));

describe('outlier detection through the proxy', () => {
  it('consecutive 5xx ejects the host inline at the fifth error; traffic then avoids it', async () => {
    const served: number[] = [];
    const m = clientServerMesh({
      endpoints: 2,
      app: flaky((i) => i === 0, served),
      clusters: od({ consecutive_5xx: 5, interval: '1s', base_ejection_time: '30s', max_ejection_percent: 100 }),
    });
    await m.mesh.run(async () => {
      await send(m, 10); // round robin: host 0 gets its 5th 503 at request 9
      expect(served.filter((h) => h === 0)).toHaveLength(5);
      served.length = 0;
      await send(m, 10);
    });
    expect(served.every((h) => h === 1)).toBe(true);
    expect(hostLine(m, '10.0.1.1', 'health_flags')).toBe(
      `${CLUSTER}::10.0.1.1:8000::health_flags::/failed_outlier_check`,
    );
    expect(m.proxy.admin.stats()).toContain(
      `cluster.${CLUSTER}.outlier_detection.ejections_enforced_consecutive_5xx: 1`,
    );
    expect(m.proxy.admin.stats()).toContain(`cluster.${CLUSTER}.outlier_detection.ejections_active: 1`);
  });

  it('an ejected host returns after base_ejection_time; a second ejection lasts twice as long', async () => {
    const served: number[] = [];
    let failing = true;
    const m = clientServerMesh({
      endpoints: 2,
      app: flaky((i) => i === 0 && failing, served),
      clusters: od({ consecutive_5xx: 5, interval: '1s', base_ejection_time: '10s', max_ejection_percent: 100 }),
    });
    const returned: number[] = [];
    await m.mesh.run(async () => {
      await send(m, 10);
      const ejectedAt = m.mesh.clock.now();
      while (hostLine(m, '10.0.1.1', 'health_flags')?.endsWith('::healthy') !== true) await m.mesh.clock.sleep(500);
      returned.push(m.mesh.clock.now() - ejectedAt);
      await send(m, 10); // still failing: ejected again
      const again = m.mesh.clock.now();
      while (hostLine(m, '10.0.1.1', 'health_flags')?.endsWith('::healthy') !== true) await m.mesh.clock.sleep(500);
      returned.push(m.mesh.clock.now() - again);
      failing = false;
    });
    expect(returned[0]).toBeGreaterThanOrEqual(10_000);
    expect(returned[0]).toBeLessThanOrEqual(11_000);
    expect(returned[1]).toBeGreaterThanOrEqual(20_000);
    expect(returned[1]).toBeLessThanOrEqual(21_000);
  });

  it('the ejection multiplier decays while the host stays healthy, so a later ejection is short again', async () => {
    const served: number[] = [];
    let failing = true;
    const m = clientServerMesh({
      endpoints: 2,
      app: flaky((i) => i === 0 && failing, served),
      clusters: od({ consecutive_5xx: 5, interval: '1s', base_ejection_time: '10s', max_ejection_percent: 100 }),
    });
    let third = 0;
    await m.mesh.run(async () => {
      for (let round = 0; round < 2; round++) {
        await send(m, 10);
        while (hostLine(m, '10.0.1.1', 'health_flags')?.endsWith('::healthy') !== true) await m.mesh.clock.sleep(500);
      }
      failing = false;
      await send(m, 4);
      await m.mesh.clock.sleep(5_000); // several healthy intervals: the multiplier decays back
      failing = true;
      await send(m, 10);
      const t = m.mesh.clock.now();
      while (hostLine(m, '10.0.1.1', 'health_flags')?.endsWith('::healthy') !== true) await m.mesh.clock.sleep(500);
      third = m.mesh.clock.now() - t;
    });
    expect(third).toBeLessThanOrEqual(11_000);
  });

  it('ejections never exceed max_ejection_percent (ejections_overflow counts the refusals)', async () => {
    const served: number[] = [];
    const m = clientServerMesh({
      endpoints: 4,
      app: flaky(() => true, served),
      clusters: od({ consecutive_5xx: 3, interval: '1s', base_ejection_time: '30s', max_ejection_percent: 25 }),
    });
    await m.mesh.run(() => send(m, 40));
    const ejected = ['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.4'].filter((ip) =>
      hostLine(m, ip, 'health_flags')?.endsWith('failed_outlier_check'),
    );
    expect(ejected).toHaveLength(1);
    expect(m.proxy.admin.stats()).toMatch(new RegExp(`outlier_detection\\.ejections_overflow: [1-9]`));
  });

  it('with every host ejected the caller gets 503 "no healthy upstream", flag UH', async () => {
    const served: number[] = [];
    const m = clientServerMesh({
      endpoints: 1,
      app: flaky(() => true, served),
      clusters: od({ consecutive_5xx: 2, interval: '1s', base_ejection_time: '30s', max_ejection_percent: 100 }),
      clientProxyOptions: { accessLog: 'always' },
    });
    const results = await m.mesh.run(() => send(m, 3));
    const last = results[2] as HttpResponse;
    expect(last.status).toBe(503);
    expect(last.body).toBe('no healthy upstream');
    expect(m.proxy.admin.logs()[2]).toMatch(/" 503 UH no_healthy_upstream /);
    expect(m.proxy.admin.stats()).toContain(`cluster.${CLUSTER}.upstream_cx_none_healthy: 1`);
  });

  it('connect failures count as 5xx toward ejection', async () => {
    const m = clientServerMesh({
      endpoints: 2,
      clusters: od({ consecutive_5xx: 2, interval: '1s', base_ejection_time: '30s', max_ejection_percent: 100 }),
    });
    m.mesh.net.removeHost('10.0.1.1');
    await m.mesh.run(() => send(m, 10));
    expect(hostLine(m, '10.0.1.1', 'health_flags')).toMatch(/failed_outlier_check$/);
  });
});
