import type { L4MatchAttributes, RouteDestination, TCPRoute } from '../model/istio-api';
import type { ServiceModel } from '../model/services';
import type { VirtualServiceConfig } from '../model/snapshot';
import { resolveGatewayName } from '../model/snapshot';
import { selectorMatches } from '../model/labels';
import { getDestinationCluster } from './route';
import type { TcpTarget } from './tcp-proxy';

/** Who is asking: a sidecar (`mesh`) or gateways, with the proxy's labels and namespace for source matches. */
export interface TcpRouteContext {
  readonly gatewayNames: ReadonlySet<string>;
  readonly proxyLabels: Readonly<Record<string, string>>;
  readonly proxyNamespace: string;
  readonly serviceByHost: ReadonlyMap<string, ServiceModel>;
}

/**
 * Istio's L4 match for one listener port: a match's port (if set) is the port, its source labels and
 * namespace fit the proxy, and its gateways (else the VirtualService's) include the proxy's.
 */
function l4MatchFits(match: L4MatchAttributes, vs: VirtualServiceConfig, port: number, ctx: TcpRouteContext): boolean {
  if (match.port !== undefined && match.port !== port) return false;
  if (!selectorMatches(match.sourceLabels, ctx.proxyLabels)) return false;
  if (match.sourceNamespace !== undefined && match.sourceNamespace !== ctx.proxyNamespace) return false;
  const gateways =
    match.gateways === undefined || match.gateways.length === 0
      ? vs.gateways
      : match.gateways.map((g) => resolveGatewayName(g, vs.meta.namespace));
  return gateways.some((g) => ctx.gatewayNames.has(g));
}

function routeFits(route: TCPRoute, vs: VirtualServiceConfig, port: number, ctx: TcpRouteContext): boolean {
  const matches = route.match ?? [];
  return matches.length === 0 || matches.some((m) => l4MatchFits(m, vs, port, ctx));
}

/** One destination: its cluster; several: weighted clusters, a 0 weight dropped (as for HTTP routes). */
function targetOf(destinations: readonly RouteDestination[], port: number, ctx: TcpRouteContext): TcpTarget {
  const cluster = (d: RouteDestination): string =>
    getDestinationCluster(d.destination, ctx.serviceByHost.get(d.destination.host), port);
  if (destinations.length === 1) return { cluster: cluster(destinations[0]!) };
  return {
    weighted: destinations.filter((d) => (d.weight ?? 0) > 0).map((d) => ({ name: cluster(d), weight: d.weight ?? 0 })),
  };
}

/**
 * Where the TCP routes of these VirtualServices (in precedence order) send a connection on `port`: the first
 * route that fits wins. Undefined when none fits.
 */
export function tcpRouteTarget(
  virtualServices: readonly VirtualServiceConfig[],
  port: number,
  ctx: TcpRouteContext,
): TcpTarget | undefined {
  for (const vs of virtualServices) {
    for (const route of vs.spec.tcp ?? []) {
      if ((route.route ?? []).length === 0 || !routeFits(route, vs, port, ctx)) continue;
      return targetOf(route.route ?? [], port, ctx);
    }
  }
  return undefined;
}
