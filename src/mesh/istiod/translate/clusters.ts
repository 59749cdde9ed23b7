import type { Cluster, ClusterLoadAssignment } from '../../xds';
import type { ClientTLSSettings, Labels, TrafficPolicyBlocks } from '../model/istio-api';
import type { ServiceModel, ServicePort } from '../model/services';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { configPath } from '../model/config';
import { destinationRuleFor } from '../model/destination-rules';
import { spiffeIdentity } from '../model/workloads';
import { buildClusterLoadAssignment } from './endpoints';
import {
  ads,
  BLACKHOLE_CLUSTER,
  buildDnsSrvSubsetKey,
  buildSubsetKey,
  INBOUND_PASSTHROUGH_CLUSTER,
  PASSTHROUGH_CLUSTER,
} from './names';
import { namespaceMtlsMode } from './peer-authentication';
import { istioMutualUpstream, rawBufferTransportSocket, simpleUpstream, tlsTransportSocket } from './tls';
import { applyConnectionPool, applyLoadBalancer, applyOutlierDetection, mergeTrafficPolicy } from './traffic-policy';

/** What the client-side TLS decision depends on besides the DestinationRule. */
export interface UpstreamTlsOptions {
  /**
   * SPIFFE IDs of the service's workloads, expected from the server under ISTIO_MUTUAL; for a ServiceEntry
   * its `subjectAltNames`, expected from the server TLS is originated to.
   */
  readonly serviceAccounts: readonly string[];
  readonly registry: 'Kubernetes' | 'External';
  readonly sni: string;
  readonly autoMtls: boolean;
  readonly meshExternal: boolean;
  /** The destination namespace's (or mesh's) PeerAuthentication mode. */
  readonly serviceMtlsMode: 'STRICT' | 'PERMISSIVE' | 'DISABLE';
}

/**
 * Istio's buildUpstreamTLSSettings + applyUpstreamTLSSettings. A DestinationRule `tls` wins (DISABLE:
 * plaintext; SIMPLE/MUTUAL: TLS origination; ISTIO_MUTUAL: mesh mTLS to every endpoint). Without one,
 * auto mTLS: mTLS to endpoints labelled `tlsMode: istio` (they have a sidecar), plaintext to the rest —
 * unless the destination's PeerAuthentication is DISABLE or the service is outside the mesh.
 */
export function applyUpstreamTls(cluster: Cluster, tls: ClientTLSSettings | undefined, opts: UpstreamTlsOptions): void {
  if (tls !== undefined) {
    if (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') {
      const serviceSans = opts.registry === 'External' ? opts.serviceAccounts : [];
      cluster.transport_socket = tlsTransportSocket(simpleUpstream(tls, serviceSans));
      applyAutoSni(cluster, tls);
    } else if (tls.mode === 'ISTIO_MUTUAL')
      cluster.transport_socket = tlsTransportSocket(
        istioMutualUpstream(tls.subjectAltNames ?? opts.serviceAccounts, tls.sni ?? opts.sni),
      );
    return;
  }
  if (opts.meshExternal || !opts.autoMtls || opts.serviceMtlsMode === 'DISABLE' || cluster.type === 'ORIGINAL_DST')
    return;
  cluster.transport_socket_matches = [
    {
      name: 'tlsMode-istio',
      match: { tlsMode: 'istio' },
      transport_socket: tlsTransportSocket(istioMutualUpstream(opts.serviceAccounts, opts.sni)),
    },
    { name: 'tlsMode-disabled', match: {}, transport_socket: rawBufferTransportSocket() },
  ];
}

/**
 * Istio's setAutoSniAndAutoSanValidation. Without an `sni` the request's host names the server it wants
 * (auto_sni) and, unless SANs were given or verification is skipped, is also the name the server's
 * certificate must carry (auto_san_validation).
 */
function applyAutoSni(cluster: Cluster, tls: ClientTLSSettings): void {
  if (tls.sni !== undefined && tls.sni !== '') return;
  // Only the DestinationRule's own SANs count here: Istio decides this before a ServiceEntry's are filled in.
  const autoSan = (tls.subjectAltNames ?? []).length === 0 && tls.insecureSkipVerify !== true;
  cluster.typed_extension_protocol_options = {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      upstream_http_protocol_options: { auto_sni: true, ...(autoSan && { auto_san_validation: true }) },
    },
  };
}

function serviceAccountsOf(snapshot: MeshSnapshot, svc: ServiceModel): string[] {
  if (svc.registry === 'External') return [...(svc.subjectAltNames ?? [])];
  const ids = new Set<string>();
  for (const ep of svc.endpoints)
    if (ep.serviceAccount !== undefined && svc.registry === 'Kubernetes')
      ids.add(spiffeIdentity(snapshot.meshConfig.trustDomain, ep.namespace, ep.serviceAccount));
  return [...ids].sort();
}

function baseCluster(snapshot: MeshSnapshot, name: string, svc: ServiceModel, port: ServicePort): Cluster {
  const connect_timeout = snapshot.meshConfig.connectTimeout;
  // Fields are set in the order Envoy's config dump prints them; traffic policy fills in the values.
  if (svc.resolution === 'ClientSideLB')
    return {
      name,
      type: 'EDS',
      eds_cluster_config: { service_name: name, eds_config: ads() },
      connect_timeout,
      lb_policy: 'LEAST_REQUEST',
    };
  if (svc.resolution === 'Passthrough')
    return { name, type: 'ORIGINAL_DST', connect_timeout, lb_policy: 'CLUSTER_PROVIDED' };
  return {
    name,
    type: 'STRICT_DNS',
    connect_timeout,
    lb_policy: 'LEAST_REQUEST',
    load_assignment: buildClusterLoadAssignment(snapshot, name, svc, port.port, undefined, false),
  };
}

