import type { HttpResponse } from '../../net';
import type { ActiveStream } from '../http/active-stream';
import { formatResponseFlags } from '../stream-info';
import { formatIsoTime } from '../admin/time-format';

/**
 * What one finished request leaves for the access loggers (Envoy's StreamInfo plus the request and response
 * headers): every command operator and CEL attribute reads from here.
 */
export interface AccessLogRecord {
  readonly startTime: string;
  readonly method: string;
  readonly path: string;
  readonly protocol: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly authority: string;
  readonly responseCode: number;
  readonly responseFlags: string;
  readonly responseCodeDetails: string;
  /** Why the upstream's transport socket failed (a TLS error), when it did. */
  readonly upstreamTransportFailureReason?: string | undefined;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly durationMs: number;
  /** `-` when no upstream was chosen. */
  readonly upstreamHost: string;
  readonly upstreamCluster: string;
  readonly upstreamLocalAddress: string;
  readonly downstreamLocalAddress: string;
  readonly downstreamRemoteAddress: string;
  /** The SNI the downstream connection asked for (Istio's mTLS: `outbound_.8000_._.httpbin...`). */
  readonly requestedServerName: string;
  readonly routeName: string;
  readonly attemptCount: number;
  readonly downstreamPeerUriSan: string;
  readonly downstreamLocalUriSan: string;
  readonly hostname: string;
}

export function accessLogRecord(
  stream: ActiveStream,
  response: HttpResponse,
  epochMs: number,
  hostname: string,
): AccessLogRecord {
  const req = stream.request;
  const peer = stream.peer;
  const local = peer.originalDestination ?? { address: peer.localAddress, port: peer.localPort };
  return {
    startTime: formatIsoTime(epochMs, stream.startTime),
    method: req.method,
    path: req.path,
    protocol: 'HTTP/1.1',
    requestHeaders: req.headers,
    responseHeaders: response.headers,
    authority: req.authority,
    responseCode: response.status,
    responseFlags: formatResponseFlags(stream.flags),
    responseCodeDetails: stream.responseCodeDetails,
    upstreamTransportFailureReason: stream.upstreamTransportFailureReason,
    bytesReceived: req.body.length,
    bytesSent: response.body.length,
    durationMs: Math.round(stream.endTime - stream.startTime),
    upstreamHost: stream.upstreamHostKey,
    upstreamCluster: stream.clusterName === '' ? '-' : stream.clusterName,
    upstreamLocalAddress: stream.upstreamLocalAddress,
    downstreamLocalAddress: `${local.address}:${local.port}`,
    downstreamRemoteAddress: `${peer.remoteAddress}:${peer.remotePort ?? 0}`,
    requestedServerName: peer.tls?.serverName ?? peer.tlsSession?.serverName ?? '-',
    routeName: stream.route?.name || '-',
    attemptCount: stream.attemptCount,
    downstreamPeerUriSan: peer.tls?.peerIdentity ?? '-',
    downstreamLocalUriSan: peer.tls?.localIdentity ?? '-',
    hostname,
  };
}
