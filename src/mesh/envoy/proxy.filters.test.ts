import { describe, expect, it } from 'vitest';
import type { ConfigUpdate, HttpConnectionManager, Route } from '../xds/index';
import { FILTER_NAME } from '../xds/index';
import type { HttpFilterFactory } from './http/filter';
import { localReply } from './http/local-reply';
import { ok } from './testing/apps';
import { clientServerMesh } from './testing/sim-mesh';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

/** The update with `name` inserted before the router of every HTTP connection manager (as an EnvoyFilter would). */
function withFilter(update: ConfigUpdate, name: string, typedConfig?: Record<string, unknown>): ConfigUpdate {
  const listeners = structuredClone(update.listeners ?? []);
  for (const l of listeners) {
    for (const chain of l.filter_chains) {
      for (const f of chain.filters) {
        if (f.name !== FILTER_NAME.httpConnectionManager) continue;
        const hcm = f.typed_config as HttpConnectionManager;
        const entry = { name, ...(typedConfig !== undefined && { typed_config: typedConfig }) };
        hcm.http_filters.splice(hcm.http_filters.length - 1, 0, entry);
      }
    }
  }
  return { ...update, listeners };
}

/** A lab's filter: 418 for its path, a response header on every other response, a count of finished streams. */
function teapot(finished: number[] = []): HttpFilterFactory {
  return {
    name: 'meshdojo.teapot',
    createFilter: (config) => {
      const path = (config as { path?: string } | undefined)?.path ?? '/coffee';
      return {
        decodeHeaders: (stream) => (stream.request.path === path ? localReply(418, "I'm a teapot") : undefined),
        encodeHeaders: (_stream, response) => {
          response.headers['x-teapot'] = 'short and stout';
        },
        onStreamComplete: (_stream, response) => void finished.push(response.status),
      };
    },
  };
}

