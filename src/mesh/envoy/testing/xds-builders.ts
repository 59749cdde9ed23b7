/**
 * A miniature of istiod's translation, for tests and benchmarks of the data plane: enough to build the
 * sidecar config Istio would push for a few services. Not the control plane (that lives in istiod/).
 */
import type {
  Cluster,
  ClusterLoadAssignment,
  ConfigUpdate,
  Route,
  RouteConfiguration,
  Secret,
  TransportSocket,
  VirtualHost,
} from '../../xds/index';
import { encodeSimCertificate, FILTER_NAME, ISTIO_DEFAULT_RETRY_POLICY, TYPE_URL } from '../../xds/index';
import { inboundListener, outboundListeners } from './listener-builders';

export { inboundListener, outboundListeners };

export interface ServiceSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly endpoints: ReadonlyArray<{
    ip: string;
    labels?: Record<string, string>;
    sidecar?: boolean;
    targetPort?: number;
  }>;
}

export function fqdn(s: ServiceSpec): string {
  return `${s.name}.${s.namespace ?? 'default'}.svc.cluster.local`;
}

export function outboundClusterName(s: ServiceSpec, subset = ''): string {
  return `outbound|${s.port}|${subset}|${fqdn(s)}`;
}

export const MTLS_TRANSPORT_SOCKET = (serverSa: string): TransportSocket => ({
  name: FILTER_NAME.tls,
  typed_config: {
    '@type': TYPE_URL.upstreamTlsContext,
    common_tls_context: {
      tls_certificate_sds_secret_configs: [{ name: 'default' }],
      combined_validation_context: {
        default_validation_context: { match_subject_alt_names: [{ exact: serverSa }] },
        validation_context_sds_secret_config: { name: 'ROOTCA' },
      },
    },
  },
});

export function outboundCluster(s: ServiceSpec, overrides: Partial<Cluster> = {}, mtlsServerSa?: string): Cluster {
  return {
    name: outboundClusterName(s),
    type: 'EDS',
    eds_cluster_config: { service_name: outboundClusterName(s) },
    connect_timeout: '10s',
    lb_policy: 'LEAST_REQUEST',
    circuit_breakers: {
      thresholds: [
        {
          max_connections: 4294967295,
          max_pending_requests: 4294967295,
          max_requests: 4294967295,
          max_retries: 4294967295,
          track_remaining: true,
        },
      ],
    },
    common_lb_config: {},
    metadata: {
      filter_metadata: { istio: { services: [{ host: fqdn(s), name: s.name, namespace: s.namespace ?? 'default' }] } },
    },
    ...(mtlsServerSa !== undefined && {
      transport_socket_matches: [
        { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transport_socket: MTLS_TRANSPORT_SOCKET(mtlsServerSa) },
        {
          name: 'tlsMode-disabled',
          match: {},
          transport_socket: { name: 'envoy.transport_sockets.raw_buffer', typed_config: { common_tls_context: {} } },
        },
      ],
    }),
    ...overrides,
  };
}

export function endpointsFor(s: ServiceSpec, clusterName = outboundClusterName(s)): ClusterLoadAssignment {
  return {
    cluster_name: clusterName,
    endpoints: [
      {
        lb_endpoints: s.endpoints.map((e) => ({
          endpoint: { address: { socket_address: { address: e.ip, port_value: e.targetPort ?? s.port } } },
          metadata: {
            filter_metadata: {
              istio: {
                workload: `${s.name}-${e.labels?.['version'] ?? 'v1'};${s.namespace ?? 'default'};${e.labels?.['app'] ?? s.name};${e.labels?.['version'] ?? 'v1'};Kubernetes`,
              },
              ...(e.sidecar !== false && { 'envoy.transport_socket_match': { tlsMode: 'istio' } }),
            },
          },
        })),
      },
    ],
  };
}

export function defaultRoute(cluster: string, name = 'default'): Route {
  return {
    name,
    match: { prefix: '/' },
    route: { cluster, timeout: '0s', retry_policy: { ...ISTIO_DEFAULT_RETRY_POLICY } },
  };
}

