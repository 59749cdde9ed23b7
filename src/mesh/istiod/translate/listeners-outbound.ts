import type { FilterChain, HttpFilter, Listener } from '../../xds';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { hostMatches } from '../model/host';
import { isHttpOrSniffed } from '../model/services';
import {
  ads,
  BLACKHOLE_CLUSTER,
  buildSubsetKey,
  PASSTHROUGH_CLUSTER,
  VIRTUAL_OUTBOUND_LISTENER,
  VIRTUAL_OUTBOUND_PORT,
} from './names';
import { faultFilter, hcmTracing, httpFilterChain, routerFilter, statsFilter } from './hcm';
import { meshVirtualServices } from './outbound-routes';
import { tcpProxyChain } from './tcp-proxy';
import { tcpRouteTarget } from './tcp-routes';
import { meshTlsRouteCluster } from './tls-routes';

/** The HTTP filters of a sidecar's outbound listeners: faults are injected on the caller's side. */
export function outboundHttpFilters(): HttpFilter[] {
  return [faultFilter(), statsFilter(), routerFilter()];
}

/**
 * `virtualOutbound` (0.0.0.0:15001): iptables sends every outgoing connection here and
 * `use_original_dst` hands it to the listener for its original port; a destination no listener has falls
 * through to PassthroughCluster (ALLOW_ANY) or BlackHoleCluster (REGISTRY_ONLY).
 */
export function buildVirtualOutboundListener(snapshot: MeshSnapshot): Listener {
  const cluster = fallthroughCluster(snapshot);
  return {
    name: VIRTUAL_OUTBOUND_LISTENER,
    address: { socket_address: { address: '0.0.0.0', port_value: VIRTUAL_OUTBOUND_PORT } },
    use_original_dst: true,
    traffic_direction: 'OUTBOUND',
    filter_chains: [],
    default_filter_chain: tcpProxyChain({ cluster }, cluster, { name: 'PassthroughFilterChain' }),
  };
}

function fallthroughCluster(snapshot: MeshSnapshot): string {
  return snapshot.meshConfig.outboundTrafficPolicy === 'REGISTRY_ONLY' ? BLACKHOLE_CLUSTER : PASSTHROUGH_CLUSTER;
}

/**
 * `0.0.0.0_443`: TLS and HTTPS ports of services without an address (a ServiceEntry with `resolution: DNS`
 * or `NONE` and no `addresses`) share one listener per port, a filter chain per host matched by SNI; any
 * other name falls through to PassthroughCluster or BlackHoleCluster, as on virtualOutbound.
 */
export function buildOutboundSniListeners(snapshot: MeshSnapshot): Listener[] {
  const chainsByPort = new Map<number, FilterChain[]>();
  for (const svc of snapshot.services) {
    if (svc.address !== undefined) continue;
    for (const p of svc.ports) {
      if (p.protocol !== 'TLS' && p.protocol !== 'HTTPS') continue;
      const cluster =
        meshTlsRouteCluster(snapshot, svc.hostname, p.port) ?? buildSubsetKey('outbound', '', svc.hostname, p.port);
      const chain = tcpProxyChain({ cluster }, cluster);
      chain.filter_chain_match = { server_names: [svc.hostname] };
      chainsByPort.set(p.port, [...(chainsByPort.get(p.port) ?? []), chain]);
    }
  }
  const fallthrough = fallthroughCluster(snapshot);
  return [...chainsByPort].map(([port, chains]) => ({
    name: `0.0.0.0_${port}`,
    address: { socket_address: { address: '0.0.0.0', port_value: port } },
    bind_to_port: false,
    traffic_direction: 'OUTBOUND',
    filter_chains: chains,
    default_filter_chain: tcpProxyChain({ cluster: fallthrough }, fallthrough, { name: 'PassthroughFilterChain' }),
  }));
}

/**
 * `10.96.0.30_5432`: a TCP service port (named `tcp-…`, `mongo`, `redis`, …) gets a listener on its
 * ClusterIP that relays connections (no HTTP routing) to where the service's VirtualService `tcp` routes say —
 * one cluster or weighted subsets — else to `outbound|<port>||<host>`.
 */
export function buildOutboundTcpListeners(snapshot: MeshSnapshot, proxy: ProxyInfo): Listener[] {
  const out: Listener[] = [];
  const ctx = {
    gatewayNames: new Set(['mesh']),
    proxyLabels: proxy.workload.labels,
    proxyNamespace: proxy.workload.namespace,
    serviceByHost: snapshot.serviceByHost,
  };
  const meshServices = meshVirtualServices(snapshot);
  for (const svc of snapshot.services) {
    if (svc.address === undefined) continue;
    for (const p of svc.ports) {
      if (isHttpOrSniffed(p.protocol) || p.protocol === 'UDP') continue;
      const serviceCluster = buildSubsetKey('outbound', '', svc.hostname, p.port);
      const routed = meshServices.filter((vs) => vs.hosts.some((h) => hostMatches(h, svc.hostname)));
      const target = tcpRouteTarget(routed, p.port, ctx) ?? { cluster: serviceCluster };
      out.push({
        name: `${svc.address}_${p.port}`,
        address: { socket_address: { address: svc.address, port_value: p.port } },
        bind_to_port: false,
        traffic_direction: 'OUTBOUND',
        filter_chains: [tcpProxyChain(target, 'cluster' in target ? target.cluster : serviceCluster)],
      });
    }
  }
  return out;
}

/** `0.0.0.0_9080`: not bound, reached through virtualOutbound; its routes come over RDS as `9080`. */
export function buildOutboundPortListener(snapshot: MeshSnapshot, port: number, httpFilters: HttpFilter[]): Listener {
  return {
    name: `0.0.0.0_${port}`,
    address: { socket_address: { address: '0.0.0.0', port_value: port } },
    bind_to_port: false,
    traffic_direction: 'OUTBOUND',
    filter_chains: [
      httpFilterChain({
        stat_prefix: `outbound_0.0.0.0_${port}`,
        rds: { route_config_name: String(port), config_source: ads() },
        http_filters: httpFilters,
        ...hcmTracing(snapshot.meshConfig),
        use_remote_address: false,
      }),
    ],
  };
}
