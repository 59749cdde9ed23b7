import { describe, expect, it } from 'vitest';
import { NetError, type HttpHandler } from '../net';
import type { Route } from '../xds/index';
import { clientServerMesh, type SimMesh } from './testing/sim-mesh';
import type { UpstreamHost } from './upstream/host';
import { inboundListener } from './testing/xds-builders';
import { ok } from './testing/apps';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

const timeoutRoute = (timeout: string): Record<string, Route[]> => ({
  httpbin: [{ name: 'r', match: { prefix: '/' }, route: { cluster: CLUSTER, timeout } }],
});

describe('applying configuration', () => {
  it('an invalid push is rejected with a message naming the field, and the last good config keeps serving', async () => {
    const m = clientServerMesh({ routes: timeoutRoute('1s') });
    const bad = m.update({
      routes: {
        httpbin: [
          {
            name: 'r',
            match: { prefix: '/' },
            route: { weighted_clusters: { clusters: [{ name: CLUSTER, weight: 0 }] } },
          },
        ],
      },
      version: '2',
    });
    const result = m.proxy.applyConfig(bad);
    expect(result).toEqual({
      accepted: false,
      message: 'RouteConfiguration "8000": virtual_hosts[0].routes[0].route.weighted_clusters: weights sum to 0',
    });
    const res = ok(await m.mesh.run(() => m.get('/delay/2000')));
    expect(res.status).toBe(504); // the 1 s timeout of version 1 still applies
    const dump = m.proxy.admin.configDump() as { configs: Array<Record<string, unknown>> };
    const routes = dump.configs.find((c) => String(c['@type']).endsWith('RoutesConfigDump')) as {
      dynamic_route_configs: Array<Record<string, unknown>>;
    };
    expect(routes.dynamic_route_configs[0]!['version_info']).toBe('1');
    expect((routes.dynamic_route_configs[0]!['error_state'] as { details: string }).details).toMatch(
      /weights sum to 0/,
    );
  });

  it('a valid push swaps atomically: a request in flight finishes on the config it started with', async () => {
    const m = clientServerMesh({ routes: timeoutRoute('1s') });
    const results = await m.mesh.run(async () => {
      const inFlight = m.get('/delay/1500');
      await m.mesh.clock.sleep(100);
      expect(m.proxy.applyConfig(m.update({ routes: timeoutRoute('3s'), version: '2' })).accepted).toBe(true);
      const after = m.get('/delay/1500');
      return [ok(await inFlight).status, ok(await after).status];
    });
    expect(results).toEqual([504, 200]);
  });

  it('an EDS-only push changes endpoints without touching routes or breaker state', async () => {
    const m = clientServerMesh({ endpoints: 2 });
    await m.mesh.run(() => m.get('/'));
    const cluster = m.proxy.config!.clusters.get(CLUSTER);
    const one = { ...m.svc, endpoints: [m.svc.endpoints[1]!] };
    const eds = m.update({ services: [one] });
    expect(m.proxy.applyConfig({ endpoints: eds.endpoints!, version_info: '2' }).accepted).toBe(true);
    expect(m.proxy.config!.clusters.get(CLUSTER)).toBe(cluster);
    expect(cluster!.hostSet.hosts().map((h) => h.key)).toEqual(['10.0.1.2:8000']);
  });

  it('a config that validates but cannot compile is rejected too', () => {
    const m = clientServerMesh({});
    const r = m.proxy.applyConfig({
      clusters: [
        { name: 'x', type: 'EDS', outlier_detection: { base_ejection_time: '100s', max_ejection_time: '10s' } },
      ],
    });
    expect(r.accepted).toBe(false);
  });
});

