/**
 * The Metrics tab's arithmetic, apart from the DOM: what each chart axis shows, each group's colour and name, and
 * the table's order.
 */
import type { MetricCatalogEntry, MetricCurrent, MetricQuery, MetricQueryResult } from '../../../runtime/types';

/**
 * Okabe and Ito's palette (without its black and yellow, too faint on one theme or the other): told apart with
 * every common colour-vision deficiency. Past eight groups the colours repeat with a dashed line.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#882255', '#44AA99'];

export function seriesStyle(index: number): { colour: string; dashed: boolean } {
  return { colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!, dashed: index >= SERIES_COLOURS.length };
}

/** A group's name: its labels as `name=value`, or null for the one group of a query grouped by nothing. */
export function groupName(labels: Record<string, string>): string | null {
  const parts = Object.entries(labels).map(([label, value]) => `${label}=${value === '' ? '""' : value}`);
  return parts.length === 0 ? null : parts.join(', ');
}

/** Up to five round steps from 0 that reach `max` (1, 2 or 5 times a power of ten). */
export function valueTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks = [];
  for (let value = 0; value < max + step; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** How far back the chart reaches: to the oldest point, and at least one rate window's ten seconds. */
export function chartSpanMs(result: MetricQueryResult): number {
  let oldest = result.now;
  for (const series of result.series) oldest = Math.min(oldest, series.points[0]?.[0] ?? oldest);
  return Math.max(10_000, result.now - oldest);
}

/** Seconds before now for the time axis: every minute over five minutes, else every 10 or 30 seconds. */
export function timeTicks(spanMs: number): number[] {
  const step = spanMs > 120_000 ? 60_000 : spanMs > 40_000 ? 30_000 : 10_000;
  const ticks = [];
  for (let ago = 0; ago <= spanMs; ago += step) ticks.push(ago);
  return ticks;
}

/** The metric the tab opens on: Istio's request counter when the mesh has carried requests. */
export function defaultQuery(metrics: readonly MetricCatalogEntry[]): MetricQuery | undefined {
  const first = metrics.find((m) => m.name === 'istio_requests_total') ?? metrics[0];
  if (first === undefined) return undefined;
  return {
    metric: first.name,
    groupBy: 'destination_workload' in first.labels ? ['destination_workload'] : [],
    filters: {},
  };
}

/**
 * The query kept valid for the catalogue: a label the metric does not have is neither grouped by nor filtered
 * on (its values went with their pods).
 */
export function fitQuery(query: MetricQuery, entry: MetricCatalogEntry): MetricQuery {
  const filters = Object.fromEntries(Object.entries(query.filters).filter(([label]) => label in entry.labels));
  const fitted: MetricQuery = {
    metric: query.metric,
    groupBy: query.groupBy.filter((l) => l in entry.labels),
    filters,
  };
  if (entry.kind === 'histogram' && query.show !== undefined) fitted.show = query.show;
  return fitted;
}

export type SortKey = { column: string; descending: boolean };

/** The table's rows in the order asked: a label column by its text (numbers as numbers), a value by size. */
export function sortRows(rows: readonly MetricCurrent[], sort: SortKey): MetricCurrent[] {
  const value = (row: MetricCurrent): string | number => {
    if (sort.column in row.labels) return row.labels[sort.column]!;
    const number = row[sort.column as 'rate' | 'total' | 'p50' | 'p90' | 'p99'];
    return number ?? -Infinity;
  };
  const compare = (a: MetricCurrent, b: MetricCurrent) => {
    const [x, y] = [value(a), value(b)];
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), undefined, { numeric: true });
    return sort.descending ? -order : order;
  };
  return [...rows].sort(compare);
}

/** A rate or a duration as the page's language writes numbers: up to three significant digits after the point. */
export function formatValue(value: number, locale: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}
