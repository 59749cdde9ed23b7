import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../mesh/cli/index';
import { MetricsReader } from './metrics-reader';
import { TopologyReader } from './topology';

describe('MetricsReader on a cluster (curl → httpbin, both with sidecars)', () => {
  let s: MeshSession;
  let reader: MetricsReader;

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/curl/curl.yaml');
    await s.ok('kubectl rollout status deployment/curl');
    reader = new MetricsReader(s.cluster);
    reader.scrape(0);
  }, 60_000);
  afterAll(() => s.dispose());

  it('reads what both sidecars report, per pod, with rates over the scrapes and the duration quantiles', async () => {
    for (let i = 0; i < 6; i++) await s.ok('kubectl exec deploy/curl -- curl -s -o /dev/null httpbin:8000/status/418');
    await s.ok('kubectl exec deploy/curl -- curl -s -o /dev/null httpbin:8000/get');
    reader.scrape(2000);
    const byCode = reader.query({
      metric: 'istio_requests_total',
      groupBy: ['reporter', 'response_code'],
      filters: { destination_workload: 'httpbin' },
    });
    expect(
      byCode.current.map((row) => [row.labels['reporter'], row.labels['response_code'], row.rate, row.total]),
    ).toEqual([
      ['destination', '200', 0.5, 1],
      ['destination', '418', 3, 6],
      ['source', '200', 0.5, 1],
      ['source', '418', 3, 6],
    ]);
    const pods = reader.catalog().metrics.find((m) => m.name === 'istio_requests_total')!.labels['pod']!;
    expect(pods.map((pod) => pod.replace(/-[^-]+-[^-]+$/, ''))).toEqual(['curl', 'httpbin']);
    const duration = reader.query({
      metric: 'istio_request_duration_milliseconds',
      groupBy: [],
      filters: { reporter: 'source' },
    });
    expect(duration.kind).toBe('histogram');
    expect(duration.current[0]).toMatchObject({ rate: 3.5, total: 7 });
    expect(duration.current[0]!.p50).toBeGreaterThan(0);
  });

  it('lists the Envoy counters that moved, and no gauges', () => {
    const names = reader.catalog().metrics.map((m) => m.name);
    expect(names).toContain('envoy_cluster_upstream_rq_total');
    expect(names).not.toContain('envoy_cluster_membership_total');
    expect(names).not.toContain('envoy_cluster_upstream_rq_timeout');
  });

  it('hands the mesh graph the text it scraped, which reads the same graph from it as from the proxies', () => {
    const scraped = new Map(reader.scrape(3000).map(({ namespace, pod, text }) => [`${namespace}/${pod}`, text]));
    expect(scraped.size).toBeGreaterThanOrEqual(2);
    expect(new TopologyReader(s.cluster).read(3000, scraped)).toEqual(new TopologyReader(s.cluster).read(3000));
  });
});
