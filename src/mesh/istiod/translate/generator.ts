import type { Cluster, ClusterLoadAssignment, HttpFilter, Listener, RouteConfiguration, Secret } from '../../xds';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { applyAccessLogs } from './access-log';
import { convertPolicies, policiesForWorkload } from './authz';
import { convertTcpPolicies } from './authz-tcp';
import { buildFixedClusters, buildInboundCluster, buildOutboundClusters } from './clusters';
import { applyHttpFilterPatches, applyRouteConfigurationPatches, envoyFiltersForProxy } from './envoy-filter';
import {
  buildGatewayListener,
  buildGatewayRouteConfig,
  gatewayPorts,
  gatewayRouteScopes,
  gatewaysForProxy,
} from './gateway';
import { buildGatewayTcpListeners } from './gateway-tcp';
import { buildGatewayCredentialSecrets } from './gateway-tls';
import { buildOriginationCredentialSecrets } from './origination-credentials';
import { faultFilter, routerFilter, statsFilter } from './hcm';
import { buildVirtualInboundListener, inboundTargets } from './listeners-inbound';
import {
  buildOutboundPortListener,
  buildOutboundSniListeners,
  buildOutboundTcpListeners,
  buildVirtualOutboundListener,
  outboundHttpFilters,
} from './listeners-outbound';
import { buildSidecarOutboundRouteConfig, outboundHttpPorts } from './outbound-routes';
import { jwtAuthnFilters } from './request-authn';
import { VIRTUAL_INBOUND_LISTENER } from './names';
import { cloneObject } from '../../kube';

