import { describe, expect, it } from 'vitest';
import { NetError, type HttpResponse } from '../net';
import { clientServerMesh } from './testing/sim-mesh';

type Res = HttpResponse | NetError;
const statusOf = (r: Res): number | string => (r instanceof NetError ? r.code : r.status);
const breakers = (t: Record<string, number>) => ({ httpbin: { circuit_breakers: { thresholds: [t] } } });
const stat = (m: ReturnType<typeof clientServerMesh>, name: string): number =>
  (m.proxy.stats.cluster('outbound|8000||httpbin.default.svc.cluster.local') as unknown as Record<string, number>)[
    name
  ] ?? NaN;

/** `c` callers at once, each doing `n` requests to /delay/50 back to back. */
async function fortio(m: ReturnType<typeof clientServerMesh>, c: number, n: number): Promise<Res[]> {
  return m.mesh.run(async () => {
    const all: Res[] = [];
    await Promise.all(
      Array.from({ length: c }, async () => {
        for (let i = 0; i < n; i++) all.push(await m.get('/delay/50'));
      }),
    );
    return all;
  });
}

describe('circuit breakers through the proxy', () => {
  it('max_pending_requests overflow → 503, x-envoy-overloaded: true, flag UO, upstream_rq_pending_overflow', async () => {
    const m = clientServerMesh({
      clusters: breakers({ max_connections: 1, max_pending_requests: 1 }),
      clientProxyOptions: { accessLog: 'always' },
    });
    const results = await fortio(m, 3, 10);
    const overflowed = results.filter((r) => statusOf(r) === 503) as HttpResponse[];
    // Istio's circuit-breaking task with -c 3 -n 30 shows 11–19 of 30 failing.
    expect(overflowed.length).toBeGreaterThanOrEqual(11);
    expect(overflowed.length).toBeLessThanOrEqual(19);
    expect(overflowed[0]!.headers['x-envoy-overloaded']).toBe('true');
    expect(overflowed[0]!.body).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: overflow',
    );
    expect(results.filter((r) => statusOf(r) === 200).length + overflowed.length).toBe(30);
    expect(stat(m, 'upstream_rq_pending_overflow')).toBe(overflowed.length);
    expect(stat(m, 'upstream_cx_overflow')).toBeGreaterThan(0);
    expect(
      m.proxy.admin.logs().some((l) => / 503 UO upstream_reset_before_response_started\{overflow\} /.test(l)),
    ).toBe(true);
  });

  it("Istio's task: 2 callers, 20 calls, max_connections 1 / max_pending 1 → only a few 503s (docs: 1–3)", async () => {
    const m = clientServerMesh({ clusters: breakers({ max_connections: 1, max_pending_requests: 1 }) });
    const results = await fortio(m, 2, 10);
    const failed = results.filter((r) => statusOf(r) === 503).length;
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBeLessThanOrEqual(3);
    expect(stat(m, 'upstream_cx_total')).toBe(1);
    expect(stat(m, 'upstream_rq_pending_total')).toBeGreaterThan(0);
  });

  it('max_connections bounds the connections opened to a cluster', async () => {
    const m = clientServerMesh({ endpoints: 1, clusters: breakers({ max_connections: 2 }) });
    const results = await fortio(m, 5, 4);
    expect(results.every((r) => statusOf(r) === 200)).toBe(true);
    expect(stat(m, 'upstream_cx_total')).toBe(2);
    expect(stat(m, 'upstream_cx_overflow')).toBeGreaterThan(0);
  });

  it('max_requests bounds requests in flight → 503 UO beyond it', async () => {
    const m = clientServerMesh({ clusters: breakers({ max_requests: 2 }) });
    const results = await fortio(m, 4, 3);
    const codes = results.map(statusOf);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(6);
    expect(stat(m, 'upstream_rq_pending_overflow')).toBe(codes.filter((c) => c === 503).length);
  });

  it('max_retries bounds concurrent retries → upstream_rq_retry_overflow, flag UO on the passed-through reply', async () => {
    const m = clientServerMesh({
      clusters: breakers({ max_retries: 1 }),
      routes: {
        httpbin: [
          {
            name: 'r',
            match: { prefix: '/' },
            route: {
              cluster: 'outbound|8000||httpbin.default.svc.cluster.local',
              retry_policy: { retry_on: '5xx', num_retries: 3 },
            },
          },
        ],
      },
      clientProxyOptions: { accessLog: 'always' },
    });
    await m.mesh.run(() => Promise.all(Array.from({ length: 4 }, () => m.get('/status/503'))));
    expect(stat(m, 'upstream_rq_retry_overflow')).toBeGreaterThan(0);
    expect(m.proxy.admin.logs().some((l) => / 503 UO via_upstream /.test(l))).toBe(true);
  });

  it('max_requests_per_connection 1 disables keep-alive: one connection per request', async () => {
    const m = clientServerMesh({
      clusters: { httpbin: { common_http_protocol_options: { max_requests_per_connection: 1 } } },
    });
    await fortio(m, 1, 5);
    expect(stat(m, 'upstream_cx_total')).toBe(5);
    expect(stat(m, 'upstream_cx_max_requests')).toBe(5);
  });

  it('without thresholds (Istio defaults, 2^32−1) nothing overflows', async () => {
    const m = clientServerMesh({ clusters: { httpbin: { circuit_breakers: { thresholds: [{}] } } } });
    const results = await fortio(m, 20, 5);
    expect(results.every((r) => statusOf(r) === 200)).toBe(true);
    expect(m.proxy.admin.stats()).toContain(
      'cluster.outbound|8000||httpbin.default.svc.cluster.local.circuit_breakers.default.remaining_pending: 4294967295',
    );
  });
});

describe("a lab's request breaker (lesson 1.2)", () => {
  it('sees every attempt and, once it opens, fails attempts fast with 503 UO', async () => {
    const m = clientServerMesh({});
    const seen: string[] = [];
    let open = false;
    m.proxy.setExtensions({
      requestBreaker: () => ({
        allowRequest: () => !open,
        onSuccess: () => seen.push('success'),
        onFailure: () => {
          seen.push('failure');
          open = true;
        },
      }),
    });
    const results = await m.mesh.run(async () => [
      await m.get('/status/200'),
      await m.get('/status/503'),
      await m.get('/status/200'),
    ]);
    expect(results.map(statusOf)).toEqual([200, 503, 503]);
    expect(seen).toEqual(['success', 'failure']);
    expect((results[2] as HttpResponse).headers['x-envoy-overloaded']).toBe('true');
    expect(stat(m, 'upstream_rq_pending_overflow')).toBe(1);
  });

  it('a breaker that throws becomes a named local 500', async () => {
    const m = clientServerMesh({});
    m.proxy.setExtensions({
      requestBreaker: () => ({
        allowRequest: () => {
          throw new Error('not implemented');
        },
        onSuccess: () => undefined,
        onFailure: () => undefined,
      }),
    });
    const [response] = await m.mesh.run(async () => [await m.get('/status/200')]);
    expect(statusOf(response!)).toBe(500);
    expect((response as HttpResponse).body).toContain('circuit breaker plugin failed: not implemented');
  });
});