export function virtualHostFor(s: ServiceSpec, routes: Route[]): VirtualHost {
  const f = fqdn(s);
  const ns = s.namespace ?? 'default';
  return {
    name: `${f}:${s.port}`,
    domains: [f, `${f}:${s.port}`, s.name, `${s.name}:${s.port}`, `${s.name}.${ns}`, `${s.name}.${ns}:${s.port}`],
    routes,
  };
}

export function routeConfig(port: number, virtualHosts: VirtualHost[]): RouteConfiguration {
  return { name: String(port), virtual_hosts: virtualHosts };
}

export const PASSTHROUGH_CLUSTER: Cluster = {
  name: 'PassthroughCluster',
  type: 'ORIGINAL_DST',
  lb_policy: 'CLUSTER_PROVIDED',
  connect_timeout: '10s',
};

export function inboundCluster(port: number, service?: ServiceSpec): Cluster {
  return {
    name: `inbound|${port}||`,
    type: 'ORIGINAL_DST',
    lb_policy: 'CLUSTER_PROVIDED',
    connect_timeout: '10s',
    upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
    ...(service !== undefined && {
      metadata: {
        filter_metadata: {
          istio: { services: [{ host: fqdn(service), name: service.name, namespace: service.namespace ?? 'default' }] },
        },
      },
    }),
  };
}

export function workloadSecrets(spiffe: string, clockMs = 0): Secret[] {
  return [
    {
      name: 'default',
      tls_certificate: {
        certificate_chain: {
          inline_string: encodeSimCertificate({
            uri: spiffe,
            serial: '1',
            notBefore: clockMs,
            notAfter: clockMs + 86_400_000,
            issuer: 'cluster.local',
          }),
        },
        private_key: { inline_string: '[redacted]' },
      },
    },
    {
      name: 'ROOTCA',
      validation_context: {
        trusted_ca: { inline_string: '-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n' },
      },
    },
  ];
}

/** The whole push for a sidecar that calls `services` and serves `ownPorts`. */
export function sidecarUpdate(options: {
  services: ServiceSpec[];
  ownPorts?: number[];
  ownService?: ServiceSpec;
  spiffe?: string;
  mtls?: 'STRICT' | 'PERMISSIVE';
  /** Per service name: the routes of its virtual host (default: Istio's default route). */
  routes?: Record<string, Route[]>;
  /** Per service name: cluster overrides (breakers, outlier detection, lb policy…). */
  clusters?: Record<string, Partial<Cluster>>;
  serverSa?: Record<string, string>;
  extraClusters?: Cluster[];
  extraEndpoints?: ClusterLoadAssignment[];
  version?: string;
}): ConfigUpdate {
  const ports = [...new Set(options.services.map((s) => s.port))];
  const routes = ports.map((port) =>
    routeConfig(
      port,
      options.services
        .filter((s) => s.port === port)
        .map((s) => virtualHostFor(s, options.routes?.[s.name] ?? [defaultRoute(outboundClusterName(s))])),
    ),
  );
  const own = options.ownPorts ?? [];
  return {
    listeners: [
      ...outboundListeners(ports),
      ...(own.length > 0 ? [inboundListener(own, options.mtls === undefined ? {} : { mtls: options.mtls })] : []),
    ],
    routes,
    clusters: [
      PASSTHROUGH_CLUSTER,
      ...options.services.map((s) => outboundCluster(s, options.clusters?.[s.name] ?? {}, options.serverSa?.[s.name])),
      ...own.map((p) => inboundCluster(p, options.ownService)),
      ...(options.extraClusters ?? []),
    ],
    endpoints: [...options.services.map((s) => endpointsFor(s)), ...(options.extraEndpoints ?? [])],
    secrets: options.spiffe === undefined ? [] : workloadSecrets(options.spiffe),
    version_info: options.version ?? '1',
  };
}
