import type {
  DownstreamTlsContext,
  FilterChain,
  HttpConnectionManager as HcmConfig,
  Listener,
  NetworkRbac,
  TcpProxy,
} from '../../xds/index';
import { FILTER_NAME } from '../../xds/index';
import { HttpConnectionManager, type HcmContext } from '../http/connection-manager';
import { cidrContains } from '../cidr-range';
import { NetworkRbacFilter } from '../network/network-rbac';
import { TcpStatsFilter } from '../network/tcp-stats';
import { TcpProxyFilter } from '../network/tcp-proxy';
import { downstreamTlsSettings, type DownstreamTlsSettings } from './tls-termination';

/** A filter chain ready to serve: its match criteria and its HTTP connection manager. */
export interface ActiveFilterChain {
  readonly name: string;
  readonly destinationPort: number | undefined;
  readonly prefixRanges: ReadonlyArray<{ prefix: string; len: number }>;
  readonly transportProtocol: string | undefined;
  /** SNI names the chain matches (`*.example.com` wildcards included); empty: any. */
  readonly serverNames: readonly string[];
  /** ALPN / sniffed protocols the chain matches (`http/1.1`, `istio-http/1.1`, …); empty: any. */
  readonly applicationProtocols: readonly string[];
  /** Serves HTTP requests: the chain's own HCM, or for a tcp_proxy chain one that relays each request as is. */
  readonly hcm: HttpConnectionManager;
  /** A tcp_proxy chain's relay for byte streams (a TLS connection passes through its cluster whole). */
  readonly tcpProxy: TcpProxyFilter | undefined;
  /** The connection-level RBAC filter in front of the chain's terminal filter. */
  readonly networkRbac: NetworkRbacFilter | undefined;
  /** SDS secret with our certificate when the chain terminates mTLS. */
  readonly tlsCertificateSecret: string | undefined;
  /** The chain's DownstreamTlsContext, when it terminates TLS. */
  readonly downstreamTls: DownstreamTlsSettings | undefined;
}

/** tcp_proxy for an HTTP request: relay it as is to the proxy's cluster, or one of its weighted clusters. */
function relayConfig(tcp: TcpProxy): HcmConfig {
  const weighted = tcp.weighted_clusters;
  const action = weighted === undefined ? { cluster: tcp.cluster ?? '' } : { weighted_clusters: weighted };
  return {
    stat_prefix: tcp.stat_prefix,
    route_config: {
      name: '',
      virtual_hosts: [{ name: 'tcp_proxy', domains: ['*'], routes: [{ match: { prefix: '' }, route: action }] }],
    },
    http_filters: [{ name: FILTER_NAME.router }],
  };
}

function compileChain(chain: FilterChain, listener: Listener, ctx: HcmContext): ActiveFilterChain {
  const m = chain.filter_chain_match;
  const hcmFilter = chain.filters.find((f) => f.name === FILTER_NAME.httpConnectionManager);
  const tcp = chain.filters.find((f) => f.name === FILTER_NAME.tcpProxy)?.typed_config as TcpProxy | undefined;
  const hcmConfig = hcmFilter !== undefined ? (hcmFilter.typed_config as HcmConfig) : relayConfig(tcp!);
  const rbac = chain.filters.find((f) => f.name === FILTER_NAME.networkRbac)?.typed_config as NetworkRbac | undefined;
  const tls =
    chain.transport_socket?.name === FILTER_NAME.tls
      ? (chain.transport_socket.typed_config as DownstreamTlsContext)
      : undefined;
  const downstreamTls = tls === undefined ? undefined : downstreamTlsSettings(tls);
  return {
    name: chain.name ?? '',
    destinationPort: m?.destination_port,
    prefixRanges: (m?.prefix_ranges ?? []).map((r) => ({ prefix: r.address_prefix, len: r.prefix_len ?? 32 })),
    transportProtocol: m?.transport_protocol,
    serverNames: m?.server_names ?? [],
    applicationProtocols: m?.application_protocols ?? [],
    hcm: new HttpConnectionManager(hcmConfig, listener.traffic_direction, ctx, {
      listener: listener.name,
      filterChain: chain.name ?? '',
    }),
    tcpProxy:
      hcmFilter === undefined && tcp !== undefined
        ? new TcpProxyFilter(
            tcp,
            ctx,
            chain.filters.some((f) => f.name === FILTER_NAME.istioStats)
              ? new TcpStatsFilter(ctx, listener.traffic_direction === 'INBOUND')
              : undefined,
          )
        : undefined,
    networkRbac: rbac === undefined ? undefined : new NetworkRbacFilter(rbac, ctx.stats),
    tlsCertificateSecret: downstreamTls?.certificateSecret,
    downstreamTls,
  };
}

/** Envoy's server_names: an exact name, or `*.example.com` for any name under it. */
function serverNameMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  return p.startsWith('*.') ? n.endsWith(p.slice(1)) : p === n;
}

/**
 * A listener (Envoy: ListenerImpl + FilterChainManager). Chooses the filter chain for a connection the way
 * Envoy does, most specific first at each step: destination port, then destination IP (longest prefix),
 * then server name (SNI), then transport protocol (`tls` / `raw_buffer`).
 */
