/**
 * The Metrics tab's line chart, drawn by hand in SVG (a few lines over a time axis need no chart library, and the
 * page's first script stays small): one path per group in its colour, a value axis with the unit, a time axis in
 * seconds before the latest scrape, and a legend that names each colour. The table beside it holds the numbers
 * for a screen reader; the chart itself is one image with a summary.
 */
import type { MetricQueryResult } from '../../../runtime/types';
import { chartSpanMs, formatValue, groupName, seriesStyle, timeTicks, valueTicks } from './metrics-model';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const PLOT = { left: 56, right: 12, top: 12, bottom: 36 };
/** A series not scraped for longer than this has a gap in its line (its pod went, or came later). */
const GAP_MS = 3_000;

export interface ChartWords {
  /** The value axis' unit (`req/s`, `ms`). */
  unit: string;
  /** The time axis' title. */
  time: string;
  /** The name of the one group of a query grouped by nothing. */
  all: string;
  /** The image's summary for a screen reader. */
  summary: string;
  locale: string;
}

export function renderChart(
  result: MetricQueryResult,
  words: ChartWords,
): { chart: SVGSVGElement; legend: HTMLElement } {
  const svg = element('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'metrics-svg' });
  svg.setAttribute('aria-label', words.summary);
  const span = chartSpanMs(result);
  const highest = Math.max(0, ...result.series.flatMap((s) => s.points.map(([, v]) => v)));
  const ticks = valueTicks(highest);
  const top = ticks.at(-1)!;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (t: number) => PLOT.left + plotWidth * (1 - (result.now - t) / span);
  const y = (v: number) => PLOT.top + plotHeight * (1 - v / top);

  for (const tick of ticks) {
    svg.append(
      element('line', { x1: PLOT.left, x2: WIDTH - PLOT.right, y1: y(tick), y2: y(tick), class: 'metrics-grid' }),
    );
    svg.append(text(formatValue(tick, words.locale), { x: PLOT.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }));
  }
  for (const ago of timeTicks(span)) {
    const label = ago === 0 ? '0' : `−${ago / 1000}`;
    svg.append(text(label, { x: x(result.now - ago), y: HEIGHT - PLOT.bottom + 16, 'text-anchor': 'middle' }));
  }
  svg.append(text(words.time, { x: PLOT.left + plotWidth / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }));
  const unit = text(words.unit, { x: 12, y: PLOT.top + plotHeight / 2, 'text-anchor': 'middle' });
  unit.setAttribute('transform', `rotate(-90 12 ${PLOT.top + plotHeight / 2})`);
  svg.append(unit);

  const legend = document.createElement('ul');
  legend.className = 'metrics-legend';
  result.series.forEach((series, index) => {
    const { colour, dashed } = seriesStyle(index);
    let d = '';
    let previous: number | undefined;
    for (const [t, v] of series.points) {
      d += `${previous === undefined || t - previous > GAP_MS ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
      previous = t;
    }
    const path = element('path', { d, stroke: colour, class: 'metrics-line' });
    if (dashed) path.setAttribute('stroke-dasharray', '6 3');
    svg.append(path);
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'metrics-swatch';
    swatch.style.borderColor = colour;
    if (dashed) swatch.style.borderStyle = 'dashed';
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, groupName(series.labels) ?? words.all);
    legend.append(item);
  });
  return { chart: svg, legend };
}

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function text(content: string, attributes: Record<string, string | number>): SVGTextElement {
  const node = element('text', { ...attributes, class: 'metrics-axis' });
  node.textContent = content;
  return node;
}
