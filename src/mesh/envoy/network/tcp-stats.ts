import type { HttpRequest, HttpResponse, PeerInfo } from '../../net';
import { endpointPeer, principalOnly } from '../filters/istio-stats/stats-filter';
import type { HcmContext } from '../http/connection-manager';
import { decodePeerMetadata, PEER_METADATA_HEADER, type PeerMetadata } from '../node';
import type { TcpSeries } from '../stats/tcp-metrics';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { UpstreamHost } from '../upstream/host';

type Service = { host: string; name: string; namespace: string };

/** Clusters Istio's stats filter names as the destination service themselves, having no service behind them. */
const CATCH_ALL_CLUSTERS = new Map<string, Service>(
  ['BlackHoleCluster', 'PassthroughCluster', 'InboundPassthroughCluster'].map((name) => [
    name,
    { host: 'unknown', name, namespace: 'unknown' },
  ]),
);

/**
 * istio.stats as a network filter in front of tcp_proxy: the sidecars exchange workload metadata over the mesh's
 * mTLS connection (Istio's TCP metadata exchange, which rides the handshake's ALPN — so never with a plaintext
 * peer), and each side counts the connection once under reporter source (outbound) or destination (inbound).
 */
export class TcpStatsFilter {
  constructor(
    private readonly ctx: HcmContext,
    readonly inbound: boolean,
  ) {}

  /** Outbound: the request as sent upstream, carrying this proxy's metadata when the upstream is mesh mTLS. */
  offer(request: HttpRequest, meshTls: boolean): HttpRequest {
    if (!meshTls || !this.ctx.metadataExchange) return request;
    return { ...request, headers: { ...request.headers, [PEER_METADATA_HEADER]: this.ctx.localPeerHeader } };
  }

  /** Either side: the peer's metadata read off what arrived, and that message without it. */
  take<T extends HttpRequest | HttpResponse>(message: T): { message: T; peer: PeerMetadata | undefined } {
    const header = message.headers[PEER_METADATA_HEADER];
    if (header === undefined) return { message, peer: undefined };
    const headers = { ...message.headers };
    delete headers[PEER_METADATA_HEADER];
    return { message: { ...message, headers }, peer: decodePeerMetadata(header) };
  }

  /** Inbound: the reply answers a sidecar that offered its metadata with this proxy's own. */
  answer(reply: HttpResponse, offered: boolean): HttpResponse {
    if (!offered || !this.ctx.metadataExchange) return reply;
    return { ...reply, headers: { ...reply.headers, [PEER_METADATA_HEADER]: this.ctx.localPeerHeader } };
  }

  /** The connection's series, once its peers and outcome are known. */
  series(
    tcpPeer: PeerInfo,
    remote: PeerMetadata | undefined,
    clusterName: string | undefined,
    cluster: UpstreamCluster | undefined,
    host: UpstreamHost | undefined,
    flags: string,
  ): TcpSeries {
    const service = cluster?.service ?? (clusterName === undefined ? undefined : CATCH_ALL_CLUSTERS.get(clusterName));
    if (this.inbound) {
      const tls = tcpPeer.tls;
      const source =
        remote ?? (tls === undefined ? undefined : principalOnly(tls.peerIdentity.replace(/^spiffe:\/\//, '')));
      return this.ctx.metrics.tcp.seriesFor({
        reporter: 'destination',
        source,
        destination: this.ctx.localPeer,
        destinationService: service,
        responseFlags: flags,
        connectionSecurityPolicy: tls !== undefined ? 'mutual_tls' : 'none',
      });
    }
    const destination =
      remote ?? (cluster !== undefined && host !== undefined ? endpointPeer(cluster, host) : undefined);
    return this.ctx.metrics.tcp.seriesFor({
      reporter: 'source',
      source: this.ctx.localPeer,
      destination,
      destinationService: service,
      responseFlags: flags,
      connectionSecurityPolicy: 'unknown',
    });
  }
}
