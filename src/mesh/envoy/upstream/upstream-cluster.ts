import type { Clock, Random } from '../../sim';
import {
  isIpv4,
  type Certificate,
  type ClientHello,
  type Connection,
  type ConnectOptions,
  type NetHost,
} from '../../net';
import {
  type Cluster,
  type ClusterLoadAssignment,
  type LbEndpoint,
  type TransportSocket,
  type UpstreamTlsContext,
  parseDuration,
} from '../../xds/index';
import { HostImpl, hostKey, type EdsHealthStatus, type HostDescription, type UpstreamHost } from './host';
import { HostSetImpl } from './host-set';
import type { LoadBalancer, LoadBalancerContext, LbPolicy } from './load-balancer/types';
import type { OutlierDetector, OutlierEventSink } from './outlier-detection/types';
import { resolveOutlierConfig } from './outlier-detection/config';
import type { ResourceManager } from './resource-manager';
import type { UpstreamModuleFactories } from './factories';
import type { RequestBreaker } from './request-breaker';
import type { ClusterStats } from '../stats/cluster-stats';
import { ConnPool, type PoolOwner } from './conn-pool';
import { verifyUpstreamServer, type TransportFailure } from './server-verification';

/** Workload facts about an endpoint, for telemetry when the upstream has no sidecar to tell us. */
export interface EndpointInfo {
  readonly workload: string | undefined;
  readonly namespace: string | undefined;
  readonly app: string | undefined;
  readonly version: string | undefined;
  /** The transport socket that applies to this endpoint (auto mTLS), if any. */
  readonly tls: UpstreamTlsContext | undefined;
}

/** Resolves certificates by SDS secret name at connect time. */
export interface IdentityProvider {
  identityFor(secretName: string): string | undefined;
  /** A credential's chain (a DestinationRule's `credentialName`), presented when this proxy originates mutual TLS. */
  certificateChain(secretName: string): readonly Certificate[] | undefined;
  /** The CA bundle of a validation secret, which the server of originated TLS must chain to. */
  trustedCa(secretName: string): readonly Certificate[] | undefined;
}

export interface ClusterDeps {
  readonly netHost: NetHost;
  readonly clock: Clock;
  readonly random: Random;
  readonly factories: UpstreamModuleFactories;
  readonly identities: IdentityProvider;
  readonly outlierEvents: OutlierEventSink;
  readonly stats: ClusterStats;
  /** Calendar time of the clock's zero, to read certificate validity. */
  readonly epochMs: number;
}

function edsHealth(s: LbEndpoint['health_status']): EdsHealthStatus {
  if (s === 'UNHEALTHY' || s === 'TIMEOUT') return 'UNHEALTHY';
  if (s === 'DRAINING') return 'DRAINING';
  return s === 'HEALTHY' ? 'HEALTHY' : 'UNKNOWN';
}

function tlsContext(t: TransportSocket | undefined): UpstreamTlsContext | undefined {
  return t?.name === 'envoy.transport_sockets.tls' ? (t.typed_config as UpstreamTlsContext) : undefined;
}

/**
 * One upstream cluster as the proxy runs it (Envoy: ClusterInfo + its PrioritySet, load balancer, resource
 * manager, outlier detector and connection pools). Built from a Cluster resource; an EDS update changes its
 * hosts in place, a changed Cluster resource builds a new one (the old one drains).
 */
export class UpstreamCluster implements PoolOwner {
  readonly name: string;
  readonly hostSet = new HostSetImpl();
  readonly resources: ResourceManager;
  readonly loadBalancer: LoadBalancer | undefined;
  readonly outlierDetector: OutlierDetector | undefined;
  /** A lab's Hystrix-style breaker in front of the cluster, when one is plugged in. */
  readonly requestBreaker: RequestBreaker | undefined;
  readonly maxRequestsPerConnection: number;
  readonly connectTimeoutMs: number;
  readonly netHost: NetHost;
  readonly clock: Clock;
  readonly stats: ClusterStats;
  readonly isOriginalDst: boolean;
  /** `istio.services[0]` of the cluster metadata: the destination service for telemetry. */
  readonly service: { host: string; name: string; namespace: string } | undefined;
  private readonly pools = new Map<UpstreamHost, ConnPool>();
  private readonly endpointInfo = new Map<string, EndpointInfo>();
  private readonly originalDstHosts = new Map<string, HostImpl>();
  private readonly identities: IdentityProvider;
  private readonly epochMs: number;