/** Everything istiod generates for one proxy except its secrets (those come from the CA): LDS, RDS, CDS, EDS. */
export interface ProxyXds {
  readonly listeners: Listener[];
  readonly routes: RouteConfiguration[];
  readonly clusters: Cluster[];
  readonly endpoints: ClusterLoadAssignment[];
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function generateSidecar(snapshot: MeshSnapshot, proxy: ProxyInfo): ProxyXds {
  const envoyFilters = envoyFiltersForProxy(snapshot, proxy);
  const outbound = buildOutboundClusters(snapshot, proxy);
  const targets = inboundTargets(snapshot, proxy);
  const policies = policiesForWorkload(snapshot, proxy.workload);
  // Istio's order: authentication (jwt_authn) before authorization (RBAC), which reads what it verified.
  const rbac = [...jwtAuthnFilters(snapshot, proxy.workload), ...convertPolicies(policies)];
  const tcpRbac = convertTcpPolicies(policies);
  const ports = outboundHttpPorts(snapshot);

  // An HTTP port's listener already holds `0.0.0.0_<port>`: Istio's listener conflict keeps the HTTP one.
  const sniListeners = buildOutboundSniListeners(snapshot).filter(
    (l) => !ports.includes(l.address.socket_address.port_value),
  );
  const listeners: Listener[] = [
    buildVirtualOutboundListener(snapshot),
    ...buildOutboundTcpListeners(snapshot, proxy),
    ...sniListeners,
  ];
  for (const port of ports) {
    const filters = applyHttpFilterPatches(outboundHttpFilters(), envoyFilters, {
      context: 'SIDECAR_OUTBOUND',
      listenerName: `0.0.0.0_${port}`,
      port,
      filterChainName: undefined,
    });
    listeners.push(buildOutboundPortListener(snapshot, port, filters));
  }
  listeners.push(
    buildVirtualInboundListener(snapshot, proxy, targets, {
      httpFilters: (port, chainName) =>
        applyHttpFilterPatches([...rbac, statsFilter(), routerFilter()], envoyFilters, {
          context: 'SIDECAR_INBOUND',
          listenerName: VIRTUAL_INBOUND_LISTENER,
          port: port ?? 0,
          filterChainName: chainName,
        }),
      networkFilters: () => cloneObject(tcpRbac),
      patchRoutes: (rc) => applyRouteConfigurationPatches(rc, envoyFilters, 'SIDECAR_INBOUND'),
    }),
  );
  const routes = ports.map((port) =>
    applyRouteConfigurationPatches(
      buildSidecarOutboundRouteConfig(snapshot, proxy, port),
      envoyFilters,
      'SIDECAR_OUTBOUND',
    ),
  );
  const inboundClusters = targets.map((t) =>
    buildInboundCluster(
      snapshot,
      t.port,
      t.services.map((s) => s.service),
    ),
  );
  return {
    listeners: listeners.sort(byName),
    routes,
    clusters: [...outbound.clusters, ...inboundClusters, ...buildFixedClusters(snapshot, true)].sort(byName),
    endpoints: outbound.endpoints.sort(byClusterName),
  };
}

const byClusterName = (a: ClusterLoadAssignment, b: ClusterLoadAssignment) =>
  a.cluster_name < b.cluster_name ? -1 : a.cluster_name > b.cluster_name ? 1 : 0;

function generateRouter(snapshot: MeshSnapshot, proxy: ProxyInfo): ProxyXds {
  const envoyFilters = envoyFiltersForProxy(snapshot, proxy);
  const outbound = buildOutboundClusters(snapshot, proxy);
  const gateways = gatewaysForProxy(snapshot, proxy);
  const policies = policiesForWorkload(snapshot, proxy.workload);
  const rbac = [...jwtAuthnFilters(snapshot, proxy.workload), ...convertPolicies(policies)];
  const tcpRbac = convertTcpPolicies(policies);
  const listeners: Listener[] = buildGatewayTcpListeners(snapshot, proxy, gateways, () => cloneObject(tcpRbac));
  const routes: RouteConfiguration[] = [];
  for (const port of gatewayPorts(snapshot, proxy, gateways)) {
    // Istio's order: authentication and authorization first, then faults, stats and the router.
    const base: HttpFilter[] = [...rbac, faultFilter(), statsFilter(), routerFilter()];
    const filters = applyHttpFilterPatches(base, envoyFilters, {
      context: 'GATEWAY',
      listenerName: `0.0.0.0_${port.bindPort}`,
      port: port.bindPort,
      filterChainName: undefined,
    });
    listeners.push(buildGatewayListener(snapshot, port, filters));
    for (const scope of gatewayRouteScopes(port))
      routes.push(
        applyRouteConfigurationPatches(
          buildGatewayRouteConfig(snapshot, proxy, gateways, scope),
          envoyFilters,
          'GATEWAY',
          scope.serverPort,
        ),
      );
  }
  return {
    listeners: listeners.sort(byName),
    routes,
    clusters: [...outbound.clusters, ...buildFixedClusters(snapshot, false)].sort(byName),
    endpoints: outbound.endpoints.sort(byClusterName),
  };
}

/**
 * The generator (Istio's ConfigGenerator): one proxy's listeners, routes, clusters and endpoints from an
 * immutable snapshot. Pure: the same snapshot and proxy always give the same resources.
 */
export function generateProxyXds(snapshot: MeshSnapshot, proxy: ProxyInfo | string): ProxyXds {
  const p = typeof proxy === 'string' ? snapshot.proxyById.get(proxy) : proxy;
  if (p === undefined) throw new Error(`no proxy "${String(proxy)}" in the mesh snapshot`);
  // A deep copy, so the resources share no objects with each other or with the snapshot.
  const xds = cloneObject(p.type === 'router' ? generateRouter(snapshot, p) : generateSidecar(snapshot, p));
  applyAccessLogs(xds.listeners, snapshot, p);
  return xds;
}

/**
 * The SDS secrets istiod itself serves a proxy (workload certificates come from the CA): a gateway's
 * `credentialName` key pairs and CA bundles, and a sidecar's for the TLS it originates.
 */
export function generateProxyCredentials(snapshot: MeshSnapshot, proxy: ProxyInfo): Secret[] {
  if (proxy.type !== 'router') return cloneObject(buildOriginationCredentialSecrets(snapshot, proxy));
  return cloneObject(buildGatewayCredentialSecrets(snapshot, proxy, gatewaysForProxy(snapshot, proxy)));
}

/**
 * EDS alone, for an endpoint-only push (pods came or went: Istio's incremental EDS push): the same load
 * assignments generateProxyXds gives, without building listeners and routes.
 */
export function generateProxyEndpoints(snapshot: MeshSnapshot, proxy: ProxyInfo): ClusterLoadAssignment[] {
  return cloneObject(buildOutboundClusters(snapshot, proxy).endpoints.sort(byClusterName));
}
