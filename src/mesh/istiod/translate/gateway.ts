import type { FilterChain, HttpFilter, Listener, Route, RouteConfiguration, VirtualHost } from '../../xds';
import type { Server } from '../model/istio-api';
import type { GatewayConfig, MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { hostMatches } from '../model/host';
import { resolveTargetPort } from '../model/services';
import { selectorMatches } from '../model/labels';
import { ads } from './names';
import { hcmTracing, httpFilterChain } from './hcm';
import { buildHTTPRoutesForVirtualService } from './route';
import { isCatchAllRoute } from './route-match';
import { routeContextFor } from './outbound-routes';
import { gatewayDownstreamTls, passthroughChains, serverKind, sniMatch } from './gateway-tls';
import { tlsTransportSocket } from './tls';

/** Gateways whose selector picks this gateway pod (Istio gateways from any namespace, as by default). */
export function gatewaysForProxy(snapshot: MeshSnapshot, proxy: ProxyInfo): GatewayConfig[] {
  return snapshot.gateways.filter((g) => {
    if (g.gatewaySemantics && g.meta.namespace !== proxy.workload.namespace) return false;
    const selector = g.spec.selector ?? {};
    return Object.keys(selector).length > 0 && selectorMatches(selector, proxy.workload.labels);
  });
}

export interface GatewayServer {
  readonly gateway: GatewayConfig;
  readonly server: Server;
}

/**
 * One port a gateway pod listens on, and the Gateway servers bound to it. Servers whose ports map to the
 * same pod port (80 through the Service's targetPort 8080, and 8080 itself) share one listener, as Istio
 * merges them by the port they bind; plain HTTP servers also share one route configuration.
 */
export interface GatewayPort {
  /** The first bound server's port: what the virtual host names carry (`bookinfo.example.com:80`). */
  readonly serverPort: number;
  /** A Service port of the gateway maps to its targetPort (istio-ingressgateway: 80 → 8080). */
  readonly bindPort: number;
  readonly servers: readonly GatewayServer[];
}

/** One route configuration of a gateway port: `http.8080` for its HTTP servers, or one HTTPS server's own. */
export interface GatewayRouteScope {
  readonly name: string;
  /** The port virtual host names carry. */
  readonly serverPort: number;
  readonly servers: readonly GatewayServer[];
}

export function gatewayPorts(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  gateways: readonly GatewayConfig[],
): GatewayPort[] {
  const ownServicePorts = snapshot.services
    .filter(
      (s) =>
        s.namespace === proxy.workload.namespace &&
        s.selector !== undefined &&
        selectorMatches(s.selector, proxy.workload.labels),
    )
    .flatMap((s) => s.ports);
  const bindPortOf = (serverPort: number): number => {
    const svcPort = ownServicePorts.find((p) => p.port === serverPort);
    return (svcPort === undefined ? undefined : resolveTargetPort(svcPort, proxy.workload)) ?? serverPort;
  };
  const byBindPort = new Map<number, { gateway: GatewayConfig; server: Server }[]>();
  const servers = gateways
    .flatMap((gateway) => (gateway.spec.servers ?? []).map((server) => ({ gateway, server })))
    .filter(({ server }) => serverKind(server) !== undefined)
    .sort((a, b) => a.server.port.number - b.server.port.number);
  for (const entry of servers) {
    const bindPort = bindPortOf(entry.server.port.number);
    byBindPort.set(bindPort, [...(byBindPort.get(bindPort) ?? []), entry]);
  }
  return [...byBindPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bindPort, bound]) => ({ serverPort: bound[0]!.server.port.number, bindPort, servers: bound }));
}

/** Server hosts may be `namespace/host`; `*` or `.` namespaces, or the VirtualService's own, admit it. */
function serverHostFor(entry: string, vsNamespace: string): string | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) return entry;
  const ns = entry.slice(0, slash);
  return ns === '*' || ns === vsNamespace ? entry.slice(slash + 1) : undefined;
}

function gatewayDomains(host: string): string[] {
  // Istio adds `host:*` so a Host header with a port still matches; Envoy allows one wildcard, so a
  // wildcard host keeps its plain form only.
  return host === '*' || host.startsWith('*') ? [host] : [host, `${host}:*`];
}

/** Istio's SortVHostRoutes: when several VirtualServices share a gateway host, catch-alls go last. */
function sortCatchAllLast(routes: Route[]): Route[] {
  return [...routes.filter((r) => !isCatchAllRoute(r.match)), ...routes.filter((r) => isCatchAllRoute(r.match))];
}

/**
 * Istio's gatewayRDSRouteName. HTTP routes are named after the port the pod listens on, not the Gateway
 * server's port: a server on port 80 of istio-ingressgateway (Service port 80 → targetPort 8080) gets
 * `http.8080`, while its virtual hosts keep the server's port (`bookinfo.example.com:80`). Each terminating
 * HTTPS server has its own, `https.443.<port name>.<gateway>.<namespace>`, so that a certificate's filter
 * chain serves only that server's hosts.
 */
