import type { CelActivation } from './cel';
import type { AccessLogRecord } from './log-record';

function splitAddress(address: string): { address: string; port: number } | undefined {
  const m = /^(.*):(\d+)$/.exec(address);
  return m === null ? undefined : { address: m[1]!, port: Number(m[2]) };
}

/**
 * Envoy's CEL attributes for a finished request (the `request`, `response`, `source`, `destination`,
 * `connection`, `upstream` and `xds` vocabularies), as far as the simulated stream knows them. An attribute
 * the stream has no value for is left out, so reading it is an error and `has()` says false.
 */
export function celActivation(r: AccessLogRecord): CelActivation {
  const source = splitAddress(r.downstreamRemoteAddress);
  const destination = splitAddress(r.downstreamLocalAddress);
  const upstream = splitAddress(r.upstreamHost);
  const headers = r.requestHeaders;
  return {
    request: {
      path: r.path,
      url_path: r.path.split('?')[0] ?? r.path,
      host: r.authority,
      scheme: 'http',
      method: r.method,
      headers: { ...headers },
      protocol: r.protocol,
      size: r.bytesReceived,
      ...(headers['user-agent'] !== undefined && { useragent: headers['user-agent'] }),
      ...(headers['x-request-id'] !== undefined && { id: headers['x-request-id'] }),
      ...(headers['referer'] !== undefined && { referer: headers['referer'] }),
    },
    response: {
      code: r.responseCode,
      code_details: r.responseCodeDetails,
      headers: { ...r.responseHeaders },
      size: r.bytesSent,
    },
    ...(source !== undefined && { source }),
    ...(destination !== undefined && { destination }),
    connection: {
      mtls: r.downstreamPeerUriSan !== '-',
      ...(r.requestedServerName !== '-' && { requested_server_name: r.requestedServerName }),
      ...(r.downstreamPeerUriSan !== '-' && { uri_san_peer_certificate: r.downstreamPeerUriSan }),
    },
    ...(upstream !== undefined && { upstream }),
    xds: {
      ...(r.upstreamCluster !== '-' && { cluster_name: r.upstreamCluster }),
      ...(r.routeName !== '-' && { route_name: r.routeName }),
    },
  };
}
