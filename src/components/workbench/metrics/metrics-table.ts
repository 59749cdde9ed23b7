/**
 * The Metrics tab's table: one row per group with its labels, its rate over the window, its total and, for a
 * histogram, its quantiles; each column header a button that sorts by it (again: the other way), with aria-sort.
 */
import type { MetricQueryResult } from '../../../runtime/types';
import { format, type LabStrings } from '../strings';
import { formatValue, seriesStyle, sortRows, type SortKey } from './metrics-model';

export interface TableOptions {
  groupBy: readonly string[];
  sort: SortKey;
  strings: LabStrings;
  locale: string;
  resort(sort: SortKey): void;
}

export function renderTable(result: MetricQueryResult, options: TableOptions): HTMLTableElement {
  const { groupBy, sort, strings: t, locale } = options;
  const values =
    result.kind === 'histogram' ? (['rate', 'total', 'p50', 'p90', 'p99'] as const) : (['rate', 'total'] as const);
  const table = document.createElement('table');
  table.className = 'metrics-table';
  const caption = table.createCaption();
  caption.textContent = format(t['lab.metrics.table'], { window: result.windowMs / 1000 });
  const head = table.createTHead().insertRow();
  const columns: Array<[string, string]> = [
    ...groupBy.map((label): [string, string] => [label, label]),
    ...values.map((value): [string, string] => [value, t[`lab.metrics.col.${value}`]]),
  ];
  for (const [column, name] of columns) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    if (column === sort.column) cell.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['sort'] = column;
    button.title = format(t['lab.metrics.sort'], { column: name });
    button.textContent = name;
    // The arrow is for the eye; a screen reader hears aria-sort, and the button keeps the column's name.
    if (column === sort.column) button.append(arrow(sort.descending ? ' ▼' : ' ▲'));
    button.addEventListener('click', () =>
      options.resort({ column, descending: column === sort.column ? !sort.descending : column in VALUE_COLUMNS }),
    );
    cell.append(button);
    head.append(cell);
  }
  // A row's colour is its series' in the chart (the query's order), whatever order the table is sorted in.
  const colourOf = new Map(result.series.map((series, index) => [JSON.stringify(series.labels), seriesStyle(index)]));
  const body = table.createTBody();
  for (const row of sortRows(result.current, sort)) {
    const line = body.insertRow();
    const style = colourOf.get(JSON.stringify(row.labels));
    if (style !== undefined) line.style.setProperty('--metrics-colour', style.colour);
    for (const label of groupBy) {
      const cell = document.createElement('th');
      cell.scope = 'row';
      cell.textContent = row.labels[label] ?? '';
      line.append(cell);
    }
    for (const value of values) {
      const number = row[value];
      line.insertCell().textContent = number === undefined ? '–' : formatValue(number, locale);
    }
  }
  return table;
}

function arrow(text: string): HTMLElement {
  const mark = document.createElement('span');
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = text;
  return mark;
}

/** Value columns sort the biggest first on the first click; label columns from A. */
const VALUE_COLUMNS = { rate: true, total: true, p50: true, p90: true, p99: true };
