import type { FilterChain, HttpFilter, Listener, NetworkFilter, RouteConfiguration } from '../../xds';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import type { ServiceModel } from '../model/services';
import { isHttpOrSniffed, resolveTargetPort } from '../model/services';
import { selectorMatches } from '../model/labels';
import {
  DEFAULT_ROUTE_NAME,
  INBOUND_PASSTHROUGH_CLUSTER,
  inboundClusterName,
  VIRTUAL_INBOUND_LISTENER,
  VIRTUAL_INBOUND_PORT,
} from './names';
import { effectiveMtlsMode, type EffectiveMtlsMode } from './peer-authentication';
import { hcmTracing, httpFilterChain } from './hcm';
import { NO_TIMEOUT } from './route';
import { istioMutualDownstream, tlsTransportSocket } from './tls';
import { tcpProxyChain } from './tcp-proxy';

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
  /** Connection-level filters of TCP chains (network RBAC), in front of tcp_proxy. */
  readonly networkFilters: () => NetworkFilter[];
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

/** How a workload port is served: HTTP only, TCP only, or sniffed (HTTP when the bytes are HTTP, else TCP). */
type InboundKind = 'http' | 'tcp' | 'sniffed';

/** The kind the port's Service declares (the first Service, as Istio's inbound builder takes it). */
function inboundKind(target: InboundTarget): InboundKind {
  const first = target.services[0];
  const protocol = first?.service.ports.find((p) => p.port === first.servicePort)?.protocol ?? 'UNKNOWN';
  if (protocol === 'UNKNOWN') return 'sniffed';
  return isHttpOrSniffed(protocol) ? 'http' : 'tcp';
}

/** What Istio's inbound HTTP chains of a sniffed port match: the ALPN through mTLS, http_inspector's in plaintext. */
const HTTP_OVER_MTLS = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const HTTP_PLAINTEXT = ['http/1.1', 'h2c'];

interface ChainSpec {
  readonly mode: EffectiveMtlsMode;
  readonly kind: InboundKind;
  /** Names of the HTTP chains and the TCP chains (the passthrough's differ). */
  readonly httpName: string;
  readonly tcpName: string;
  readonly port: number | undefined;
  readonly cluster: string;
  readonly rc: RouteConfiguration;
  readonly tracing: ReturnType<typeof hcmTracing>;
}

/**
 * The chains for one port: STRICT accepts only mTLS (a plaintext client finds no chain and is reset),
 * PERMISSIVE both, DISABLE only plaintext; per transport an HTTP chain, a TCP chain (tcp_proxy behind the
 * network RBAC filter), or both with the HTTP one matching HTTP's application protocols.
 */
function chainsFor(spec: ChainSpec, opts: InboundOptions): FilterChain[] {
  const { mode, kind, port } = spec;
  const base = port === undefined ? {} : { destination_port: port };
  const hcm = {
    stat_prefix: port === undefined ? 'InboundPassthroughCluster' : `inbound_0.0.0.0_${port}`,
    route_config: opts.patchRoutes(spec.rc),
    http_filters: opts.httpFilters(port, spec.httpName),
    ...spec.tracing,
    forward_client_cert_details: 'APPEND_FORWARD' as const,
  };
  const sniffed = kind === 'sniffed';
  const transports: Array<{ tls: boolean; alpn: string[] }> = [];
  if (mode !== 'DISABLE') transports.push({ tls: true, alpn: HTTP_OVER_MTLS });
  if (mode !== 'STRICT') transports.push({ tls: false, alpn: HTTP_PLAINTEXT });
  const chains: FilterChain[] = [];
  for (const { tls, alpn } of transports) {
    const match = { ...base, transport_protocol: tls ? 'tls' : 'raw_buffer' };
    const security = tls ? { transport_socket: tlsTransportSocket(istioMutualDownstream()) } : {};
    if (kind !== 'tcp') {
      const filterChainMatch = sniffed ? { ...match, application_protocols: [...alpn] } : match;
      chains.push(httpFilterChain(hcm, { name: spec.httpName, filter_chain_match: filterChainMatch, ...security }));
    }
    if (kind !== 'http') {
      chains.push(
        tcpProxyChain({ cluster: spec.cluster }, spec.cluster, {
          name: spec.tcpName,
          filter_chain_match: match,
          ...security,
          before: opts.networkFilters(),
        }),
      );
    }
  }
  return chains;
}

/**
 * `virtualInbound` (0.0.0.0:15006): iptables sends every incoming connection here. Filter chains per
 * workload port and transport (mTLS / plaintext) as the PeerAuthentication in force allows, each ending
 * in `inbound|<port>||`; other ports fall through to InboundPassthroughCluster under the workload's mode,
 * HTTP through the catch-all HTTP chains, anything else through tcp_proxy.
 */
export function buildVirtualInboundListener(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  targets: readonly InboundTarget[],
  opts: InboundOptions,
): Listener {
  const chains: FilterChain[] = [];
  for (const t of targets) {
    const name = `0.0.0.0_${t.port}`;
    const spec = {
      mode: effectiveMtlsMode(snapshot, proxy.workload, t.port),
      kind: inboundKind(t),
      httpName: name,
      tcpName: name,
      port: t.port,
      cluster: inboundClusterName(t.port),
      rc: inboundRouteConfig(t),
      tracing: hcmTracing(snapshot.meshConfig),
    };
    chains.push(...chainsFor(spec, opts));
  }
  const passthrough = {
    mode: effectiveMtlsMode(snapshot, proxy.workload),
    kind: 'sniffed' as const,
    httpName: 'virtualInbound-catchall-http',
    tcpName: VIRTUAL_INBOUND_LISTENER,
    port: undefined,
    cluster: INBOUND_PASSTHROUGH_CLUSTER,
    rc: passthroughRouteConfig(),
    tracing: hcmTracing(snapshot.meshConfig),
  };
  chains.push(...chainsFor(passthrough, opts));
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
