import type { PeerMetadata } from '../node';
import {
  byLabels,
  emptyHistogram,
  histogramLines,
  observe,
  orderLabels,
  peerLabels,
  quote as q,
  serviceLabels,
  splitLabels,
  type HistogramCells,
} from './istio-labels';
import { TcpMetrics } from './tcp-metrics';

interface Series {
  readonly labels: string;
  requests: number;
  readonly duration: HistogramCells;
  readonly requestBytes: HistogramCells;
  readonly responseBytes: HistogramCells;
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
  /** Body sizes, as Istio's metrics reference defines istio_request_bytes / istio_response_bytes. */
  readonly requestBytes: number;
  readonly responseBytes: number;
}

interface PeerPair {
  readonly labels: string;
  /** By service host, then by code × policy, then by flags. */
  readonly byService: Map<string, Map<number, Map<string, Series>>>;
}

/**
 * Istio's standard metrics, kept by the proxy that reports them (`reporter="source"` on the client
 * sidecar, `"destination"` on the server sidecar): for HTTP istio_requests_total and the duration, request
 * size and response size histograms, one series per distinct label set; for TCP the connection and byte
 * counters of `tcp`.
 */
export class IstioMetrics {
  readonly tcp = new TcpMetrics();
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
        `${pair.labels},${serviceLabels(svc)},request_protocol="http",` +
        `response_code="${t.responseCode}",response_flags=${q(t.responseFlags)},connection_security_policy="${t.connectionSecurityPolicy}"`;
      s = {
        labels: orderLabels(labels),
        requests: 0,
        duration: emptyHistogram(),
        requestBytes: emptyHistogram(),
        responseBytes: emptyHistogram(),
      };
      byFlags.set(t.responseFlags, s);
      this.series.push(s);
    }
    s.requests++;
    observe(s.duration, t.durationMs);
    observe(s.requestBytes, t.requestBytes);
    observe(s.responseBytes, t.responseBytes);
  }

  /**
   * Prometheus text exposition, as Envoy orders it: counters, then histograms, each by name. The HTTP metrics
   * are always listed (the stats filter declares them); the TCP counters once a connection has been seen.
   */
  prometheus(): string {
    const all = byLabels(this.series);
    const lines: string[] = ['# TYPE istio_requests_total counter'];
    for (const s of all) lines.push(`istio_requests_total{${s.labels}} ${s.requests}`);
    this.tcp.prometheus(lines);
    const histograms = [
      ['istio_request_bytes', 'requestBytes'],
      ['istio_request_duration_milliseconds', 'duration'],
      ['istio_response_bytes', 'responseBytes'],
    ] as const;
    for (const [name, field] of histograms) {
      lines.push(`# TYPE ${name} histogram`);
      for (const s of all) histogramLines(lines, name, s.labels, s[field], s.requests);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Total of istio_requests_total over series whose labels include every given `name="value"`. */
  requestsTotal(match: Record<string, string> = {}): number {
    const wanted = Object.entries(match).map(([k, v]) => `${k}=${q(v)}`);
    let total = 0;
    for (const s of this.series) {
      const parts = splitLabels(s.labels);
      if (wanted.every((w) => parts.includes(w))) total += s.requests;
    }
    return total;
  }
}
