import type { PeerMetadata } from '../node';
import { byLabels, orderLabels, peerLabels, quote, serviceLabels } from './istio-labels';

/** A TCP connection's telemetry facts, as Istio's stats network filter sees them once it knows the peer. */
export interface ConnectionTelemetry {
  readonly reporter: 'source' | 'destination';
  readonly source: PeerMetadata | undefined;
  readonly destination: PeerMetadata | undefined;
  readonly destinationService: { host: string; name: string; namespace: string } | undefined;
  readonly responseFlags: string;
  readonly connectionSecurityPolicy: 'mutual_tls' | 'none' | 'unknown';
}

/** The four TCP counters of one label set; a connection holds its series and adds to it directly. */
export interface TcpSeries {
  readonly labels: string;
  opened: number;
  closed: number;
  sent: number;
  received: number;
}

type ByPeer<T> = Map<PeerMetadata | undefined, Map<PeerMetadata | undefined, T>>;

const TCP_COUNTERS = [
  ['istio_tcp_connections_closed_total', 'closed'],
  ['istio_tcp_connections_opened_total', 'opened'],
  ['istio_tcp_received_bytes_total', 'received'],
  ['istio_tcp_sent_bytes_total', 'sent'],
] as const;

/**
 * Istio's TCP metrics: istio_tcp_connections_opened_total / _closed_total and istio_tcp_sent_bytes_total /
 * _received_bytes_total, labelled like the HTTP ones but with request_protocol="tcp" and no response_code.
 * The series is looked up once per connection (nested maps keyed by peer objects), not per byte exchanged.
 */
export class TcpMetrics {
  private readonly series: TcpSeries[] = [];
  private readonly byReporter = { source: new Map(), destination: new Map() } as Record<
    'source' | 'destination',
    ByPeer<Map<string, TcpSeries>>
  >;

  seriesFor(t: ConnectionTelemetry): TcpSeries {
    const bySource = this.byReporter[t.reporter];
    let byDestination = bySource.get(t.source);
    if (byDestination === undefined) {
      byDestination = new Map();
      bySource.set(t.source, byDestination);
    }
    let byOutcome = byDestination.get(t.destination);
    if (byOutcome === undefined) {
      byOutcome = new Map();
      byDestination.set(t.destination, byOutcome);
    }
    const key = `${t.destinationService?.host ?? ''}|${t.destinationService?.name ?? ''}|${t.responseFlags}|${t.connectionSecurityPolicy}`;
    let s = byOutcome.get(key);
    if (s === undefined) {
      const labels =
        `reporter=${quote(t.reporter)},${peerLabels('source', t.source)},${peerLabels('destination', t.destination)},` +
        `${serviceLabels(t.destinationService)},request_protocol="tcp",response_flags=${quote(t.responseFlags)},` +
        `connection_security_policy="${t.connectionSecurityPolicy}"`;
      s = { labels: orderLabels(labels), opened: 0, closed: 0, sent: 0, received: 0 };
      byOutcome.set(key, s);
      this.series.push(s);
    }
    return s;
  }

  /** The four counters in Prometheus text, nothing at all before the first TCP connection (as Envoy). */
  prometheus(lines: string[]): void {
    if (this.series.length === 0) return;
    const all = byLabels(this.series);
    for (const [name, field] of TCP_COUNTERS) {
      lines.push(`# TYPE ${name} counter`);
      for (const s of all) lines.push(`${name}{${s.labels}} ${s[field]}`);
    }
  }
}
