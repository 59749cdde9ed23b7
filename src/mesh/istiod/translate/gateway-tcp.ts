import type { Listener, NetworkFilter } from '../../xds';
import type { GatewayConfig, MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { resolveTargetPort } from '../model/services';
import { selectorMatches } from '../model/labels';
import { tcpProxyChain } from './tcp-proxy';
import { tcpRouteTarget } from './tcp-routes';

/** Gateway server protocols served as plain TCP (the TLS kinds belong to the TLS chains). */
const TCP_PROTOCOLS = new Set(['TCP', 'MONGO', 'REDIS', 'MYSQL']);

/** The pod port a gateway server's port binds: its Service's targetPort (31400 → 31400), else the port itself. */
function bindPortOf(snapshot: MeshSnapshot, proxy: ProxyInfo, serverPort: number): number {
  for (const svc of snapshot.services) {
    if (svc.namespace !== proxy.workload.namespace || svc.selector === undefined) continue;
    if (!selectorMatches(svc.selector, proxy.workload.labels)) continue;
    const port = svc.ports.find((p) => p.port === serverPort);
    const target = port === undefined ? undefined : resolveTargetPort(port, proxy.workload);
    if (target !== undefined) return target;
  }
  return serverPort;
}

/**
 * `0.0.0.0_31400`: a bound listener per TCP server port of the gateways this pod serves, relaying each
 * connection where the `tcp` routes of the VirtualServices bound to those gateways send it (`match.port` is
 * the server's port). A TCP server no route fits gets no listener, as in Istio: connections are refused.
 */
export function buildGatewayTcpListeners(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  gateways: readonly GatewayConfig[],
  networkFilters: () => NetworkFilter[],
): Listener[] {
  const serverPorts = new Map<number, Set<string>>();
  for (const gateway of gateways) {
    for (const server of gateway.spec.servers ?? []) {
      if (!TCP_PROTOCOLS.has((server.port.protocol ?? '').toUpperCase())) continue;
      const keys = serverPorts.get(server.port.number) ?? new Set<string>();
      keys.add(gateway.key);
      serverPorts.set(server.port.number, keys);
    }
  }
  const listeners: Listener[] = [];
  for (const [port, gatewayNames] of [...serverPorts].sort(([a], [b]) => a - b)) {
    const bound = snapshot.virtualServices.filter((vs) => vs.gateways.some((g) => gatewayNames.has(g)));
    const target = tcpRouteTarget(bound, port, {
      gatewayNames,
      proxyLabels: proxy.workload.labels,
      proxyNamespace: proxy.workload.namespace,
      serviceByHost: snapshot.serviceByHost,
    });
    if (target === undefined) continue;
    const bindPort = bindPortOf(snapshot, proxy, port);
    const statPrefix = 'cluster' in target ? target.cluster : `outbound_0.0.0.0_${bindPort}`;
    listeners.push({
      name: `0.0.0.0_${bindPort}`,
      address: { socket_address: { address: '0.0.0.0', port_value: bindPort } },
      traffic_direction: 'OUTBOUND',
      filter_chains: [tcpProxyChain(target, statPrefix, { before: networkFilters() })],
    });
  }
  return listeners;
}
