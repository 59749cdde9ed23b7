import { kindRef, type KubeEvent, type KubeObject, type ResourceType } from '../../index';
import { formatTable } from '../format/table';
import { ageIncluded, columnsFor } from './columns';
import type { Kubectl } from './context';

/** The header and one row per object of `kubectl get`'s table for one kind (the header first). */
export function tableRows(
  k: Kubectl,
  type: ResourceType,
  objects: KubeObject[],
  options: { wide: boolean; showKind: boolean },
): string[][] {
  if (type.kind === 'Event' && type.group === '') return eventRows(k, objects as KubeEvent[]);
  const columns = columnsFor(type);
  const allNamespaces = k.flags.bool('all-namespaces') && type.namespaced;
  const labelColumns = k.flags.strings('label-columns');
  const withAge = !ageIncluded(columns);
  const header = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    ...columns.headers,
    ...(withAge ? ['AGE'] : []),
    ...(options.wide ? (columns.wideHeaders ?? []) : []),
    // kubectl heads a label column with the key's last path segment: `-L ncloud.com/nks-nodepool` → NKS-NODEPOOL.
    ...labelColumns.map((l) => (l.split('/').at(-1) ?? l).toUpperCase()),
    ...(k.flags.bool('show-labels') ? ['LABELS'] : []),
  ];
  const ctx = { age: (t: string | undefined) => k.age(t), now: k.cluster.clock.now() };
  const rows = objects.map((o) => [
    ...(allNamespaces ? [o.metadata.namespace ?? ''] : []),
    options.showKind ? `${kindRef(type)}/${o.metadata.name}` : o.metadata.name,
    ...columns.cells(o, ctx),
    ...(withAge ? [k.age(o.metadata.creationTimestamp)] : []),
    ...(options.wide ? (columns.wideCells?.(o, ctx) ?? []) : []),
    ...labelColumns.map((l) => o.metadata.labels?.[l] ?? ''),
    ...(k.flags.bool('show-labels') ? [labelText(o.metadata.labels)] : []),
  ]);
  return [header, ...rows];
}

/** The table as kubectl prints it, honouring --no-headers. */
export function table(k: Kubectl, rows: string[][]): string {
  return formatTable(k.flags.bool('no-headers') ? rows.slice(1) : rows);
}

function labelText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '<none>' : entries.map(([key, value]) => `${key}=${value}`).join(',');
}

/** `kubectl get events` has no NAME column: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, oldest first. */
function eventRows(k: Kubectl, events: KubeEvent[]): string[][] {
  const allNamespaces = k.flags.bool('all-namespaces');
  const sorted = [...events].sort((a, b) =>
    a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0,
  );
  const rows = sorted.map((e) => [
    ...(allNamespaces ? [e.metadata.namespace ?? ''] : []),
    k.age(e.lastTimestamp),
    e.type,
    e.reason,
    `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    e.message,
  ]);
  const header = [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return [header, ...rows];
}