export class ListenerImpl {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly bindToPort: boolean;
  readonly useOriginalDst: boolean;
  readonly chains: readonly ActiveFilterChain[];
  readonly defaultChain: ActiveFilterChain | undefined;
  /** port → destination address → chain per (transport, application protocol) slot (null: none). */
  private readonly cache = new Map<number, Map<string, Array<ActiveFilterChain | null | undefined>>>();

  constructor(
    readonly xds: Listener,
    ctx: HcmContext,
  ) {
    this.name = xds.name;
    this.address = xds.address.socket_address.address;
    this.port = xds.address.socket_address.port_value;
    this.bindToPort = xds.bind_to_port !== false;
    this.useOriginalDst = xds.use_original_dst === true;
    this.chains = xds.filter_chains.map((c) => compileChain(c, xds, ctx));
    this.defaultChain =
      xds.default_filter_chain === undefined ? undefined : compileChain(xds.default_filter_chain, xds, ctx);
  }

  /** The first certificate secret any chain terminates TLS with (decides how the port is bound). */
  get tlsCertificateSecret(): string | undefined {
    for (const c of this.chains) if (c.tlsCertificateSecret !== undefined) return c.tlsCertificateSecret;
    return this.defaultChain?.tlsCertificateSecret;
  }

  /**
   * `http`: whether the connection carries HTTP (what http_inspector or the ALPN Istio's client sidecar sets
   * would say); a byte stream finds the chains without application_protocols. Undefined (a TLS hello relayed
   * whole): application protocols are not looked at.
   */
  selectChain(
    destAddress: string,
    destPort: number,
    tls: boolean,
    serverName?: string,
    http?: boolean,
  ): ActiveFilterChain | undefined {
    // SNI varies per connection: chains are chosen afresh for a TLS hello rather than cached.
    if (serverName !== undefined) return this.computeChain(destAddress, destPort, tls, serverName, http);
    let byAddress = this.cache.get(destPort);
    if (byAddress === undefined) {
      byAddress = new Map();
      this.cache.set(destPort, byAddress);
    }
    let slots = byAddress.get(destAddress);
    if (slots === undefined) {
      if (byAddress.size > 1024) byAddress.clear();
      slots = [];
      byAddress.set(destAddress, slots);
    }
    const slot = (tls ? 1 : 0) + (http === undefined ? 0 : http ? 2 : 4);
    const cached = slots[slot];
    if (cached !== undefined) return cached ?? undefined;
    const chosen = this.computeChain(destAddress, destPort, tls, undefined, http);
    slots[slot] = chosen ?? null;
    return chosen;
  }

  private computeChain(
    destAddress: string,
    destPort: number,
    tls: boolean,
    serverName?: string,
    http?: boolean,
  ): ActiveFilterChain | undefined {
    let candidates = this.chains.filter((c) => c.destinationPort === undefined || c.destinationPort === destPort);
    if (candidates.some((c) => c.destinationPort === destPort))
      candidates = candidates.filter((c) => c.destinationPort === destPort);
    const prefixLen = (c: ActiveFilterChain): number => {
      if (c.prefixRanges.length === 0) return -1;
      let best = -2;
      for (const r of c.prefixRanges) if (cidrContains(r.prefix, r.len, destAddress) && r.len > best) best = r.len;
      return best;
    };
    candidates = candidates.filter((c) => prefixLen(c) !== -2);
    const longest = Math.max(-1, ...candidates.map(prefixLen));
    candidates = candidates.filter((c) => prefixLen(c) === longest);
    const sniMatch = (c: ActiveFilterChain): boolean =>
      serverName !== undefined && c.serverNames.some((n) => serverNameMatches(n, serverName));
    candidates = candidates.filter((c) => c.serverNames.length === 0 || sniMatch(c));
    if (candidates.some(sniMatch)) candidates = candidates.filter(sniMatch);
    const proto = tls ? 'tls' : 'raw_buffer';
    candidates = candidates.filter((c) => c.transportProtocol === undefined || c.transportProtocol === proto);
    if (candidates.some((c) => c.transportProtocol === proto))
      candidates = candidates.filter((c) => c.transportProtocol === proto);
    if (http !== undefined) {
      const offered = connectionProtocols(tls, http);
      const appMatch = (c: ActiveFilterChain): boolean => c.applicationProtocols.some((p) => offered.includes(p));
      candidates = candidates.filter((c) => c.applicationProtocols.length === 0 || appMatch(c));
      if (candidates.some(appMatch)) candidates = candidates.filter(appMatch);
    }
    return candidates[0] ?? this.defaultChain;
  }
}

/**
 * The application protocols a connection presents: plaintext HTTP is what http_inspector detects; through
 * mutual TLS, the ALPN Istio's client sidecar offers (`istio-http/1.1` for HTTP, `istio-peer-exchange` for TCP).
 */
function connectionProtocols(tls: boolean, http: boolean): readonly string[] {
  if (!tls) return http ? ['http/1.1'] : [];
  return http ? ['istio-http/1.1', 'istio'] : ['istio-peer-exchange', 'istio'];
}
