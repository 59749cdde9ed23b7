import type { HttpResponse } from '../../../net';
import type { ActiveStream } from '../../http/active-stream';
import type { HttpFilter } from '../../http/filter';
import { type PeerMetadata, decodePeerMetadata, PEER_METADATA_HEADER } from '../../node';
import type { IstioMetrics } from '../../stats/istio-metrics';
import { formatResponseFlags } from '../../stream-info';
import type { UpstreamCluster } from '../../upstream/upstream-cluster';
import type { UpstreamHost } from '../../upstream/host';

const unknownPrincipalPeers = new Map<string, PeerMetadata>();

/** A peer known only by its mTLS certificate: the principal, and nothing of its workload. */
export function principalOnly(principal: string): PeerMetadata {
  let p = unknownPrincipalPeers.get(principal);
  if (p === undefined) {
    p = { workload: 'unknown', namespace: 'unknown', app: 'unknown', version: 'unknown', principal };
    unknownPrincipalPeers.set(principal, p);
  }
  return p;
}

/**
 * istio.stats: one istio_requests_total / duration / request and response size sample per finished request, labelled by both peers:
 * the downstream's from its peer metadata (or its mTLS principal) on the inbound side, the upstream's from
 * the metadata its sidecar returned (or the endpoint's EDS metadata) on the outbound side.
 */
export class IstioStatsFilter implements HttpFilter {
  constructor(
    private readonly metrics: IstioMetrics,
    private readonly localPeer: PeerMetadata,
    private readonly inbound: boolean,
  ) {}

  onStreamComplete(stream: ActiveStream, response: HttpResponse): void {
    const cluster = stream.upstreamCluster;
    const service = cluster?.service ?? serviceFromAuthority(stream.request.authority);
    const flags = formatResponseFlags(stream.flags);
    const durationMs = stream.endTime - stream.startTime;
    const requestBytes = stream.request.body.length;
    const responseBytes = response.body.length;
    if (this.inbound) {
      const tls = stream.peer.tls;
      let source = decodePeerMetadata(stream.request.headers[PEER_METADATA_HEADER]);
      if (source === undefined && tls !== undefined)
        source = principalOnly(tls.peerIdentity.replace(/^spiffe:\/\//, ''));
      this.metrics.record({
        reporter: 'destination',
        source,
        destination: this.localPeer,
        destinationService: service,
        responseCode: response.status,
        responseFlags: flags,
        connectionSecurityPolicy: tls !== undefined ? 'mutual_tls' : 'none',
        durationMs,
        requestBytes,
        responseBytes,
      });
      return;
    }
    let destination = decodePeerMetadata(stream.upstreamPeerMetadata);
    if (destination === undefined && stream.upstreamHost !== undefined && cluster !== undefined) {
      destination = endpointPeer(cluster, stream.upstreamHost);
    }
    this.metrics.record({
      reporter: 'source',
      source: this.localPeer,
      destination,
      destinationService: service,
      responseCode: response.status,
      responseFlags: flags,
      connectionSecurityPolicy: 'unknown',
      durationMs,
      requestBytes,
      responseBytes,
    });
  }
}

const endpointPeers = new WeakMap<object, PeerMetadata>();

/** Workload facts from EDS metadata, for an upstream without a sidecar to tell us. */
export function endpointPeer(cluster: UpstreamCluster, host: UpstreamHost): PeerMetadata | undefined {
  const info = cluster.endpoint(host);
  if (info === undefined || info.workload === undefined) return undefined;
  let p = endpointPeers.get(info);
  if (p === undefined) {
    p = {
      workload: info.workload,
      namespace: info.namespace ?? 'unknown',
      app: info.app ?? 'unknown',
      version: info.version ?? 'unknown',
      principal: '',
    };
    endpointPeers.set(info, p);
  }
  return p;
}

const services = new Map<string, { host: string; name: string; namespace: string }>();

/** The destination service named by a Host header (memoised by the header value: no regex per request). */
function serviceFromAuthority(authority: string): { host: string; name: string; namespace: string } {
  let s = services.get(authority);
  if (s === undefined) {
    const host = authority.replace(/:\d+$/, '');
    const parts = host.split('.');
    s = {
      host,
      name: parts[0] ?? host,
      namespace: parts.length > 2 && parts[2] === 'svc' ? (parts[1] ?? 'unknown') : 'unknown',
    };
    if (services.size > 10_000) services.clear();
    services.set(authority, s);
  }
  return s;
}