  constructor(
    readonly config: Cluster,
    deps: ClusterDeps,
  ) {
    this.name = config.name;
    this.netHost = deps.netHost;
    this.clock = deps.clock;
    this.stats = deps.stats;
    this.identities = deps.identities;
    this.epochMs = deps.epochMs;
    this.isOriginalDst = config.type === 'ORIGINAL_DST';
    const t = config.circuit_breakers?.thresholds?.find((x) => (x.priority ?? 'DEFAULT') === 'DEFAULT');
    this.resources = deps.factories.resourceManager({
      ...(t?.max_connections !== undefined && { maxConnections: t.max_connections }),
      ...(t?.max_pending_requests !== undefined && { maxPendingRequests: t.max_pending_requests }),
      ...(t?.max_requests !== undefined && { maxRequests: t.max_requests }),
      ...(t?.max_retries !== undefined && { maxRetries: t.max_retries }),
    });
    this.requestBreaker = deps.factories.requestBreaker?.(config.name);
    this.maxRequestsPerConnection = config.common_http_protocol_options?.max_requests_per_connection ?? 0;
    this.connectTimeoutMs = parseDuration(config.connect_timeout) ?? 10_000;
    const policy = this.isOriginalDst ? undefined : ((config.lb_policy ?? 'ROUND_ROBIN') as LbPolicy);
    this.loadBalancer =
      policy === undefined
        ? undefined
        : deps.factories.loadBalancer(policy, this.hostSet, deps.random, {
            healthyPanicThreshold: config.common_lb_config?.healthy_panic_threshold?.value ?? 0,
            ...(config.least_request_lb_config?.choice_count !== undefined && {
              choiceCount: config.least_request_lb_config.choice_count,
            }),
          });
    const od = config.outlier_detection;
    this.outlierDetector =
      od === undefined
        ? undefined
        : deps.factories.outlierDetector({
            clusterName: config.name,
            hostSet: this.hostSet,
            config: resolveOutlierConfig({
              ...(od.consecutive_5xx !== undefined && { consecutive5xx: od.consecutive_5xx }),
              ...(od.enforcing_consecutive_5xx !== undefined && {
                enforcingConsecutive5xx: od.enforcing_consecutive_5xx,
              }),
              ...(od.consecutive_gateway_failure !== undefined && {
                consecutiveGatewayFailure: od.consecutive_gateway_failure,
              }),
              ...(od.enforcing_consecutive_gateway_failure !== undefined && {
                enforcingConsecutiveGatewayFailure: od.enforcing_consecutive_gateway_failure,
              }),
              ...(od.interval !== undefined && { intervalMs: parseDuration(od.interval) ?? 10_000 }),
              ...(od.base_ejection_time !== undefined && {
                baseEjectionTimeMs: parseDuration(od.base_ejection_time) ?? 30_000,
              }),
              ...(od.max_ejection_time !== undefined && {
                maxEjectionTimeMs: parseDuration(od.max_ejection_time) ?? 300_000,
              }),
              ...(od.max_ejection_percent !== undefined && { maxEjectionPercent: od.max_ejection_percent }),
            }),
            clock: deps.clock,
            random: deps.random,
            eventSink: deps.outlierEvents,
          });
    const svc = (config.metadata?.filter_metadata?.['istio']?.['services'] as unknown[] | undefined)?.[0] as
      { host?: string; name?: string; namespace?: string } | undefined;
    this.service =
      svc?.host === undefined
        ? undefined
        : { host: svc.host, name: svc.name ?? svc.host.split('.')[0] ?? '', namespace: svc.namespace ?? '' };
    if (config.load_assignment !== undefined) this.updateEndpoints(config.load_assignment);
  }

