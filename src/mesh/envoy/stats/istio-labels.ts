import type { PeerMetadata } from '../node';

/**
 * Envoy's default histogram buckets. Istio's stats filter sets none of its own, so every Istio histogram —
 * request duration (ms) and request/response size (bytes) alike — is bucketed by these bounds.
 */
export const DEFAULT_HISTOGRAM_BUCKETS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

/** One Istio histogram series: per-bucket counts (not cumulative; the last is above every bound) and the sum. */
export interface HistogramCells {
  readonly buckets: number[];
  sum: number;
}

export function emptyHistogram(): HistogramCells {
  return { buckets: new Array<number>(DEFAULT_HISTOGRAM_BUCKETS.length + 1).fill(0), sum: 0 };
}

/** Counts one value in the first bucket that holds it; cumulative counts are summed when printed. */
export function observe(h: HistogramCells, value: number): void {
  h.sum += value;
  let i = 0;
  while (i < DEFAULT_HISTOGRAM_BUCKETS.length && value > DEFAULT_HISTOGRAM_BUCKETS[i]!) i++;
  h.buckets[i]!++;
}

/** A histogram's `_bucket`, `_sum` and `_count` lines in Prometheus text. */
export function histogramLines(lines: string[], name: string, labels: string, h: HistogramCells, count: number): void {
  let cumulative = 0;
  DEFAULT_HISTOGRAM_BUCKETS.forEach((le, i) => {
    cumulative += h.buckets[i]!;
    lines.push(`${name}_bucket{${labels},le="${le}"} ${cumulative}`);
  });
  lines.push(`${name}_bucket{${labels},le="+Inf"} ${count}`);
  lines.push(`${name}_sum{${labels}} ${h.sum}`);
  lines.push(`${name}_count{${labels}} ${count}`);
}

export function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function peerLabels(prefix: 'source' | 'destination', p: PeerMetadata | undefined): string {
  if (p === undefined) {
    return `${prefix}_workload="unknown",${prefix}_workload_namespace="unknown",${prefix}_principal="unknown",${prefix}_app="unknown",${prefix}_version="unknown"`;
  }
  return (
    `${prefix}_workload=${quote(p.workload)},${prefix}_workload_namespace=${quote(p.namespace)},` +
    `${prefix}_principal=${quote(p.principal === '' ? 'unknown' : `spiffe://${p.principal}`)},${prefix}_app=${quote(p.app)},${prefix}_version=${quote(p.version)}`
  );
}

/** The destination service labels; `unknown` where the proxy could not tell. */
export function serviceLabels(svc: { host: string; name: string; namespace: string } | undefined): string {
  return (
    `destination_service=${quote(svc?.host ?? 'unknown')},destination_service_name=${quote(svc?.name ?? 'unknown')},` +
    `destination_service_namespace=${quote(svc?.namespace ?? 'unknown')}`
  );
}

/** Label order as Istio prints it (the brief's list); a TCP series simply lacks response_code. */
const ORDER = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'request_protocol',
  'response_code',
  'response_flags',
  'connection_security_policy',
];

export function splitLabels(labels: string): string[] {
  return labels.split(/,(?=[a-z_]+=")/);
}

export function orderLabels(labels: string): string {
  const byName = new Map(splitLabels(labels).map((p) => [p.slice(0, p.indexOf('=')), p]));
  return ORDER.map((n) => byName.get(n))
    .filter((p): p is string => p !== undefined)
    .join(',');
}

/** Sorted copy by label text, so the exposition is stable whatever order series were created in. */
export function byLabels<T extends { readonly labels: string }>(series: readonly T[]): T[] {
  return [...series].sort((a, b) => (a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0));
}
