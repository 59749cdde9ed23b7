import type { MetricCurrent, MetricQuery, MetricQueryResult, MetricSeries } from '../types';
import { histogramQuantile, type Bucket } from './histogram-quantile';
import type { MetricsStore, StoredSeries } from './metrics-store';

/** Rates are over the last ten seconds, as the mesh graph's: long enough to read after a burst from the terminal. */
export const RATE_WINDOW_MS = 10_000;
const QUANTILES = { p50: 0.5, p90: 0.9, p99: 0.99 } as const;

/**
 * The query the Metrics tab asks: `sum by (groupBy) (rate(metric{filters}[10s]))` at each scrape; for a histogram
 * the rate of its observations (`_count`) and `histogram_quantile` of its buckets' increases over the same window.
 * An unknown metric answers no series.
 */
export function queryMetrics(store: MetricsStore, query: MetricQuery): MetricQueryResult {
  const kind = store.kindOf(query.metric) === 'histogram' ? 'histogram' : 'counter';
  const times = store.times;
  const groups = new Map<string, { labels: Record<string, string>; counts: StoredSeries[]; buckets: StoredSeries[] }>();
  for (const stored of store.all()) {
    const metric = stored.histogram ?? stored.name;
    if (metric !== query.metric || !matches(stored, query.filters)) continue;
    const isBucket = stored.histogram !== undefined && stored.name.endsWith('_bucket');
    if (stored.histogram !== undefined && !isBucket && !stored.name.endsWith('_count')) continue;
    const labels = Object.fromEntries(query.groupBy.map((label) => [label, stored.labels[label] ?? '']));
    const key = JSON.stringify(labels);
    const group = groups.get(key) ?? { labels, counts: [], buckets: [] };
    (isBucket ? group.buckets : group.counts).push(stored);
    groups.set(key, group);
  }
  const show = kind === 'histogram' ? (query.show ?? 'rate') : 'rate';
  const series: MetricSeries[] = [];
  const current: MetricCurrent[] = [];
  const last = times.length - 1;
  for (const [, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < times.length; i++) {
      const value =
        show === 'rate' ? sumRates(group.counts, times, i) : quantileAt(QUANTILES[show], group.buckets, times, i);
      if (value !== undefined && !Number.isNaN(value)) points.push([times[i]!, value]);
    }
    series.push({ labels: group.labels, points });
    if (last < 0) continue;
    const now: MetricCurrent = {
      labels: group.labels,
      rate: sumRates(group.counts, times, last) ?? 0,
      total: group.counts.reduce((sum, stored) => sum + latest(stored.values), 0),
    };
    if (kind === 'histogram')
      for (const [name, q] of Object.entries(QUANTILES)) {
        const value = quantileAt(q, group.buckets, times, last);
        if (value !== undefined && !Number.isNaN(value)) now[name as keyof typeof QUANTILES] = value;
      }
    current.push(now);
  }
  return { kind, windowMs: RATE_WINDOW_MS, now: times[last] ?? 0, series, current };
}

function matches(stored: StoredSeries, filters: Record<string, string>): boolean {
  return Object.entries(filters).every(([label, value]) => (stored.labels[label] ?? '') === value);
}

/** The group's rate per second at scrape `i`; undefined when none of its series was scraped then. */
function sumRates(members: readonly StoredSeries[], times: readonly number[], i: number): number | undefined {
  let sum: number | undefined;
  for (const stored of members) {
    const window = increaseOver(stored.values, times, i);
    if (window === undefined) continue;
    sum = (sum ?? 0) + (window.seconds > 0 ? window.increase / window.seconds : 0);
  }
  return sum;
}

/**
 * How much a counter grew in the window that ends at scrape `i`, from the last scrape at or before the window's
 * start (or its first in the window); a value that went down is a restart, counted from zero as Prometheus does.
 */
function increaseOver(
  values: readonly number[],
  times: readonly number[],
  i: number,
): { increase: number; seconds: number } | undefined {
  if (Number.isNaN(values[i])) return undefined;
  let start = i;
  while (start > 0 && !Number.isNaN(values[start - 1]) && times[start]! > times[i]! - RATE_WINDOW_MS) start--;
  let increase = 0;
  for (let j = start + 1; j <= i; j++) {
    const before = values[j - 1]!;
    const after = values[j]!;
    increase += after >= before ? after - before : after;
  }
  return { increase, seconds: (times[i]! - times[start]!) / 1000 };
}

/** The quantile (ms) of what the group's buckets observed in the window that ends at scrape `i`. */
function quantileAt(q: number, buckets: readonly StoredSeries[], times: readonly number[], i: number) {
  const increases: Bucket[] = [];
  for (const stored of buckets) {
    const window = increaseOver(stored.values, times, i);
    if (window === undefined) continue;
    const le = stored.labels['le'] ?? '';
    increases.push({ le: le === '+Inf' ? Infinity : Number(le), count: window.increase });
  }
  return increases.length === 0 ? undefined : histogramQuantile(q, increases);
}

function latest(values: readonly number[]): number {
  const value = values.at(-1);
  return value === undefined || Number.isNaN(value) ? 0 : value;
}
