import type { FilterChain, HttpFilter, Listener, RouteConfiguration } from '../../xds';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import type { ServiceModel } from '../model/services';
import { resolveTargetPort } from '../model/services';
import { selectorMatches } from '../model/labels';
import {
  DEFAULT_ROUTE_NAME,
  INBOUND_PASSTHROUGH_CLUSTER,
  inboundClusterName,
  VIRTUAL_INBOUND_LISTENER,
  VIRTUAL_INBOUND_PORT,
} from './names';
import { effectiveMtlsMode, type EffectiveMtlsMode } from './peer-authentication';
import { httpFilterChain } from './hcm';
import { NO_TIMEOUT } from './route';
import { istioMutualDownstream, tlsTransportSocket } from './tls';

/** A workload port some Service forwards to, and the services that do (Istio's ServiceTarget). */
export interface InboundTarget {
  readonly port: number;
  readonly services: readonly { service: ServiceModel; servicePort: number }[];
}

/** The workload ports the proxy's pod serves: every Service selecting it, by resolved targetPort. */
export function inboundTargets(snapshot: MeshSnapshot, proxy: ProxyInfo): InboundTarget[] {
  const byPort = new Map<number, { service: ServiceModel; servicePort: number }[]>();
  for (const svc of snapshot.services) {
    if (svc.registry !== 'Kubernetes' || svc.namespace !== proxy.workload.namespace || svc.selector === undefined)
      continue;
    if (!selectorMatches(svc.selector, proxy.workload.labels)) continue;
    for (const p of svc.ports) {
      const target = resolveTargetPort(p, proxy.workload);
      if (target === undefined) continue;
      byPort.set(target, [...(byPort.get(target) ?? []), { service: svc, servicePort: p.port }]);
    }
  }
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([port, services]) => ({ port, services }));
}

/** What the inbound side builds per port, with hooks for authorization and EnvoyFilter patches. */
export interface InboundOptions {
  readonly httpFilters: (port: number | undefined, chainName: string) => HttpFilter[];
  readonly patchRoutes: (rc: RouteConfiguration) => RouteConfiguration;
}

function inboundRouteConfig(target: InboundTarget): RouteConfiguration {
  const first = target.services[0];
  const operation =
    first === undefined ? `inbound|${target.port}/*` : `${first.service.hostname}:${first.servicePort}/*`;
  return {
    name: inboundClusterName(target.port),
    virtual_hosts: [
      {
        name: `inbound|http|${target.port}`,
        domains: ['*'],
        routes: [
          {
            name: DEFAULT_ROUTE_NAME,
            match: { prefix: '/' },
            route: { cluster: inboundClusterName(target.port), timeout: NO_TIMEOUT },
            decorator: { operation },
          },
        ],
      },
    ],
    validate_clusters: false,
  };
}

function passthroughRouteConfig(): RouteConfiguration {
  const route = {
    name: DEFAULT_ROUTE_NAME,
    match: { prefix: '/' },
    route: { cluster: INBOUND_PASSTHROUGH_CLUSTER, timeout: NO_TIMEOUT },
  };
  return {
    name: INBOUND_PASSTHROUGH_CLUSTER,
    virtual_hosts: [{ name: 'inbound|http|0', domains: ['*'], routes: [route] }],
    validate_clusters: false,
  };
}

/**
 * The chains for one mode: STRICT accepts only mTLS (a plaintext client finds no chain and is reset),
 * PERMISSIVE both, DISABLE only plaintext.
 */
function chainsFor(
  mode: EffectiveMtlsMode,
  name: string,
  port: number | undefined,
  rc: RouteConfiguration,
  opts: InboundOptions,
): FilterChain[] {
  const base = port === undefined ? {} : { destination_port: port };
  const hcm = {
    stat_prefix: port === undefined ? 'InboundPassthroughCluster' : `inbound_0.0.0.0_${port}`,
    route_config: opts.patchRoutes(rc),
    http_filters: opts.httpFilters(port, name),
    forward_client_cert_details: 'APPEND_FORWARD' as const,
  };
  const chains: FilterChain[] = [];
  if (mode !== 'DISABLE') {
    chains.push(
      httpFilterChain(hcm, {
        name,
        filter_chain_match: { ...base, transport_protocol: 'tls' },
        transport_socket: tlsTransportSocket(istioMutualDownstream()),
      }),
    );
  }
  if (mode !== 'STRICT')
    chains.push(httpFilterChain(hcm, { name, filter_chain_match: { ...base, transport_protocol: 'raw_buffer' } }));
  return chains;
}

/**
 * `virtualInbound` (0.0.0.0:15006): iptables sends every incoming connection here. One filter chain per
 * workload port and transport (mTLS / plaintext) as the PeerAuthentication in force allows, each ending
 * in `inbound|<port>||`; other ports fall through to InboundPassthroughCluster under the workload's mode.
 */
export function buildVirtualInboundListener(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  targets: readonly InboundTarget[],
  opts: InboundOptions,
): Listener {
  const chains: FilterChain[] = [];
  for (const t of targets)
    chains.push(
      ...chainsFor(
        effectiveMtlsMode(snapshot, proxy.workload, t.port),
        `0.0.0.0_${t.port}`,
        t.port,
        inboundRouteConfig(t),
        opts,
      ),
    );
  chains.push(
    ...chainsFor(
      effectiveMtlsMode(snapshot, proxy.workload),
      'virtualInbound-catchall-http',
      undefined,
      passthroughRouteConfig(),
      opts,
    ),
  );
  return {
    name: VIRTUAL_INBOUND_LISTENER,
    address: { socket_address: { address: '0.0.0.0', port_value: VIRTUAL_INBOUND_PORT } },
    traffic_direction: 'INBOUND',
    listener_filters: [
      { name: 'envoy.filters.listener.original_dst' },
      { name: 'envoy.filters.listener.tls_inspector' },
      { name: 'envoy.filters.listener.http_inspector' },
    ],
    filter_chains: chains,
  };
}