describe('mutual TLS', () => {
  it('client sidecars speak mTLS to sidecar endpoints; the server sees the client identity in XFCC', async () => {
    const m = clientServerMesh({ mtls: 'STRICT' });
    const res = ok(await m.mesh.run(() => m.get('/headers')));
    expect(res.status).toBe(200);
    const h = (JSON.parse(res.body) as { headers: Record<string, string> }).headers;
    expect(h['x-forwarded-client-cert']).toMatch(
      /^By=spiffe:\/\/cluster\.local\/ns\/default\/sa\/httpbin;Hash=[0-9a-f]+;Subject="";URI=spiffe:\/\/cluster\.local\/ns\/default\/sa\/sleep$/,
    );
  });

  it('STRICT server + plaintext client → connection reset', async () => {
    const m = clientServerMesh({ mtls: 'STRICT' });
    m.mesh.net.setDnsRecord('httpbin-0.default.svc.cluster.local', '10.0.1.1');
    const legacy = m.mesh.addPod({ name: 'legacy', ip: '10.0.3.1', sidecar: false });
    const { call } = await import('./testing/sim-mesh');
    const res = await m.mesh.run(() => call(legacy.host, '10.0.1.1', 8000, '/'));
    expect(res instanceof NetError && res.code).toBe('ECONNRESET');
  });

  it('PERMISSIVE server accepts plaintext and mTLS', async () => {
    const m = clientServerMesh({ mtls: 'PERMISSIVE' });
    const legacy = m.mesh.addPod({ name: 'legacy', ip: '10.0.3.1', sidecar: false });
    const { call } = await import('./testing/sim-mesh');
    const [plain, mtls] = await m.mesh.run(async () => [
      await call(legacy.host, '10.0.1.1', 8000, '/'),
      await m.get('/'),
    ]);
    expect(ok(plain!).status).toBe(200);
    expect(ok(mtls!).status).toBe(200);
  });
});

describe('RBAC and local rate limit filters', () => {
  it('an ALLOW policy admits only the listed principal; others get 403 "RBAC: access denied"', async () => {
    const m = clientServerMesh({ mtls: 'STRICT' });
    const rbac = (principal: string) => ({
      rules: {
        action: 'ALLOW',
        policies: {
          'ns[default]-policy[allow-sleep]-rule[0]': {
            permissions: [{ any: true }],
            principals: [{ authenticated: { principal_name: { exact: principal } } }],
          },
        },
      },
    });
    const server = m.servers[0]!;
    const apply = (principal: string) => {
      const cfg = server.proxy!.config!.resources;
      return server.proxy!.applyConfig({
        listeners: [
          ...[...cfg.listeners.values()].map((l) => l.resource).filter((l) => l.name !== 'virtualInbound'),
          inboundListener([8000], { mtls: 'STRICT', rbac: rbac(principal) }),
        ],
        version_info: 'rbac',
      });
    };
    expect(apply('spiffe://cluster.local/ns/default/sa/sleep').accepted).toBe(true);
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(200);
    apply('spiffe://cluster.local/ns/default/sa/productpage');
    const denied = ok(await m.mesh.run(() => m.get('/')));
    expect([denied.status, denied.body]).toEqual([403, 'RBAC: access denied']);
    expect(server.proxy!.admin.stats()).toContain('http.inbound_0.0.0.0_8000.rbac.denied: 1');
  });

  it('local rate limit: beyond the bucket → 429 with x-local-rate-limit; refills with time', async () => {
    const rl = {
      stat_prefix: 'http_local_rate_limiter',
      token_bucket: { max_tokens: 3, tokens_per_fill: 3, fill_interval: '60s' },
      filter_enabled: { default_value: { numerator: 100, denominator: 'HUNDRED' as const } },
      filter_enforced: { default_value: { numerator: 100, denominator: 'HUNDRED' as const } },
      response_headers_to_add: [{ header: { key: 'x-local-rate-limit', value: 'true' } }],
    };
    const m = clientServerMesh({
      routes: {
        httpbin: [
          {
            name: 'r',
            match: { prefix: '/' },
            route: { cluster: CLUSTER },
            typed_per_filter_config: { 'envoy.filters.http.local_ratelimit': rl },
          },
        ],
      },
    });
    const codes = await m.mesh.run(async () => {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push(ok(await m.get('/')).status);
      await m.mesh.clock.sleep(60_000);
      out.push(ok(await m.get('/')).status);
      return out;
    });
    expect(codes).toEqual([200, 200, 200, 429, 429, 200]);
    expect(m.proxy.admin.stats()).toContain('http_local_rate_limiter.http_local_rate_limit.rate_limited: 2');
  });
});