function serviceMetadata(svc: ServiceModel): Record<string, unknown> {
  return { services: [{ host: svc.hostname, name: svc.name, namespace: svc.namespace }] };
}

/** Istio's applyTrafficPolicy for an outbound cluster: connection pool, outlier detection, load balancer, TLS. */
export function applyTrafficPolicy(
  cluster: Cluster,
  policy: TrafficPolicyBlocks | undefined,
  snapshot: MeshSnapshot,
  tls: UpstreamTlsOptions,
): void {
  applyConnectionPool(cluster, policy?.connectionPool, snapshot.meshConfig.connectTimeout);
  applyOutlierDetection(cluster, policy?.outlierDetection);
  applyLoadBalancer(cluster, policy?.loadBalancer);
  applyUpstreamTls(cluster, policy?.tls, tls);
}

/** The plain cluster of a service port, or one of its DestinationRule subsets. */
interface ClusterVariant {
  readonly subset: string;
  readonly labels: Labels | undefined;
  readonly policy: TrafficPolicyBlocks | undefined;
}

export interface ClusterSet {
  readonly clusters: Cluster[];
  readonly endpoints: ClusterLoadAssignment[];
}

/**
 * Outbound clusters for every service port in the mesh — `outbound|<port>||<host>` and one
 * `outbound|<port>|<subset>|<host>` per DestinationRule subset — with their load assignments.
 */
export function buildOutboundClusters(snapshot: MeshSnapshot, proxy: ProxyInfo): ClusterSet {
  const clusters: Cluster[] = [];
  const endpoints: ClusterLoadAssignment[] = [];
  for (const svc of snapshot.services) {
    const dr = destinationRuleFor(snapshot, proxy.workload, svc.hostname, svc.namespace);
    const serviceAccounts = serviceAccountsOf(snapshot, svc);
    const serviceMtlsMode = namespaceMtlsMode(snapshot, svc.namespace);
    for (const port of svc.ports) {
      const variants: ClusterVariant[] = [
        { subset: '', labels: undefined, policy: mergeTrafficPolicy(dr?.spec.trafficPolicy, undefined, port.port) },
      ];
      for (const s of dr?.spec.subsets ?? [])
        variants.push({
          subset: s.name,
          labels: s.labels ?? {},
          policy: mergeTrafficPolicy(dr?.spec.trafficPolicy, s.trafficPolicy, port.port),
        });
      for (const v of variants) {
        const name = buildSubsetKey('outbound', v.subset, svc.hostname, port.port);
        const cluster = baseCluster(snapshot, name, svc, port);
        applyTrafficPolicy(cluster, v.policy, snapshot, {
          serviceAccounts,
          registry: svc.registry,
          sni: buildDnsSrvSubsetKey(v.subset, svc.hostname, port.port),
          autoMtls: snapshot.meshConfig.enableAutoMtls,
          meshExternal: svc.meshExternal,
          serviceMtlsMode,
        });
        const istioMeta = serviceMetadata(svc);
        if (dr !== undefined) istioMeta['config'] = configPath(dr.config.meta);
        if (v.subset !== '') istioMeta['subset'] = v.subset;
        cluster.metadata = { filter_metadata: { istio: istioMeta } };
        clusters.push(cluster);
        if (cluster.type === 'EDS')
          endpoints.push(
            buildClusterLoadAssignment(snapshot, name, svc, port.port, v.labels, v.policy?.tls !== undefined),
          );
      }
    }
  }
  return { clusters, endpoints };
}

/** Istio's InboundPassthroughBindIpv4, the local address of inbound clusters' connections. */
const INBOUND_PASSTHROUGH_BIND = Object.freeze({ source_address: { address: '127.0.0.6', port_value: 0 } });

/** `inbound|<port>||`: hands a request to the application on the original destination (its own pod IP). */

export function buildInboundCluster(snapshot: MeshSnapshot, port: number, services: readonly ServiceModel[]): Cluster {
  const cluster: Cluster = { name: `inbound|${port}||`, type: 'ORIGINAL_DST' };
  applyConnectionPool(cluster, undefined, snapshot.meshConfig.connectTimeout);
  cluster.lb_policy = 'CLUSTER_PROVIDED';
  // Istio's InboundPassthroughBindIpv4: istio-init lets connections from this address reach the application,
  // so a pod calling its own Service (outbound → own inbound) is not sent back into Envoy again.
  cluster.upstream_bind_config = INBOUND_PASSTHROUGH_BIND;
  cluster.metadata = {
    filter_metadata: {
      istio: { services: services.map((s) => ({ host: s.hostname, name: s.name, namespace: s.namespace })) },
    },
  };
  return cluster;
}

/** The clusters every Istio proxy has: PassthroughCluster, BlackHoleCluster and (sidecars) InboundPassthroughCluster. */
export function buildFixedClusters(snapshot: MeshSnapshot, sidecar: boolean): Cluster[] {
  const passthrough: Cluster = { name: PASSTHROUGH_CLUSTER, type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' };
  applyConnectionPool(passthrough, undefined, snapshot.meshConfig.connectTimeout);
  const blackhole: Cluster = {
    name: BLACKHOLE_CLUSTER,
    type: 'STATIC',
    connect_timeout: snapshot.meshConfig.connectTimeout,
    load_assignment: { cluster_name: BLACKHOLE_CLUSTER },
  };
  const out = [blackhole, passthrough];
  if (sidecar) {
    const inbound: Cluster = {
      name: INBOUND_PASSTHROUGH_CLUSTER,
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
      upstream_bind_config: INBOUND_PASSTHROUGH_BIND,
    };
    applyConnectionPool(inbound, undefined, snapshot.meshConfig.connectTimeout);
    out.push(inbound);
  }
  return out;
}
