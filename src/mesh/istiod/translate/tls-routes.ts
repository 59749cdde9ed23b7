import type { Destination, TLSMatchAttributes } from '../model/istio-api';
import type { MeshSnapshot, VirtualServiceConfig } from '../model/snapshot';
import { hostMatches } from '../model/host';
import { buildSubsetKey } from './names';

/**
 * Whether a VirtualService `tls` match applies to a connection on `port` at `gateway` (`mesh` for
 * sidecars): the match's own `gateways` narrow the VirtualService's.
 */
function matchApplies(vs: VirtualServiceConfig, match: TLSMatchAttributes, gateway: string, port: number): boolean {
  const gateways = match.gateways?.map((g) => (g === 'mesh' || g.includes('/') ? g : `${vs.meta.namespace}/${g}`));
  if (!(gateways ?? vs.gateways).includes(gateway)) return false;
  return match.port === undefined || match.port === port;
}

/** `outbound|443|cnn|istio-egressgateway.istio-system.svc.cluster.local` for a route's first destination. */
export function tlsDestinationCluster(destination: Destination, port: number): string {
  return buildSubsetKey('outbound', destination.subset ?? '', destination.host, destination.port?.number ?? port);
}

/**
 * The SNI names and cluster of each `tls` route match of VirtualServices bound to `gateway` on `port`
 * (Istio's TLS routes: matched on SNI without terminating, the connection passes through whole).
 */
export function tlsRoutesAt(
  snapshot: MeshSnapshot,
  gateway: string,
  port: number,
): { readonly sniHosts: readonly string[]; readonly cluster: string }[] {
  const out: { sniHosts: string[]; cluster: string }[] = [];
  for (const vs of snapshot.virtualServices) {
    for (const route of vs.spec.tls ?? []) {
      const destination = route.route?.[0]?.destination;
      if (destination === undefined) continue;
      for (const match of route.match)
        if (matchApplies(vs, match, gateway, port))
          out.push({ sniHosts: match.sniHosts, cluster: tlsDestinationCluster(destination, port) });
    }
  }
  return out;
}

/** The cluster a sidecar's TLS route sends `host:port` to, when a VirtualService bound to `mesh` has one. */
export function meshTlsRouteCluster(snapshot: MeshSnapshot, host: string, port: number): string | undefined {
  return tlsRoutesAt(snapshot, 'mesh', port).find((r) => r.sniHosts.some((sni) => hostMatches(sni, host)))?.cluster;
}
