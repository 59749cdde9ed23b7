import type { MetricCatalog, MetricKind } from '../types';

/** How much history the Metrics tab can draw: five minutes of scrapes. */
export const RETENTION_MS = 300_000;
/**
 * At most this many series are kept (each holds one number per scrape of the retention): a lab's mesh has a few
 * hundred that ever move; past the bound new series are left out and the catalogue says it is incomplete.
 */
export const MAX_SERIES = 4000;

/** One series as Prometheus would store it: the scraped pod's `namespace` and `pod` added to its own labels. */
export interface StoredSeries {
  /** Counters by their name; a histogram's `_bucket` and `_count` lines by theirs (the base name is `histogram`). */
  readonly name: string;
  readonly histogram: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** One value per scrape in `times` (NaN where the series was not scraped: before it moved, after its pod went). */
  readonly values: number[];
}

/** A scrape target: the pod's Prometheus text, as its proxy's admin endpoint `/stats/prometheus` gives it. */
export interface Scrape {
  namespace: string;
  pod: string;
  text: string;
}

const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The samples of every counter and histogram the proxies expose, scrape by scrape, for the last RETENTION_MS.
 * Gauges are left out (the tab draws rates). A counter is kept from the first scrape it is above zero — one that
 * never moved has no rate to draw, and Envoy exposes hundreds of them — counting from zero at the scrape before,
 * as the mesh graph does; a histogram's buckets are kept all, since quantiles need every bound.
 */
export class MetricsStore {
  readonly times: number[] = [];
  /** By pod and the line's `name{labels}`. */
  private readonly series = new Map<string, StoredSeries>();
  private readonly kinds = new Map<string, MetricKind>();
  private refused = false;

  constructor(private readonly limits = { retentionMs: RETENTION_MS, maxSeries: MAX_SERIES }) {}

  ingest(scrapes: readonly Scrape[], now: number): void {
    this.times.push(now);
    const length = this.times.length;
    for (const { namespace, pod, text } of scrapes) this.ingestText(text, `${namespace}/${pod}`, { namespace, pod });
    for (const stored of this.series.values()) if (stored.values.length < length) stored.values.push(NaN);
    this.trim(now);
  }

  all(): Iterable<StoredSeries> {
    return this.series.values();
  }

  kindOf(metric: string): MetricKind | undefined {
    return this.kinds.get(metric);
  }

  catalog(): MetricCatalog {
    const byMetric = new Map<string, Map<string, Set<string>>>();
    for (const stored of this.series.values()) {
      const metric = stored.histogram ?? stored.name;
      const labels = byMetric.get(metric) ?? new Map<string, Set<string>>();
      byMetric.set(metric, labels);
      for (const [label, value] of Object.entries(stored.labels)) {
        if (label === 'le') continue;
        const values = labels.get(label) ?? new Set<string>();
        values.add(value);
        labels.set(label, values);
      }
    }
    const metrics = [...byMetric]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, labels]) => ({
        name,
        kind: this.kinds.get(name) ?? 'counter',
        labels: Object.fromEntries(
          [...labels].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => [label, [...values].sort()]),
        ),
      }));
    return { metrics, full: this.refused };
  }

  private ingestText(text: string, target: string, added: { namespace: string; pod: string }): void {
    const length = this.times.length;
    // Samples follow their metric's TYPE line: a gauge's (a third of Envoy's lines) are passed over unread.
    let kept = true;
    for (const line of text.split('\n')) {
      if (line.startsWith('# TYPE ')) {
        const [, , name, type] = line.split(' ');
        kept = type === 'counter' || type === 'histogram';
        if (name !== undefined && kept) this.kinds.set(name, type as MetricKind);
        continue;
      }
      if (!kept || line === '' || line.startsWith('#')) continue;
      const space = line.lastIndexOf(' ');
      const head = line.slice(0, space);
      const value = Number(line.slice(space + 1));
      const key = `${target}|${head}`;
      const known = this.series.get(key);
      if (known !== undefined) {
        known.values.push(value);
        continue;
      }
      const brace = head.indexOf('{');
      const name = brace < 0 ? head : head.slice(0, brace);
      const histogram = this.histogramOf(name);
      if (histogram === undefined && this.kinds.get(name) !== 'counter') continue;
      if (histogram === undefined && !(value > 0)) continue;
      if (this.series.size >= this.limits.maxSeries) {
        this.refused = true;
        continue;
      }
      const labels: Record<string, string> = { ...added };
      if (brace >= 0) for (const [, label, text] of head.slice(brace).matchAll(LABEL)) labels[label!] = text!;
      const values = new Array<number>(length - 1).fill(NaN);
      // It moved since the scrape before (or its pod is new): it counts from zero there.
      if (length > 1) values[length - 2] = 0;
      values.push(value);
      this.series.set(key, { name, histogram, labels, values });
    }
  }

  /** The histogram a `_bucket` or `_count` line belongs to (its `_sum` is not kept: the tab shows no means). */
  private histogramOf(name: string): string | undefined {
    for (const suffix of ['_bucket', '_count']) {
      if (!name.endsWith(suffix)) continue;
      const base = name.slice(0, -suffix.length);
      if (this.kinds.get(base) === 'histogram') return base;
    }
    return undefined;
  }

  private trim(now: number): void {
    let drop = 0;
    while (drop < this.times.length - 1 && this.times[drop]! < now - this.limits.retentionMs) drop++;
    if (drop === 0) return;
    this.times.splice(0, drop);
    for (const [key, stored] of this.series) {
      stored.values.splice(0, drop);
      // Its pod is gone (or its proxy): nothing of it is left to draw.
      if (Number.isNaN(stored.values.at(-1)) && stored.values.every(Number.isNaN)) this.series.delete(key);
    }
  }
}
