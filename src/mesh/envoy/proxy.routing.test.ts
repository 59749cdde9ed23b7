import { describe, expect, it } from 'vitest';
import type { Route } from '../xds/index';
import { clientServerMesh } from './testing/sim-mesh';
import { endpointsFor, outboundCluster } from './testing/xds-builders';
import { ok, served } from './testing/apps';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

/** Subset clusters v1/v2 (one endpoint each) and a route splitting by weight. */
function subsetMesh(weights: [number, number], log: number[]) {
  const m = clientServerMesh({ endpoints: 2, app: served(log) });
  const svc = m.svc;
  const subsets = [0, 1].map((i) => ({ ...svc, endpoints: [svc.endpoints[i]!] }));
  const names = ['v1', 'v2'].map((s) => `outbound|8000|${s}|httpbin.default.svc.cluster.local`);
  const route: Route = {
    name: 'split',
    match: { prefix: '/' },
    route: { weighted_clusters: { clusters: names.map((name, i) => ({ name, weight: weights[i]! })) } },
  };
  m.mesh.apply(
    'sleep',
    m.update({
      routes: { httpbin: [route] },
      extraClusters: names.map((name, i) => ({
        ...outboundCluster(subsets[i]!),
        name,
        eds_cluster_config: { service_name: name },
      })),
      extraEndpoints: names.map((name, i) => endpointsFor(subsets[i]!, name)),
    }),
  );
  return m;
}

describe('routing through the proxy', () => {
  it('weighted subsets 80/20 split 2,000 requests within 3 %', async () => {
    const log: number[] = [];
    const m = subsetMesh([80, 20], log);
    await m.mesh.run(async () => {
      for (let i = 0; i < 2000; i++) await m.get('/');
    });
    expect(Math.abs(log.filter((h) => h === 0).length / 2000 - 0.8)).toBeLessThan(0.03);
  });

  it('a 0-weight subset receives nothing', async () => {
    const log: number[] = [];
    const m = subsetMesh([100, 0], log);
    await m.mesh.run(async () => {
      for (let i = 0; i < 500; i++) await m.get('/');
    });
    expect(log.every((h) => h === 0)).toBe(true);
  });

  it('no matching route → 404 with flag NR', async () => {
    const m = clientServerMesh({
      routes: { httpbin: [{ name: 'only', match: { path: '/only' }, route: { cluster: CLUSTER } }] },
      clientProxyOptions: { accessLog: 'always' },
    });
    const res = ok(await m.mesh.run(() => m.get('/other')));
    expect(res.status).toBe(404);
    expect(m.proxy.admin.logs()[0]).toMatch(/" 404 NR route_not_found /);
  });

  it('a header match routes jason to v2 and everyone else to v1', async () => {
    const log: number[] = [];
    const m = subsetMesh([100, 0], log);
    const v2 = 'outbound|8000|v2|httpbin.default.svc.cluster.local';
    const v1 = 'outbound|8000|v1|httpbin.default.svc.cluster.local';
    const cfg = m.update({
      routes: {
        httpbin: [
          {
            name: 'jason',
            match: { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] },
            route: { cluster: v2 },
          },
          { name: 'rest', match: { prefix: '/' }, route: { cluster: v1 } },
        ],
      },
    });
    const full = m.proxy.config!.resources;
    const result = m.proxy.applyConfig({
      ...cfg,
      clusters: [...full.clusters.values()].map((c) => c.resource),
      endpoints: [...full.endpoints.values()].map((c) => c.resource),
    });
    expect(result.accepted).toBe(true);
    const bodies = await m.mesh.run(async () => [
      ok(await m.get('/', { 'end-user': 'jason' })).body,
      ok(await m.get('/')).body,
    ]);
    expect(bodies).toEqual(['v2', 'v1']);
  });

  it('LEAST_REQUEST steers load away from a slow host; ROUND_ROBIN does not', async () => {
    const share = async (policy: 'LEAST_REQUEST' | 'ROUND_ROBIN') => {
      const log: number[] = [];
      const m = clientServerMesh({
        endpoints: 2,
        app: served(log, (i) => (i === 0 ? 200 : 5)),
        clusters: { httpbin: { lb_policy: policy } },
      });
      await m.mesh.run(() =>
        Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let i = 0; i < 25; i++) await m.get('/');
          }),
        ),
      );
      return log.filter((h) => h === 0).length / log.length;
    };
    const lr = await share('LEAST_REQUEST');
    const rr = await share('ROUND_ROBIN');
    // Two random choices with replacement pick the slow host only when both draws land on it (~25 %).
    expect(lr).toBeLessThan(0.35);
    expect(rr).toBeGreaterThan(0.45);
  });

  it('direct_response answers from the proxy itself', async () => {
    const m = clientServerMesh({
      routes: {
        httpbin: [
          { name: 'd', match: { prefix: '/' }, direct_response: { status: 418, body: { inline_string: 'teapot' } } },
        ],
      },
    });
    const res = ok(await m.mesh.run(() => m.get('/')));
    expect([res.status, res.body, res.headers['server']]).toEqual([418, 'teapot', 'envoy']);
  });
});

