/**
 * The Metrics tab's pickers: the metric, for a histogram what to chart, a checkbox per label to group by and a
 * list per label (of those with more than one value) to keep one value. Drawn again when the catalogue changes;
 * the control that had the focus gets it back.
 */
import type { MetricCatalog, MetricCatalogEntry, MetricQuery } from '../../../runtime/types';
import type { LabStrings } from '../strings';

const SHOW = ['rate', 'p50', 'p90', 'p99'] as const;

export interface ControlsOptions {
  catalog: MetricCatalog;
  entry: MetricCatalogEntry;
  query: MetricQuery;
  strings: LabStrings;
  change(query: MetricQuery): void;
}

export function renderControls(host: HTMLElement, options: ControlsOptions): void {
  const { catalog, entry, query, strings: t, change } = options;
  const focused = host.contains(document.activeElement)
    ? (document.activeElement as HTMLElement).dataset['key']
    : undefined;
  const parts: HTMLElement[] = [];

  const metric = select(
    'metric',
    catalog.metrics.map((m) => [m.name, m.name]),
    query.metric,
  );
  metric.addEventListener('change', () => change({ ...query, metric: metric.value }));
  parts.push(field(t['lab.metrics.metric'], metric));

  if (entry.kind === 'histogram') {
    const show = select(
      'show',
      SHOW.map((s) => [s, t[`lab.metrics.show.${s}`]]),
      query.show ?? 'rate',
    );
    show.addEventListener('change', () => change({ ...query, show: show.value as (typeof SHOW)[number] }));
    parts.push(field(t['lab.metrics.show'], show));
  }

  const labels = Object.keys(entry.labels);
  const group = fieldset(t['lab.metrics.groupBy'], 'metrics-group');
  for (const label of labels) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset['key'] = `group:${label}`;
    box.checked = query.groupBy.includes(label);
    box.addEventListener('change', () =>
      change({
        ...query,
        groupBy: box.checked
          ? labels.filter((l) => l === label || query.groupBy.includes(l))
          : query.groupBy.filter((l) => l !== label),
      }),
    );
    const wrapper = document.createElement('label');
    wrapper.append(box, label);
    group.append(wrapper);
  }
  parts.push(group);

  const filters = fieldset(t['lab.metrics.filters'], 'metrics-filters');
  for (const label of labels) {
    const values = entry.labels[label]!;
    if (values.length < 2 && !(label in query.filters)) continue;
    const list = select(
      `filter:${label}`,
      [['', t['lab.metrics.any']], ...values.map((v): [string, string] => [v, v])],
      '',
    );
    // The first option is "(any)": a value of "" (a label the series lacks) is the other options' to pick.
    list.selectedIndex = label in query.filters ? values.indexOf(query.filters[label]!) + 1 : 0;
    list.addEventListener('change', () => {
      const rest = Object.fromEntries(Object.entries(query.filters).filter(([l]) => l !== label));
      change({
        ...query,
        filters: list.selectedIndex === 0 ? rest : { ...rest, [label]: values[list.selectedIndex - 1]! },
      });
    });
    filters.append(field(label, list));
  }
  parts.push(filters);

  host.replaceChildren(...parts);
  if (focused !== undefined) host.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function select(key: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
  const list = document.createElement('select');
  list.dataset['key'] = key;
  for (const [optionValue, text] of options) list.append(new Option(text, optionValue, false, optionValue === value));
  return list;
}

function field(name: string, control: HTMLElement): HTMLElement {
  const label = document.createElement('label');
  label.className = 'metrics-field';
  const text = document.createElement('span');
  text.textContent = name;
  label.append(text, control);
  return label;
}

function fieldset(legendText: string, className: string): HTMLFieldSetElement {
  const set = document.createElement('fieldset');
  set.className = className;
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  set.append(legend);
  return set;
}
