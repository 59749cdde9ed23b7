import type { FilterChain, NetworkFilter, TcpProxy } from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';

/** Where a tcp_proxy sends connections: one cluster, or several shared by weight. */
export type TcpTarget =
  { readonly cluster: string } | { readonly weighted: ReadonlyArray<{ name: string; weight: number }> };

export function tcpProxyFilter(target: TcpTarget, statPrefix: string): NetworkFilter {
  const config: TcpProxy & { '@type': string } = {
    '@type': TYPE_URL.tcpProxy,
    stat_prefix: statPrefix,
    ...('cluster' in target
      ? { cluster: target.cluster }
      : { weighted_clusters: { clusters: target.weighted.map((c) => ({ ...c })) } }),
  };
  return { name: FILTER_NAME.tcpProxy, typed_config: config };
}

/** Istio's stats filter as a network filter: it counts the TCP metrics of every connection the chain relays. */
function tcpStatsFilter(): NetworkFilter {
  return { name: FILTER_NAME.istioStats, typed_config: { '@type': TYPE_URL.istioStats } };
}

/**
 * A chain that relays the connection (Envoy's tcp_proxy), after any connection-level filters (network RBAC)
 * and Istio's stats filter.
 * Istio names the stat prefix after the cluster, or the service's `outbound|port||host` for weighted ones.
 */
export function tcpProxyChain(
  target: TcpTarget,
  statPrefix: string,
  extra: Omit<FilterChain, 'filters'> & { readonly before?: readonly NetworkFilter[] } = {},
): FilterChain {
  const { before = [], ...chain } = extra;
  return { ...chain, filters: [...before, tcpStatsFilter(), tcpProxyFilter(target, statPrefix)] };
}
