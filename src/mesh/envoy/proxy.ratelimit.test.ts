import { describe, expect, it } from 'vitest';
import type { Route } from '../xds/index';
import { clientServerMesh } from './testing/sim-mesh';
import { ok } from './testing/apps';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';
const ALL = { default_value: { numerator: 100, denominator: 'HUNDRED' as const } };

const limit = (maxTokens: number) => ({
  stat_prefix: 'http_local_rate_limiter',
  token_bucket: { max_tokens: maxTokens, tokens_per_fill: maxTokens, fill_interval: '60s' },
  filter_enabled: ALL,
  filter_enforced: ALL,
});

const limitedRoutes = (maxTokens: number, timeout = '15s'): Record<string, Route[]> => ({
  httpbin: [
    {
      name: 'r',
      match: { prefix: '/' },
      route: { cluster: CLUSTER, timeout },
      typed_per_filter_config: { 'envoy.filters.http.local_ratelimit': limit(maxTokens) },
    },
  ],
});

describe('local rate limit across config pushes', () => {
  function setup() {
    const m = clientServerMesh({ routes: limitedRoutes(3) });
    const statuses = (n: number) =>
      m.mesh.run(async () => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(ok(await m.get('/')).status);
        return out;
      });
    return { m, statuses };
  }

  it('a push that leaves the route unchanged keeps the bucket, empty as it was', async () => {
    const { m, statuses } = setup();
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    expect(m.proxy.applyConfig(m.update({ routes: limitedRoutes(3), version: '2' })).accepted).toBe(true);
    expect(await statuses(1)).toEqual([429]);
  });

  it('a push that changes the route builds a new bucket, which starts full', async () => {
    const { m, statuses } = setup();
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    // Any change to the RouteConfiguration recompiles its per-route configs, bucket included.
    expect(m.proxy.applyConfig(m.update({ routes: limitedRoutes(3, '20s'), version: '2' })).accepted).toBe(true);
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
  });

  it('the new bucket refills at the new rate from the moment it is built, with no fill phase to wait for', async () => {
    const { m, statuses } = setup();
    await statuses(3);
    await m.mesh.run(() => m.mesh.clock.sleep(7_000));
    expect(m.proxy.applyConfig(m.update({ routes: limitedRoutes(2), version: '2' })).accepted).toBe(true);
    expect(await statuses(3)).toEqual([200, 200, 429]);
    // 2 per 60 s: a token every 30 s, counted from the drain just now, not from a timer set at the push.
    await m.mesh.run(() => m.mesh.clock.sleep(29_000));
    expect(await statuses(1)).toEqual([429]);
    await m.mesh.run(() => m.mesh.clock.sleep(1_000));
    expect(await statuses(2)).toEqual([200, 429]);
  });
});