export function gatewayRouteScopes(port: GatewayPort): GatewayRouteScope[] {
  const http = port.servers.filter((s) => serverKind(s.server) === 'http');
  const scopes: GatewayRouteScope[] =
    http.length > 0 ? [{ name: `http.${port.bindPort}`, serverPort: port.serverPort, servers: http }] : [];
  for (const entry of port.servers) {
    if (serverKind(entry.server) !== 'https') continue;
    const { server, gateway } = entry;
    scopes.push({
      name: `https.${server.port.number}.${server.port.name ?? ''}.${gateway.meta.name}.${gateway.meta.namespace}`,
      serverPort: server.port.number,
      servers: [entry],
    });
  }
  return scopes;
}

/** The routes of every VirtualService bound to the scope's servers, one virtual host per host. */
export function buildGatewayRouteConfig(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  gateways: readonly GatewayConfig[],
  port: GatewayRouteScope,
): RouteConfiguration {
  const ctx = routeContextFor(snapshot, proxy, new Set(gateways.map((g) => g.key)));
  const byHost = new Map<string, { routes: Route[]; sources: number }>();
  for (const vs of snapshot.virtualServices) {
    const servers = port.servers.filter((s) => vs.gateways.includes(s.gateway.key));
    if (servers.length === 0) continue;
    const hosts = new Set<string>();
    for (const { server } of servers) {
      for (const entry of server.hosts ?? ['*']) {
        const serverHost = serverHostFor(entry, vs.meta.namespace);
        if (serverHost === undefined) continue;
        for (const vsHost of vs.hosts) {
          if (hostMatches(serverHost, vsHost)) hosts.add(vsHost);
          else if (hostMatches(vsHost, serverHost)) hosts.add(serverHost);
        }
      }
    }
    if (hosts.size === 0) continue;
    const routes = buildHTTPRoutesForVirtualService(ctx, vs, port.serverPort);
    if (routes.length === 0) continue;
    for (const host of hosts) {
      const entry = byHost.get(host) ?? { routes: [], sources: 0 };
      entry.routes.push(...routes);
      entry.sources++;
      byHost.set(host, entry);
    }
  }
  const vhosts: VirtualHost[] = [...byHost.entries()]
    .map(([host, { routes, sources }]) => ({
      name: `${host}:${port.serverPort}`,
      domains: gatewayDomains(host),
      routes: sources > 1 ? sortCatchAllLast(routes) : routes,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Nothing bound: Envoy answers 404 (NR) from an empty virtual host, as Istio's blackhole does.
  if (vhosts.length === 0) vhosts.push({ name: `blackhole:${port.serverPort}`, domains: ['*'], routes: [] });
  return { name: port.name, virtual_hosts: vhosts, validate_clusters: false };
}

/**
 * `0.0.0.0_8080`: a bound listener per gateway port, routes over RDS. HTTP servers share one chain; each
 * terminating HTTPS server gets a chain matched by SNI on its hosts, with its certificate; PASSTHROUGH
 * servers get a chain per SNI host of their VirtualServices' `tls` routes. A TLS client whose name no
 * chain matches is refused during the handshake.
 */
export function buildGatewayListener(snapshot: MeshSnapshot, port: GatewayPort, httpFilters: HttpFilter[]): Listener {
  const hcm = (routeName: string) => ({
    stat_prefix: `outbound_0.0.0.0_${port.bindPort}`,
    rds: { route_config_name: routeName, config_source: ads() },
    http_filters: httpFilters,
    ...hcmTracing(snapshot.meshConfig),
    use_remote_address: true,
    server_name: 'istio-envoy',
  });
  const chains: FilterChain[] = [];
  for (const scope of gatewayRouteScopes(port)) {
    const server = scope.servers[0]!.server;
    if (serverKind(server) === 'http') {
      chains.push(httpFilterChain(hcm(scope.name)));
      continue;
    }
    const match = sniMatch(server.hosts ?? []);
    chains.push(
      httpFilterChain(hcm(scope.name), {
        ...(match !== undefined && { filter_chain_match: match }),
        transport_socket: tlsTransportSocket(gatewayDownstreamTls(server)),
      }),
    );
  }
  for (const { gateway, server } of port.servers)
    if (serverKind(server) === 'passthrough') chains.push(...passthroughChains(snapshot, gateway, server));
  const inspectsTls = port.servers.some((s) => serverKind(s.server) !== 'http');
  return {
    name: `0.0.0.0_${port.bindPort}`,
    address: { socket_address: { address: '0.0.0.0', port_value: port.bindPort } },
    ...(inspectsTls && { listener_filters: [{ name: 'envoy.filters.listener.tls_inspector' }] }),
    traffic_direction: 'OUTBOUND',
    filter_chains: chains,
  };
}