describe('gateway', () => {
  it('a plain port listener (bind_to_port) serves outside callers and routes by Host', async () => {
    const m = clientServerMesh({ mtls: 'STRICT' });
    const gw = m.mesh.addPod({
      name: 'istio-ingressgateway',
      ip: '10.0.9.1',
      namespace: 'istio-system',
      sidecar: false,
    });
    const { EnvoyProxy } = await import('./proxy');
    const { nodeFor } = await import('./testing/sim-mesh');
    const proxy = new EnvoyProxy({
      host: gw.host,
      clock: m.mesh.clock,
      random: m.mesh.random,
      node: { ...nodeFor(gw.spec), type: 'router' },
    });
    const base = m.update({ spiffe: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account' });
    const result = proxy.applyConfig({
      ...base,
      listeners: [
        {
          name: '0.0.0.0_8080',
          address: { socket_address: { address: '0.0.0.0', port_value: 8080 } },
          traffic_direction: 'OUTBOUND',
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    stat_prefix: 'outbound_0.0.0.0_8080',
                    rds: { route_config_name: 'http.8080' },
                    http_filters: [{ name: 'istio.stats' }, { name: 'envoy.filters.http.router' }],
                  },
                },
              ],
            },
          ],
        },
      ],
      routes: [
        {
          name: 'http.8080',
          virtual_hosts: [
            {
              name: 'bookinfo',
              domains: ['bookinfo.example.com'],
              routes: [{ name: 'to-httpbin', match: { prefix: '/' }, route: { cluster: CLUSTER } }],
            },
          ],
        },
      ],
    });
    expect(result.accepted).toBe(true);
    const laptop = m.mesh.addPod({ name: 'laptop', ip: '192.168.1.10', sidecar: false });
    const { call } = await import('./testing/sim-mesh');
    const [hit, miss] = await m.mesh.run(async () => [
      await call(laptop.host, '10.0.9.1', 8080, '/get', {}, 'bookinfo.example.com'),
      await call(laptop.host, '10.0.9.1', 8080, '/get', {}, 'other.example.com'),
    ]);
    expect(ok(hit!).status).toBe(200);
    expect(ok(miss!).status).toBe(404);
  });
});

describe('passthrough', () => {
  it('a destination with no listener of its own goes out through virtualOutbound to PassthroughCluster', async () => {
    const m = clientServerMesh({ clientProxyOptions: { accessLog: 'always' } });
    m.mesh.addPod({
      name: 'external',
      ip: '203.0.113.5',
      port: 9999,
      sidecar: false,
      app: async () => ({ status: 200, headers: {}, body: 'external' }),
    });
    const { call } = await import('./testing/sim-mesh');
    const res = ok(await m.mesh.run(() => call(m.client.host, '203.0.113.5', 9999, '/')));
    expect([res.status, res.body]).toEqual([200, 'external']);
    expect(m.proxy.admin.logs()[0]).toMatch(/"203\.0\.113\.5:9999" PassthroughCluster /);
  });
});
