import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../mesh';
import { createMeshSession, type MeshSession } from '../../mesh/cli/index';
import { TopologyReader } from './topology';

describe('TopologyReader', () => {
  it('shows each Bookinfo workload by version, with its sidecar and ready pods', async () => {
    const cluster = await createCluster({ seed: 3, clock: 'virtual', preset: 'bookinfo' });
    const { nodes } = new TopologyReader(cluster).read(0);
    const reviews = nodes.filter((n) => n.app === 'reviews').map((n) => [n.version, n.sidecar, n.ready]);
    expect(reviews.sort()).toEqual([
      ['v1', true, 1],
      ['v2', true, 1],
      ['v3', true, 1],
    ]);
    cluster.dispose();
  }, 30_000);

  describe('edges from traffic (fortio → httpbin with a connection pool and outlier detection)', () => {
    let s: MeshSession;
    let reader: TopologyReader;
    const edge = (at: number) =>
      reader.read(at).edges.find((e) => e.from === 'default/fortio/latest' && e.to === 'default/httpbin/v1');

    beforeAll(async () => {
      s = await createMeshSession({ preset: 'istio' });
      await s.ok('kubectl label namespace default istio-injection=enabled');
      await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
    outlierDetection:
      consecutive5xxErrors: 2
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
EOF`);
      await s.ok('kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml');
      reader = new TopologyReader(s.cluster);
      reader.read(0);
    }, 60_000);
    afterAll(() => s.dispose());

    const load = (connections: number, calls: number, path: string) =>
      s.ok(
        `kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c ${connections} -qps 0 -n ${calls} -loglevel Warning http://httpbin:8000${path}`,
      );

    it('a burst over the connection pool: rate over the interval, errors, mTLS and a tripped breaker', async () => {
      const out = await load(3, 30, '/get');
      const overflowed = Number(/Code 503 : (\d+)/.exec(out)?.[1] ?? 0);
      expect(overflowed).toBeGreaterThan(0);
      const seen = edge(2000)!;
      expect(seen.rate).toBeCloseTo(15, 5); // 30 calls in the 2 s since the first reading
      expect(seen.errorShare).toBeCloseTo(overflowed / 30, 5);
      expect(seen.mtls).toBe(true);
      expect(seen.breaker).toBe('tripped');
      expect(seen.ejected).toBe(0);
    });

    it('once the burst leaves the window the breaker shows closed; failing calls get the host ejected', async () => {
      await load(1, 5, '/get');
      const quiet = edge(13_000)!; // the window (10 s) now starts at the burst's reading
      expect(quiet.rate).toBeCloseTo(5 / 11, 5);
      expect(quiet).toMatchObject({ errorShare: 0, breaker: 'closed', ejected: 0 });
      await load(1, 4, '/status/503');
      const failing = edge(14_000)!;
      expect(failing.errorShare).toBeGreaterThan(0);
      expect(failing.ejected).toBe(1);
      expect(reader.read(14_500).nodes.map((n) => n.id)).not.toContain('unknown/unknown');
      // Nothing sent for a whole window: the edge stays, at rate 0, because the caller still keeps that host out.
      expect(edge(40_000)).toMatchObject({ rate: 0, ejected: 1 });
    });
  });
});