describe('HTTP filters as extensions', () => {
  it("a lab's filter runs where http_filters names it: it answers, adds headers and sees each stream finish", async () => {
    const m = clientServerMesh();
    const finished: number[] = [];
    expect(m.proxy.setExtensions({ httpFilters: [teapot(finished)] }).accepted).toBe(true);
    // Not in the chain yet: the proxy has the filter, the config does not name it.
    expect(ok(await m.mesh.run(() => m.get('/coffee'))).status).toBe(200);
    expect(m.proxy.applyConfig(withFilter(m.update(), 'meshdojo.teapot', { path: '/brew' })).accepted).toBe(true);
    const [teapotReply, served] = await m.mesh.run(async () => [ok(await m.get('/brew')), ok(await m.get('/get'))]);
    expect([teapotReply?.status, teapotReply?.body, teapotReply?.headers['x-teapot']]).toEqual([
      418,
      "I'm a teapot",
      'short and stout',
    ]);
    expect([served?.status, served?.headers['x-teapot']]).toEqual([200, 'short and stout']);
    expect(finished).toEqual([418, 200]);
  });

  it('a name the proxy has no filter for is ignored, in validation and in the chain, until a lab registers it', async () => {
    const m = clientServerMesh();
    expect(m.proxy.applyConfig(withFilter(m.update(), 'meshdojo.teapot', { path: 42 })).accepted).toBe(true);
    expect(ok(await m.mesh.run(() => m.get('/coffee'))).status).toBe(200);
    // Registered now, the filter's checks apply to the config the proxy runs.
    const checked: HttpFilterFactory = {
      ...teapot(),
      checkConfig: (e, path, config) => {
        if (typeof (config as { path?: unknown }).path !== 'string') e.add(`${path}.path`, 'must be a string');
      },
    };
    expect(m.proxy.setExtensions({ httpFilters: [checked] })).toEqual({
      accepted: false,
      message:
        'Listener "0.0.0.0_8000": filter_chains[0].filters[0].typed_config.http_filters[3].typed_config.path: must be a string',
    });
    expect(m.proxy.applyConfig(withFilter(m.update({ version: '2' }), 'meshdojo.teapot')).accepted).toBe(true);
    expect(m.proxy.setExtensions({ httpFilters: [checked] }).accepted).toBe(true);
    expect(ok(await m.mesh.run(() => m.get('/coffee'))).status).toBe(418);
  });

  it("a lab's filter reads its per-route config back from the route", async () => {
    const m = clientServerMesh();
    const routes: Record<string, Route[]> = {
      httpbin: [
        {
          name: 'r',
          match: { prefix: '/' },
          route: { cluster: CLUSTER },
          typed_per_filter_config: { 'meshdojo.teapot': { path: '/tea' } },
        },
      ],
    };
    m.proxy.setExtensions({
      httpFilters: [
        {
          ...teapot(),
          createRouteSpecificConfig: (config) => (config as { path: string }).path,
          createFilter: () => ({
            decodeHeaders: (stream) =>
              stream.request.path === stream.route?.perFilterConfig('meshdojo.teapot')
                ? localReply(418, '')
                : undefined,
          }),
        },
      ],
    });
    expect(m.proxy.applyConfig(withFilter(m.update({ routes }), 'meshdojo.teapot')).accepted).toBe(true);
    const codes = await m.mesh.run(async () => [ok(await m.get('/tea')).status, ok(await m.get('/coffee')).status]);
    expect(codes).toEqual([418, 200]);
  });

  it("a lab's filter under a built-in's name replaces the built-in", async () => {
    const m = clientServerMesh();
    m.proxy.setExtensions({ httpFilters: [{ ...teapot(), name: FILTER_NAME.fault }] });
    expect(ok(await m.mesh.run(() => m.get('/coffee'))).status).toBe(418);
  });

  it("a lab's filter that throws becomes a 500 naming it; a factory or config check that throws refuses the config", async () => {
    const m = clientServerMesh();
    const boom = (): never => {
      throw new Error('not brewed yet');
    };
    m.proxy.applyConfig(withFilter(m.update(), 'meshdojo.teapot'));
    m.proxy.setExtensions({
      httpFilters: [{ name: 'meshdojo.teapot', createFilter: () => ({ decodeHeaders: boom }) }],
    });
    const sync = ok(await m.mesh.run(() => m.get('/')));
    expect([sync.status, sync.body]).toEqual([500, 'HTTP filter meshdojo.teapot plugin failed: not brewed yet']);
    m.proxy.setExtensions({
      httpFilters: [{ name: 'meshdojo.teapot', createFilter: () => ({ decodeHeaders: async () => boom() }) }],
    });
    expect(ok(await m.mesh.run(() => m.get('/'))).body).toBe(
      'HTTP filter meshdojo.teapot plugin failed: not brewed yet',
    );
    m.proxy.setExtensions({
      httpFilters: [{ name: 'meshdojo.teapot', createFilter: () => ({ encodeHeaders: boom }) }],
    });
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(500);
    m.proxy.setExtensions({
      httpFilters: [{ name: 'meshdojo.teapot', createFilter: () => ({ onStreamComplete: boom }) }],
    });
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(500);
    expect(m.proxy.setExtensions({ httpFilters: [{ name: 'meshdojo.teapot', createFilter: boom }] })).toEqual({
      accepted: false,
      message: 'HTTP filter meshdojo.teapot plugin failed: not brewed yet',
    });
    m.proxy.setExtensions({ httpFilters: [{ ...teapot(), checkConfig: boom }] });
    const refused = m.proxy.applyConfig(withFilter(m.update({ version: '3' }), 'meshdojo.teapot', {}));
    expect(refused.accepted).toBe(false);
    expect(!refused.accepted && refused.message).toContain(
      'Listener "0.0.0.0_8000": filter_chains[0].filters[0].typed_config.http_filters[3].typed_config: HTTP filter meshdojo.teapot plugin failed: not brewed yet',
    );
  });
});
