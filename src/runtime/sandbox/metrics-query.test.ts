import { describe, expect, it } from 'vitest';
import { queryMetrics } from './metrics-query';
import { MetricsStore } from './metrics-store';

/** A proxy's exposition with two request counters (by destination and code) and one duration histogram. */
function exposition(v1ok: number, v2ok: number, v2fail: number, slow: number, fast: number): string {
  const req = (version: string, code: number) =>
    `istio_requests_total{reporter="source",destination_workload="reviews-${version}",response_code="${code}"}`;
  const bucket = (le: string, count: number) =>
    `istio_request_duration_milliseconds_bucket{reporter="source",destination_workload="reviews-v1",le="${le}"} ${count}`;
  return [
    '# TYPE istio_requests_total counter',
    `${req('v1', 200)} ${v1ok}`,
    `${req('v2', 200)} ${v2ok}`,
    `${req('v2', 503)} ${v2fail}`,
    '# TYPE istio_request_duration_milliseconds histogram',
    bucket('10', fast),
    bucket('100', fast),
    bucket('1000', fast + slow),
    bucket('+Inf', fast + slow),
    `istio_request_duration_milliseconds_sum{reporter="source",destination_workload="reviews-v1"} 0`,
    `istio_request_duration_milliseconds_count{reporter="source",destination_workload="reviews-v1"} ${fast + slow}`,
    '# TYPE envoy_cluster_upstream_rq_total counter',
    'envoy_cluster_upstream_rq_total{envoy_cluster_name="outbound|9080||reviews"} 0',
    '# TYPE envoy_cluster_membership_total gauge',
    'envoy_cluster_membership_total{envoy_cluster_name="outbound|9080||reviews"} 3',
    '# TYPE envoy_server_live counter',
    'envoy_server_live 1',
    '',
  ].join('\n');
}

/** Scrapes once a second from t=0: each scrape's counters as `exposition` arguments. */
function scraped(readings: Array<Parameters<typeof exposition>>, limits?: { retentionMs: number; maxSeries: number }) {
  const store = new MetricsStore(limits);
  readings.forEach((args, second) =>
    store.ingest([{ namespace: 'default', pod: 'productpage-v1-abc', text: exposition(...args) }], second * 1000),
  );
  return store;
}

describe('the metrics store and its queries', () => {
  // 2 req/s to v1, 1 req/s to v2 (half of them 503 from t=5 s); one slow request at t=3.
  const readings = Array.from({ length: 21 }, (_, s): Parameters<typeof exposition> => [
    2 * s,
    s - Math.max(0, Math.floor((s - 5) / 2)),
    Math.max(0, Math.floor((s - 5) / 2)),
    s >= 3 ? 1 : 0,
    2 * s,
  ]);
  const store = scraped(readings);

  it('sums the rate over 10 s by the labels asked, per scrape and now', () => {
    const result = queryMetrics(store, {
      metric: 'istio_requests_total',
      groupBy: ['destination_workload'],
      filters: {},
    });
    expect(result).toMatchObject({ kind: 'counter', windowMs: 10_000, now: 20_000 });
    expect(result.current).toEqual([
      { labels: { destination_workload: 'reviews-v1' }, rate: 2, total: 40 },
      { labels: { destination_workload: 'reviews-v2' }, rate: 1, total: 20 },
    ]);
    const v1 = result.series[0]!;
    // The first scrape has no rate (no scrape before it); then 2/s from the start of the series.
    expect(v1.points[0]).toEqual([0, 0]);
    expect(v1.points.slice(1).every(([, rate]) => rate === 2)).toBe(true);
    expect(v1.points).toHaveLength(21);
  });

  it('filters by exact label values, adds the scraped pod and namespace, and groups by nothing into one sum', () => {
    const failing = queryMetrics(store, {
      metric: 'istio_requests_total',
      groupBy: ['response_code', 'pod'],
      filters: { destination_workload: 'reviews-v2', namespace: 'default' },
    });
    expect(failing.current.map((row) => [row.labels, row.rate])).toEqual([
      [{ response_code: '200', pod: 'productpage-v1-abc' }, 0.5],
      [{ response_code: '503', pod: 'productpage-v1-abc' }, 0.5],
    ]);
    const all = queryMetrics(store, { metric: 'istio_requests_total', groupBy: [], filters: {} });
    expect(all.current).toEqual([{ labels: {}, rate: 3, total: 60 }]);
    expect(queryMetrics(store, { metric: 'nope', groupBy: [], filters: {} }).series).toEqual([]);
  });

  it('answers a histogram with the rate of observations and p50/p90/p99 of the window from its buckets', () => {
    const result = queryMetrics(store, { metric: 'istio_request_duration_milliseconds', groupBy: [], filters: {} });
    expect(result.kind).toBe('histogram');
    // Now: 20 fast ones (≤10 ms) in the window, the slow one left it.
    expect(result.current).toEqual([{ labels: {}, rate: 2, total: 41, p50: 5, p90: 9, p99: 9.9 }]);
    const p99 = queryMetrics(store, {
      metric: 'istio_request_duration_milliseconds',
      groupBy: [],
      filters: {},
      show: 'p99',
    });
    // At t=3…12 the slow request is in the window: with ≤19 fast ones, the 99th percentile lands in 100…1000 ms.
    const at = (t: number) => p99.series[0]!.points.find(([time]) => time === t)?.[1];
    expect(at(3_000)).toBeGreaterThan(100);
    expect(at(12_000)).toBeGreaterThan(100);
    expect(at(14_000)).toBe(9.9);
  });

  it('lists counters and histograms with their labels and values; never-moved counters and gauges are left out', () => {
    const { metrics, full } = store.catalog();
    expect(full).toBe(false);
    expect(metrics.map((m) => [m.name, m.kind])).toEqual([
      ['envoy_server_live', 'counter'],
      ['istio_request_duration_milliseconds', 'histogram'],
      ['istio_requests_total', 'counter'],
    ]);
    expect(metrics[2]!.labels).toEqual({
      destination_workload: ['reviews-v1', 'reviews-v2'],
      namespace: ['default'],
      pod: ['productpage-v1-abc'],
      reporter: ['source'],
      response_code: ['200', '503'],
    });
    expect(Object.keys(metrics[1]!.labels)).not.toContain('le');
  });

  it('keeps only the retention, drops series whose pod is gone, and stops at its bound saying so', () => {
    const short = scraped(readings, { retentionMs: 5_000, maxSeries: 1000 });
    expect(short.times).toEqual([15_000, 16_000, 17_000, 18_000, 19_000, 20_000]);
    short.ingest([], 21_000);
    for (let t = 22_000; t <= 27_000; t += 1000) short.ingest([], t);
    expect([...short.all()]).toEqual([]);
    const bounded = scraped(readings, { retentionMs: 300_000, maxSeries: 3 });
    expect([...bounded.all()]).toHaveLength(3);
    expect(bounded.catalog().full).toBe(true);
  });

  it('counts a counter that went down as a restart from zero', () => {
    const restarted = scraped([
      [0, 0, 0, 0, 0],
      [10, 0, 0, 0, 0],
      [20, 0, 0, 0, 0],
      [5, 0, 0, 0, 0],
    ]);
    const rate = queryMetrics(restarted, { metric: 'istio_requests_total', groupBy: [], filters: {} }).current[0]!.rate;
    expect(rate).toBeCloseTo(25 / 3);
  });
});
