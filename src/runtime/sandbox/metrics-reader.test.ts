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

describe('MetricsReader: the size histograms and the TCP counters (sleep → httpbin, sleep → tcp-echo)', () => {
  let s: MeshSession;
  let reader: MetricsReader;

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 3 });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml');
    await s.ok('kubectl wait --for=condition=ready pod --all');
    reader = new MetricsReader(s.cluster);
    reader.scrape(0);
  }, 60_000);
  afterAll(() => s.dispose());

  it('lists istio_request_bytes and istio_response_bytes as histograms with quantiles of the sizes', async () => {
    for (let i = 0; i < 4; i++)
      await s.ok(`kubectl exec deploy/sleep -- curl -s -o /dev/null -d ${'a'.repeat(300)} httpbin:8000/post`);
    reader.scrape(2000);
    const names = reader.catalog().metrics.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['istio_request_bytes', 'istio_response_bytes']));
    const sizes = reader.query({ metric: 'istio_request_bytes', groupBy: ['reporter'], filters: {} });
    expect(sizes.kind).toBe('histogram');
    expect(sizes.current.map((row) => [row.labels['reporter'], row.total])).toEqual([
      ['destination', 4],
      ['source', 4],
    ]);
    // Every body is 300 bytes: the median lies in the (250, 500] bucket.
    expect(sizes.current[0]!.p50).toBeGreaterThan(250);
    expect(sizes.current[0]!.p50).toBeLessThanOrEqual(500);
  });

  it('lists the four TCP counters once connections were made, with rates of connections and bytes', async () => {
    expect(reader.catalog().metrics.map((m) => m.name)).not.toContain('istio_tcp_connections_opened_total');
    for (let i = 0; i < 2; i++) await s.ok('kubectl exec deploy/sleep -- sh -c "echo hello | nc tcp-echo 9000"');
    reader.scrape(4000);
    const names = reader.catalog().metrics.map((m) => m.name);
    for (const name of [
      'istio_tcp_connections_opened_total',
      'istio_tcp_connections_closed_total',
      'istio_tcp_received_bytes_total',
      'istio_tcp_sent_bytes_total',
    ])
      expect(names).toContain(name);
    const closed = reader.query({
      metric: 'istio_tcp_connections_closed_total',
      groupBy: ['reporter'],
      filters: { source_workload: 'sleep' },
    });
    expect(closed.kind).toBe('counter');
    expect(closed.current.map((row) => [row.labels['reporter'], row.total])).toEqual([
      ['destination', 2],
      ['source', 2],
    ]);
    const received = reader.query({
      metric: 'istio_tcp_received_bytes_total',
      groupBy: [],
      filters: { reporter: 'source' },
    });
    expect(received.current[0]!.total).toBe(12);
  });
});
