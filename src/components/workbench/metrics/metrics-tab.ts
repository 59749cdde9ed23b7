/**
 * The workbench's Metrics tab: a metric and its labels picked from what the proxies expose (no query language),
 * its rate over time as a chart and its current values as a sortable table, read again every second while the
 * tab shows. The runtime scrapes and answers the queries (LabRuntime.metrics/metricCatalog); this module only
 * asks and shows.
 */
import type {
  LabRuntime,
  MetricCatalog,
  MetricCatalogEntry,
  MetricQuery,
  MetricQueryResult,
} from '../../../runtime/types';
import { format, type LabStrings } from '../strings';
import { renderChart } from './metrics-chart';
import { chartSpanMs, defaultQuery, fitQuery } from './metrics-model';
import { renderControls } from './metrics-controls';
import { renderTable } from './metrics-table';

export interface MetricsTab {
  /** The tab was shown: read now, and every second while it stays shown. */
  shown(): void;
}

const REFRESH_MS = 1000;

export function mountMetrics(root: HTMLElement, options: { runtime: LabRuntime; strings: LabStrings; locale: string }) {
  const { runtime, strings: t, locale } = options;
  const status = root.querySelector<HTMLElement>('[data-metrics-status]')!;
  const controls = root.querySelector<HTMLElement>('[data-metrics-controls]')!;
  const figure = root.querySelector<HTMLElement>('[data-metrics-chart]')!;
  const tableHost = root.querySelector<HTMLElement>('[data-metrics-table]')!;
  const panel = root.closest<HTMLElement>('[role="tabpanel"]');
  const ask = runtime.metrics?.bind(runtime);
  const catalogOf = runtime.metricCatalog?.bind(runtime);

  let query: MetricQuery | undefined;
  let catalog: MetricCatalog = { metrics: [], full: false };
  /** The catalogue the controls were drawn from: they are drawn again only when it changed (the focus stays). */
  let drawn = '';
  let sort = { column: 'rate', descending: true };
  let latest: MetricQueryResult | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let reading = false;

  // Read every second: a live region told the same words again would say them again.
  const say = (text: string) => {
    if (status.textContent !== text) status.textContent = text;
  };

  const change = (next: MetricQuery) => {
    query = next;
    drawn = '';
    void refresh();
  };

  const drawControls = (entry: MetricCatalogEntry) => {
    const key = JSON.stringify([catalog.metrics.map((m) => m.name), entry, query]);
    if (key === drawn) return;
    drawn = key;
    renderControls(controls, { catalog, entry, query: query!, strings: t, change });
  };

  const drawResult = (result: MetricQueryResult) => {
    latest = result;
    const entry = catalog.metrics.find((m) => m.name === query!.metric)!;
    const what =
      result.kind === 'histogram' ? t[`lab.metrics.show.${query!.show ?? 'rate'}`] : t['lab.metrics.col.rate'];
    const span = Math.round(chartSpanMs(result) / 1000);
    const summary = format(t['lab.metrics.chart'], { metric: entry.name, what, seconds: span });
    const unit =
      query!.show !== undefined && query!.show !== 'rate' ? t['lab.metrics.unit.ms'] : t['lab.metrics.unit.rate'];
    const { chart, legend } = renderChart(result, {
      unit,
      time: t['lab.metrics.time'],
      all: t['lab.metrics.all'],
      summary,
      locale,
    });
    const caption = document.createElement('figcaption');
    caption.textContent = summary;
    legend.setAttribute('aria-label', t['lab.metrics.legend']);
    figure.replaceChildren(caption, chart, legend);
    figure.hidden = result.series.length === 0;
    drawTable();
    const notes = [format(t['lab.metrics.status'], { count: result.series.length, window: result.windowMs / 1000 })];
    if (result.series.length === 0) notes.push(t['lab.metrics.none']);
    if (catalog.full) notes.push(t['lab.metrics.full']);
    say(notes.join(' '));
  };

  const drawTable = () => {
    if (latest === undefined || query === undefined) return;
    const table = renderTable(latest, {
      groupBy: query.groupBy,
      sort,
      strings: t,
      locale,
      resort: (next) => {
        sort = next;
        drawTable();
      },
    });
    // Redrawn every second: the column button that had the focus keeps it.
    const focused = tableHost.contains(document.activeElement)
      ? (document.activeElement as HTMLElement).dataset['sort']
      : undefined;
    tableHost.replaceChildren(table);
    if (focused !== undefined) tableHost.querySelector<HTMLElement>(`[data-sort="${CSS.escape(focused)}"]`)?.focus();
  };

  const refresh = async () => {
    if (ask === undefined || catalogOf === undefined) {
      say(t['lab.metrics.unavailable']);
      return;
    }
    if (reading) return;
    reading = true;
    try {
      catalog = await catalogOf();
      query ??= defaultQuery(catalog.metrics);
      const entry = query && catalog.metrics.find((m) => m.name === query!.metric);
      if (query === undefined || entry === undefined) {
        say(t['lab.metrics.empty']);
        figure.hidden = true;
        return;
      }
      query = fitQuery(query, entry);
      drawControls(entry);
      drawResult(await ask(query));
    } catch (error) {
      say(format(t['lab.metrics.failed'], { error: error instanceof Error ? error.message : String(error) }));
    } finally {
      reading = false;
    }
  };

  const tick = () => {
    if (panel?.hidden === true) {
      clearInterval(timer);
      timer = undefined;
      return;
    }
    void refresh();
  };

  return {
    shown() {
      void refresh();
      timer ??= setInterval(tick, REFRESH_MS);
    },
  } satisfies MetricsTab;
}
