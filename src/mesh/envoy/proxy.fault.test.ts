import { describe, expect, it } from 'vitest';
import type { Route } from '../xds/index';
import { percentToFraction } from '../xds/index';
import { clientServerMesh } from './testing/sim-mesh';
import { ok, served } from './testing/apps';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

describe('fault injection (caller side)', () => {
  const fault = (f: Record<string, unknown>): Record<string, Route[]> => ({
    httpbin: [
      {
        name: 'f',
        match: { prefix: '/' },
        route: { cluster: CLUSTER },
        typed_per_filter_config: { 'envoy.filters.http.fault': f },
      },
    ],
  });

  it('abort 100 % → the given status, body "fault filter abort", flag FI, and the server never sees it', async () => {
    const log: number[] = [];
    const m = clientServerMesh({
      app: served(log),
      routes: fault({ abort: { http_status: 500, percentage: percentToFraction(100) } }),
      clientProxyOptions: { accessLog: 'always' },
    });
    const res = ok(await m.mesh.run(() => m.get('/')));
    expect([res.status, res.body, res.headers['server']]).toEqual([500, 'fault filter abort', 'envoy']);
    expect(log).toHaveLength(0);
    expect(m.proxy.admin.logs()[0]).toMatch(/" 500 FI fault_filter_abort /);
    expect(m.proxy.admin.stats()).toContain('http.outbound_0.0.0.0_8000.fault.aborts_injected: 1');
  });

  it('abort 50 % hits about half of 4,000 requests', async () => {
    const m = clientServerMesh({ routes: fault({ abort: { http_status: 503, percentage: percentToFraction(50) } }) });
    const aborted = await m.mesh.run(async () => {
      let n = 0;
      for (let i = 0; i < 4000; i++) if (ok(await m.get('/')).status === 503) n++;
      return n;
    });
    expect(Math.abs(aborted / 4000 - 0.5)).toBeLessThan(0.03);
  });

  it('delay 7 s at 100 % holds the request 7 s on the virtual clock, flag DI', async () => {
    const m = clientServerMesh({
      routes: fault({ delay: { fixed_delay: '7s', percentage: percentToFraction(100) } }),
      clientProxyOptions: { accessLog: 'always' },
    });
    const elapsed = await m.mesh.run(async () => {
      const t0 = m.mesh.clock.now();
      expect(ok(await m.get('/get')).status).toBe(200);
      return m.mesh.clock.now() - t0;
    });
    expect(elapsed).toBe(7000);
    expect(m.proxy.admin.logs()[0]).toMatch(/" 200 DI via_upstream /);
  });

  it('delay at 10 % delays about one request in ten', async () => {
    const m = clientServerMesh({
      routes: fault({ delay: { fixed_delay: '1s', percentage: { numerator: 10, denominator: 'HUNDRED' } } }),
    });
    const delayed = await m.mesh.run(async () => {
      let n = 0;
      for (let i = 0; i < 3000; i++) {
        const t0 = m.mesh.clock.now();
        await m.get('/');
        if (m.mesh.clock.now() - t0 >= 1000) n++;
      }
      return n;
    });
    expect(Math.abs(delayed / 3000 - 0.1)).toBeLessThan(0.02);
  });

  it('no percentage = no fault', async () => {
    const m = clientServerMesh({ routes: fault({ abort: { http_status: 500 }, delay: { fixed_delay: '5s' } }) });
    const res = await m.mesh.run(async () => {
      const t0 = m.mesh.clock.now();
      const r = ok(await m.get('/'));
      return { status: r.status, elapsed: m.mesh.clock.now() - t0 };
    });
    expect(res).toEqual({ status: 200, elapsed: 0 });
  });
});
