import type { Cluster, HttpConnectionManager, Listener } from '../../xds/index';

type Refusal = (message: string) => Error;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * What Envoy's cluster manager refuses when it builds static clusters: a STATIC cluster takes IP addresses
 * only (a name needs a DNS cluster), and a LOGICAL_DNS cluster exactly one endpoint (the name it resolves).
 */
export function checkStaticClusters(clusters: readonly Cluster[], refuse: Refusal): void {
  for (const cluster of clusters) {
    const localities = cluster.load_assignment?.endpoints ?? [];
    const endpoints = localities.flatMap((l) => l.lb_endpoints);
    if (cluster.type === 'LOGICAL_DNS' && (localities.length !== 1 || endpoints.length !== 1))
      throw refuse('LOGICAL_DNS clusters must have a single locality_lb_endpoint and a single lb_endpoint');
    if (cluster.type !== 'STATIC') continue;
    for (const { endpoint } of endpoints) {
      const address = endpoint.address.socket_address.address;
      if (!IPV4.test(address) && !address.includes(':'))
        throw refuse(
          `malformed IP address: ${address}. Consider setting resolver_name or setting cluster type to 'STRICT_DNS' or 'LOGICAL_DNS'`,
        );
    }
  }
}

/**
 * An inline route table checks that each route's cluster exists (`validate_clusters` defaults to true for
 * it), so a route to a cluster nobody defined stops Envoy at startup instead of answering 503 later.
 */
export function checkRouteClusters(listeners: readonly Listener[], known: ReadonlySet<string>, refuse: Refusal): void {
  for (const listener of listeners) {
    for (const chain of [
      ...listener.filter_chains,
      ...(listener.default_filter_chain ? [listener.default_filter_chain] : []),
    ]) {
      for (const filter of chain.filters) {
        const table = (filter.typed_config as HttpConnectionManager | undefined)?.route_config;
        if (table === undefined || table.validate_clusters === false) continue;
        for (const route of table.virtual_hosts.flatMap((host) => host.routes)) {
          const action = route.route;
          if (action?.cluster !== undefined && !known.has(action.cluster))
            throw refuse(`route: unknown cluster '${action.cluster}'`);
          for (const weighted of action?.weighted_clusters?.clusters ?? []) {
            if (!known.has(weighted.name)) throw refuse(`route: unknown weighted cluster '${weighted.name}'`);
          }
        }
      }
    }
  }
}
