import { describe, expect, it } from 'vitest';
import { type HttpHandler } from '../net';
import { type Route, percentToFraction } from '../xds/index';
import { clientServerMesh } from './testing/sim-mesh';
import { ok, served } from './testing/apps';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

describe('mirroring', () => {
  function mirrorMesh(mirrorApp: HttpHandler, fraction?: number) {
    const log: number[] = [];
    const m = clientServerMesh({ app: served(log) });
    const mirrorSvc = { name: 'mirror', port: 8000, endpoints: [{ ip: '10.0.2.1' }] };
    m.mesh.addPod({ name: 'mirror', ip: '10.0.2.1', port: 8000, app: mirrorApp });
    const mirrorCluster = 'outbound|8000||mirror.default.svc.cluster.local';
    const route: Route = {
      name: 'm',
      match: { prefix: '/' },
      route: {
        cluster: CLUSTER,
        request_mirror_policies: [
          {
            cluster: mirrorCluster,
            ...(fraction !== undefined && { runtime_fraction: { default_value: percentToFraction(fraction) } }),
          },
        ],
      },
    };
    m.mesh.apply('mirror', m.update({ services: [], ownPorts: [8000], ownService: mirrorSvc }));
    m.mesh.apply('sleep', m.update({ services: [m.svc, mirrorSvc], routes: { httpbin: [route] } }));
    return { m, log };
  }

  it('mirrored requests carry "-shadow" on the authority and the caller gets the primary answer', async () => {
    const seen: string[] = [];
    const { m } = mirrorMesh(async (req) => {
      seen.push(req.authority);
      return { status: 200, headers: {}, body: 'mirror' };
    });
    const res = ok(
      await m.mesh.run(async () => {
        const r = await m.get('/');
        await m.mesh.clock.sleep(10);
        return r;
      }),
    );
    expect(res.body).toBe('v1');
    expect(seen).toEqual(['httpbin-shadow:8000']);
  });

  it('a failing or slow mirror never affects the caller', async () => {
    const { m } = mirrorMesh(async () => {
      throw new Error('mirror crashed');
    });
    const results = await m.mesh.run(async () => {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push(ok(await m.get('/')).status);
      return out;
    });
    expect(results).toEqual([200, 200, 200, 200, 200]);
  });

  it('runtime_fraction samples the mirrored share', async () => {
    let mirrored = 0;
    const { m } = mirrorMesh(async () => {
      mirrored++;
      return { status: 200, headers: {}, body: '' };
    }, 25);
    await m.mesh.run(async () => {
      for (let i = 0; i < 2000; i++) await m.get('/');
      await m.mesh.clock.sleep(10);
    });
    expect(Math.abs(mirrored / 2000 - 0.25)).toBeLessThan(0.03);
  });
});