  /** EDS: replaces the hosts; hosts that stay keep their state. */
  updateEndpoints(cla: ClusterLoadAssignment): void {
    const descriptions: HostDescription[] = [];
    this.endpointInfo.clear();
    for (const locality of cla.endpoints ?? []) {
      for (const ep of locality.lb_endpoints) {
        const sa = ep.endpoint.address.socket_address;
        const info = this.describeEndpoint(ep);
        this.endpointInfo.set(hostKey(sa.address, sa.port_value), info);
        descriptions.push({
          address: sa.address,
          port: sa.port_value,
          labels: labelsOf(info),
          ...(ep.load_balancing_weight !== undefined && { weight: ep.load_balancing_weight }),
          healthStatus: edsHealth(ep.health_status),
        });
      }
    }
    const { removed } = this.hostSet.update(descriptions);
    for (const host of removed) {
      this.pools.get(host)?.drain();
      this.pools.delete(host);
    }
  }

  /** Picks the upstream host (ORIGINAL_DST: the connection's original destination). */
  chooseHost(
    context: LoadBalancerContext,
    originalDst: { address: string; port: number } | undefined,
  ): UpstreamHost | undefined {
    if (!this.isOriginalDst) return this.loadBalancer?.chooseHost(context);
    if (originalDst === undefined) return undefined;
    const key = hostKey(originalDst.address, originalDst.port);
    let host = this.originalDstHosts.get(key);
    if (host === undefined) {
      host = new HostImpl({ address: originalDst.address, port: originalDst.port });
      this.originalDstHosts.set(key, host);
    }
    return host;
  }

  pool(host: UpstreamHost): ConnPool {
    let p = this.pools.get(host);
    if (p === undefined) {
      p = new ConnPool(host, this);
      this.pools.set(host, p);
    }
    return p;
  }

  poolFor(host: UpstreamHost): ConnPool | undefined {
    return this.pools.get(host);
  }

  endpoint(host: UpstreamHost): EndpointInfo | undefined {
    return this.endpointInfo.get(host.key);
  }

  /** Every host, EDS ones and original-destination ones. */
  allHosts(): UpstreamHost[] {
    return [...this.hostSet.hosts(), ...this.originalDstHosts.values()];
  }

  connectOptions(host: UpstreamHost): ConnectOptions | string {
    const tls = this.tlsFor(host);
    const bind = this.config.upstream_bind_config?.source_address.address;
    if (tls === undefined) return bind === undefined ? PLAIN_CONNECT : { bypassCapture: true, sourceAddress: bind };
    const secret = tls.common_tls_context.tls_certificate_sds_secret_configs?.[0]?.name;
    if (secret === undefined) return { bypassCapture: true, tlsHello: this.originationHello(tls, host) };
    const identity = this.identities.identityFor(secret);
    if (identity === undefined) {
      // Not a workload identity: a credential's key pair, offered in the hello of TLS originated to a server
      // outside the mesh (DestinationRule MUTUAL).
      const certificates = this.identities.certificateChain(secret);
      if (certificates === undefined) return `no certificate: SDS secret "${secret}" not received`;
      return { bypassCapture: true, tlsHello: { ...this.originationHello(tls, host), certificates } };
    }
    const serverIdentity = expectedServerIdentity(tls);
    return {
      bypassCapture: true,
      tls: {
        identity,
        ...(serverIdentity !== undefined && { serverIdentity }),
        ...(tls.sni !== undefined && { serverName: tls.sni }),
      },
    };
  }

  /**
   * The hello of TLS this proxy originates (a DestinationRule's SIMPLE or MUTUAL mode toward a server outside
   * the mesh): SNI from the context, else under `auto_sni` the upstream's name.
   */
  private originationHello(tls: UpstreamTlsContext, host: UpstreamHost): ClientHello {
    const serverName = tls.sni ?? (this.upstreamOption('auto_sni') ? upstreamName(host) : undefined);
    return {
      ...(serverName !== undefined && { serverName }),
      alpn: tls.common_tls_context.alpn_protocols ?? [],
    };
  }