describe('plugged-in modules', () => {
  const app =
    (i: number, _m: SimMesh): HttpHandler =>
    async () => ({ status: 200, headers: {}, body: `host${i}` });

  it("a learner's load balancer is used by the running proxy", async () => {
    const m = clientServerMesh({ endpoints: 3, app });
    m.proxy.setExtensions({ loadBalancer: (_p, hostSet) => ({ chooseHost: () => hostSet.hosts()[2] }) });
    const bodies = await m.mesh.run(async () => [ok(await m.get('/')).body, ok(await m.get('/')).body]);
    expect(bodies).toEqual(['host2', 'host2']);
  });

  it('a throwing plugin becomes a local 500 naming the module', async () => {
    const m = clientServerMesh({ app });
    m.proxy.setExtensions({
      loadBalancer: () => ({
        chooseHost: () => {
          throw new Error('index out of range');
        },
      }),
    });
    const res = ok(await m.mesh.run(() => m.get('/')));
    expect([res.status, res.body]).toEqual([500, 'load balancer plugin failed: index out of range']);
    m.proxy.setExtensions({
      routeMatcher: () => ({
        route: () => {
          throw new TypeError('cannot read properties of undefined');
        },
      }),
    });
    const res2 = ok(await m.mesh.run(() => m.get('/')));
    expect([res2.status, res2.body]).toEqual([500, 'route matcher plugin failed: cannot read properties of undefined']);
  });

  it('a throwing outlier detector or rate limiter also becomes a named 500; a throwing factory is refused', async () => {
    const m = clientServerMesh({ app, clusters: { httpbin: { outlier_detection: { consecutive_5xx: 5 } } } });
    const boom = (): never => {
      throw new Error('not implemented');
    };
    expect(
      m.proxy.setExtensions({
        outlierDetector: ({ hostSet }) => {
          const attach = (hosts: readonly UpstreamHost[]): void => {
            for (const h of hosts) h.outlierMonitor = { putHttpResponseCode: boom, putResult: boom };
          };
          attach(hostSet.hosts());
          hostSet.addMemberUpdateCb((added) => attach(added));
          return { stats: () => ({}) as never, addChangedStateCb: () => () => undefined, destroy: () => undefined };
        },
      }).accepted,
    ).toBe(true);
    const res = ok(await m.mesh.run(() => m.get('/')));
    expect([res.status, res.body]).toEqual([500, 'outlier detector plugin failed: not implemented']);
    const refused = m.proxy.setExtensions({ loadBalancer: boom });
    expect(refused).toEqual({ accepted: false, message: 'load balancer plugin failed: not implemented' });
    m.proxy.setExtensions({});
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(200);
  });

  it("a learner's rate limiter is used by the local rate limit filter", async () => {
    const rl = {
      stat_prefix: 'rl',
      token_bucket: { max_tokens: 100, fill_interval: '1s' },
      filter_enabled: { default_value: { numerator: 100 } },
      filter_enforced: { default_value: { numerator: 100 } },
    };
    const m = clientServerMesh({
      app,
      routes: {
        httpbin: [
          {
            name: 'r',
            match: { prefix: '/' },
            route: { cluster: CLUSTER },
            typed_per_filter_config: { 'envoy.filters.http.local_ratelimit': rl },
          },
        ],
      },
    });
    let calls = 0;
    m.proxy.setExtensions({ rateLimiter: () => ({ consume: () => ++calls % 2 === 1 }) });
    const codes = await m.mesh.run(async () => [
      ok(await m.get('/')).status,
      ok(await m.get('/')).status,
      ok(await m.get('/')).status,
    ]);
    expect(codes).toEqual([200, 429, 200]);
  });

  it("a learner's route matcher and circuit breaker take effect; {} restores ours", async () => {
    const m = clientServerMesh({ app });
    m.proxy.setExtensions({
      routeMatcher: () => ({ route: () => undefined }),
    });
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(404);
    const never = { canCreate: () => false, inc() {}, dec() {}, count: 0, max: 0, remaining: 0 };
    m.proxy.setExtensions({
      resourceManager: () => ({ connections: never, pendingRequests: never, requests: never, retries: never }),
    });
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(503);
    m.proxy.setExtensions({});
    expect(ok(await m.mesh.run(() => m.get('/'))).status).toBe(200);
  });
});
