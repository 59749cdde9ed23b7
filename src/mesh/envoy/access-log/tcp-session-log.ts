import type { Connection, HttpRequest, HttpResponse, PeerInfo } from '../../net';
import { isByteStream } from '../../net';
import { formatIsoTime } from '../admin/time-format';
import { formatResponseFlags } from '../stream-info';
import type { AccessLogger } from './access-loggers';
import type { AccessLogRecord } from './log-record';

/** What a TCP proxy's session log needs from the proxy: its clock and who it is. */
export interface TcpLogContext {
  readonly clock: { now(): number };
  readonly epochMs: number;
  readonly hostname: string;
}

/**
 * The bytes one exchange puts on the wire. A byte stream is its bytes; an HTTP request relayed inside a TLS
 * session counts as its HTTP/1.1 encoding (the simulation has no record framing, so TLS's own bytes are left out).
 */
export function requestBytes(request: HttpRequest): number {
  if (isByteStream(request)) return request.body.length;
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${request.authority}\r\n`;
  for (const [k, v] of Object.entries(request.headers)) head += `${k}: ${v}\r\n`;
  return head.length + 2 + request.body.length;
}

export function responseBytes(request: HttpRequest, response: HttpResponse): number {
  if (isByteStream(request)) return response.body.length;
  let head = `HTTP/1.1 ${response.status} \r\n`;
  for (const [k, v] of Object.entries(response.headers)) head += `${k}: ${v}\r\n`;
  return head.length + 2 + response.body.length;
}

/**
 * One downstream connection through envoy.filters.network.tcp_proxy, as its access loggers see it when it closes:
 * no request line (`"- - -"`, response code 0), the bytes each way, how long it was open, the upstream host and
 * cluster, and the SNI the client asked for.
 */
export class TcpSessionLog {
  private readonly start: number;
  private bytesReceived = 0;
  private bytesSent = 0;
  private flags = 0;
  private upstreamHost = '-';
  private upstreamCluster = '-';
  private upstreamLocalAddress = '-';
  private finished = false;

  constructor(
    private readonly loggers: readonly AccessLogger[],
    private readonly ctx: TcpLogContext,
    private readonly peer: PeerInfo,
    private readonly serverName: string | undefined,
  ) {
    this.start = ctx.clock.now();
  }

  upstream(cluster: string, host: string | undefined): void {
    this.upstreamCluster = cluster;
    if (host !== undefined) this.upstreamHost = host;
  }

  /** The upstream connection is open: its two ends (a DNS cluster's host shows as the address it resolved to). */
  connected(connection: Connection): void {
    this.upstreamHost = `${connection.remoteAddress}:${connection.remotePort}`;
    this.upstreamLocalAddress = `${connection.localAddress}:${connection.localPort ?? 0}`;
  }

  fail(flagBits: number): void {
    this.flags |= flagBits;
  }

  exchanged(request: HttpRequest, response: HttpResponse): void {
    this.bytesReceived += requestBytes(request);
    this.bytesSent += responseBytes(request, response);
  }

  /** The connection closed: each logger writes its line, once. */
  finish(): void {
    if (this.finished || this.loggers.length === 0) return;
    this.finished = true;
    const record = this.record();
    for (const logger of this.loggers) logger.log(record);
  }

  private record(): AccessLogRecord {
    const peer = this.peer;
    const local = peer.originalDestination ?? { address: peer.localAddress, port: peer.localPort };
    const now = this.ctx.clock.now();
    return {
      startTime: formatIsoTime(this.ctx.epochMs, this.start),
      method: '',
      path: '',
      protocol: '',
      requestHeaders: {},
      responseHeaders: {},
      authority: '',
      responseCode: 0,
      responseFlags: formatResponseFlags(this.flags),
      responseCodeDetails: '-',
      bytesReceived: this.bytesReceived,
      bytesSent: this.bytesSent,
      durationMs: Math.round(now - this.start),
      upstreamHost: this.upstreamHost,
      upstreamCluster: this.upstreamCluster,
      upstreamLocalAddress: this.upstreamLocalAddress,
      downstreamLocalAddress: `${local.address}:${local.port}`,
      downstreamRemoteAddress: `${peer.remoteAddress}:${peer.remotePort ?? 0}`,
      requestedServerName: this.serverName ?? peer.tls?.serverName ?? '-',
      routeName: '-',
      attemptCount: 1,
      downstreamPeerUriSan: peer.tls?.peerIdentity ?? '-',
      downstreamLocalUriSan: peer.tls?.localIdentity ?? '-',
      hostname: this.ctx.hostname,
    };
  }
}