  /**
   * Checks the server's certificate once the handshake of originated TLS is done (Envoy verifies inside the
   * handshake and aborts it; the connection then never carries a request). Undefined when it passes, or when
   * the connection is not originated TLS.
   */
  verifyServer(host: UpstreamHost, conn: Connection): TransportFailure | undefined {
    const tls = this.tlsFor(host);
    if (tls === undefined || conn.tls === undefined) return undefined;
    return verifyUpstreamServer(tls, conn.tls, {
      trustedCa: (name) => this.identities.trustedCa(name),
      autoSanName: this.upstreamOption('auto_san_validation') ? upstreamName(host) : undefined,
      nowMs: this.epochMs + this.clock.now(),
    });
  }

  private upstreamOption(option: 'auto_sni' | 'auto_san_validation'): boolean {
    const options =
      this.config.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    return options?.upstream_http_protocol_options?.[option] === true;
  }

  /** The server identity an mTLS connection to this host proves, when the cluster pins exactly one. */
  peerIdentityFor(host: UpstreamHost): string | undefined {
    const tls = this.tlsFor(host);
    return tls === undefined ? undefined : (expectedServerIdentity(tls) ?? 'unknown');
  }

  private tlsFor(host: UpstreamHost): UpstreamTlsContext | undefined {
    const info = this.endpointInfo.get(host.key);
    if (info !== undefined) return info.tls;
    return this.isOriginalDst || this.config.transport_socket_matches === undefined
      ? tlsContext(this.config.transport_socket)
      : undefined;
  }

  onConnectionClosed(): void {
    for (const p of this.pools.values()) if (p.hasPending) p.kick();
  }

  /** The cluster was removed or replaced: stop timers, close idle connections. */
  drain(): void {
    this.outlierDetector?.destroy();
    for (const p of this.pools.values()) p.drain();
  }

  private describeEndpoint(ep: LbEndpoint): EndpointInfo {
    const istio = ep.metadata?.filter_metadata?.['istio'];
    const workload = typeof istio?.['workload'] === 'string' ? istio['workload'].split(';') : [];
    const matchMeta = ep.metadata?.filter_metadata?.['envoy.transport_socket_match'] ?? {};
    let tls: UpstreamTlsContext | undefined;
    const matches = this.config.transport_socket_matches;
    if (matches !== undefined) {
      for (const m of matches) {
        const crit = m.match ?? {};
        if (Object.entries(crit).every(([k, v]) => matchMeta[k] === v)) {
          tls = tlsContext(m.transport_socket);
          break;
        }
      }
    } else tls = tlsContext(this.config.transport_socket);
    return { workload: workload[0], namespace: workload[1], app: workload[2], version: workload[3], tls };
  }
}

/**
 * The SAN to insist on during the handshake. The Net checks one identity; with several acceptable SANs
 * (a service run by several service accounts) the handshake is not pinned.
 */
function expectedServerIdentity(tls: UpstreamTlsContext): string | undefined {
  const sans =
    tls.common_tls_context.combined_validation_context?.default_validation_context?.match_subject_alt_names ?? [];
  return sans.length === 1 ? sans[0]?.exact : undefined;
}

/**
 * The name auto_sni sends and auto_san_validation expects: Envoy takes the request's host; pools here belong
 * to one endpoint, whose DNS name (a ServiceEntry host) is that host. An address names nothing.
 */
function upstreamName(host: UpstreamHost): string | undefined {
  return isIpv4(host.address) ? undefined : host.address;
}

const PLAIN_CONNECT: ConnectOptions = Object.freeze({ bypassCapture: true });

function labelsOf(info: EndpointInfo): Record<string, string> {
  const labels: Record<string, string> = {};
  if (info.app !== undefined && info.app !== '') labels['app'] = info.app;
  if (info.version !== undefined && info.version !== '') labels['version'] = info.version;
  return labels;
}
