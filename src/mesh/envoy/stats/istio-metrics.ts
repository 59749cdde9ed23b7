import type { PeerMetadata } from '../node';

/** Istio's default buckets for istio_request_duration_milliseconds. */
export const DURATION_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

interface Series {
  readonly labels: string;
  requests: number;
  /** Per bucket (not cumulative); the last one is above every bound. */
  readonly buckets: number[];
  sum: number;
}

/** The request's telemetry facts, as Istio's stats filter sees them at the end of a request. */
export interface RequestTelemetry {
  readonly reporter: 'source' | 'destination';
  readonly source: PeerMetadata | undefined;
  readonly destination: PeerMetadata | undefined;
  readonly destinationService: { host: string; name: string; namespace: string } | undefined;
  readonly responseCode: number;
  readonly responseFlags: string;
  readonly connectionSecurityPolicy: 'mutual_tls' | 'none' | 'unknown';
  readonly durationMs: number;
}

function q(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function peerLabels(prefix: 'source' | 'destination', p: PeerMetadata | undefined): string {
  if (p === undefined) {
    return `${prefix}_workload="unknown",${prefix}_workload_namespace="unknown",${prefix}_principal="unknown",${prefix}_app="unknown",${prefix}_version="unknown"`;
  }
  return (
    `${prefix}_workload=${q(p.workload)},${prefix}_workload_namespace=${q(p.namespace)},` +
    `${prefix}_principal=${q(p.principal === '' ? 'unknown' : `spiffe://${p.principal}`)},${prefix}_app=${q(p.app)},${prefix}_version=${q(p.version)}`
  );
}

/**
 * Istio's standard metrics, kept by the proxy that reports them (`reporter="source"` on the client
 * sidecar, `"destination"` on the server sidecar): istio_requests_total and
 * istio_request_duration_milliseconds, one series per distinct label set.
 */
interface PeerPair {
  readonly labels: string;
  /** By service host, then by code × policy, then by flags. */
  readonly byService: Map<string, Map<number, Map<string, Series>>>;
}

export class IstioMetrics {
  private readonly series: Series[] = [];
  private readonly pairs = new Map<PeerMetadata | undefined, Map<PeerMetadata | undefined, PeerPair>>();
  private readonly reporterPairs = {
    source: this.pairs,
    destination: new Map<PeerMetadata | undefined, Map<PeerMetadata | undefined, PeerPair>>(),
  };

  /** Nested maps keyed by objects and short strings: no long key is built per request. */
  record(t: RequestTelemetry): void {
    const byReporter = this.reporterPairs[t.reporter];
    let inner = byReporter.get(t.source);
    if (inner === undefined) {
      inner = new Map();
      byReporter.set(t.source, inner);
    }
    let pair = inner.get(t.destination);
    if (pair === undefined) {
      pair = {
        labels: `reporter=${q(t.reporter)},${peerLabels('source', t.source)},${peerLabels('destination', t.destination)}`,
        byService: new Map(),
      };
      inner.set(t.destination, pair);
    }
    const svc = t.destinationService;
    const svcKey = svc?.host ?? '';
    let outcomes = pair.byService.get(svcKey);
    if (outcomes === undefined) {
      outcomes = new Map();
      pair.byService.set(svcKey, outcomes);
    }
    const outcomeKey =
      t.responseCode * 4 +
      (t.connectionSecurityPolicy === 'mutual_tls' ? 1 : t.connectionSecurityPolicy === 'none' ? 2 : 0);
    let byFlags = outcomes.get(outcomeKey);
    if (byFlags === undefined) {
      byFlags = new Map();
      outcomes.set(outcomeKey, byFlags);
    }
    let s = byFlags.get(t.responseFlags);
    if (s === undefined) {
      const labels =
        `${pair.labels},destination_service=${q(svc?.host ?? 'unknown')},destination_service_name=${q(svc?.name ?? 'unknown')},` +
        `destination_service_namespace=${q(svc?.namespace ?? 'unknown')},request_protocol="http",` +
        `response_code="${t.responseCode}",response_flags=${q(t.responseFlags)},connection_security_policy="${t.connectionSecurityPolicy}"`;
      s = {
        labels: orderLabels(labels),
        requests: 0,
        buckets: new Array<number>(DURATION_BUCKETS_MS.length + 1).fill(0),
        sum: 0,
      };
      byFlags.set(t.responseFlags, s);
      this.series.push(s);
    }
    s.requests++;
    s.sum += t.durationMs;
    // Count in the first bucket that holds the value; cumulative counts are summed when printed.
    let i = 0;
    while (i < DURATION_BUCKETS_MS.length && t.durationMs > DURATION_BUCKETS_MS[i]!) i++;
    s.buckets[i]!++;
  }

  /** Prometheus text exposition of both metrics. */
  prometheus(): string {
    const all = [...this.series].sort((a, b) => (a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0));
    const lines: string[] = ['# TYPE istio_requests_total counter'];
    for (const s of all) lines.push(`istio_requests_total{${s.labels}} ${s.requests}`);
    lines.push('# TYPE istio_request_duration_milliseconds histogram');
    for (const s of all) {
      let cumulative = 0;
      DURATION_BUCKETS_MS.forEach((le, i) => {
        cumulative += s.buckets[i]!;
        lines.push(`istio_request_duration_milliseconds_bucket{${s.labels},le="${le}"} ${cumulative}`);
      });
      lines.push(`istio_request_duration_milliseconds_bucket{${s.labels},le="+Inf"} ${s.requests}`);
      lines.push(`istio_request_duration_milliseconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`istio_request_duration_milliseconds_count{${s.labels}} ${s.requests}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Total of istio_requests_total over series whose labels include every given `name="value"`. */
  requestsTotal(match: Record<string, string> = {}): number {
    const wanted = Object.entries(match).map(([k, v]) => `${k}=${q(v)}`);
    let total = 0;
    for (const s of this.series) {
      const parts = s.labels.split(/,(?=[a-z_]+=")/);
      if (wanted.every((w) => parts.includes(w))) total += s.requests;
    }
    return total;
  }
}

/** Label order as Istio prints it (the brief's list). */
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

function orderLabels(labels: string): string {
  const parts = labels.split(/,(?=[a-z_]+=")/);
  const byName = new Map(parts.map((p) => [p.slice(0, p.indexOf('=')), p]));
  return ORDER.map((n) => byName.get(n))
    .filter((p): p is string => p !== undefined)
    .join(',');
}
