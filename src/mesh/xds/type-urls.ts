/** Type URLs as Envoy prints them in `@type` fields and as xDS carries them. */
export const TYPE_URL = {
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routeConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  clusterLoadAssignment: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
  httpConnectionManager:
    'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  httpFault: 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
  rbac: 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
  rbacPerRoute: 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBACPerRoute',
  localRateLimit: 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
  router: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  istioStats: 'type.googleapis.com/stats.PluginConfig',
  fileAccessLog: 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
  celAccessLogFilter: 'type.googleapis.com/envoy.extensions.access_loggers.filters.cel.v3.ExpressionFilter',
  upstreamTlsContext: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  downstreamTlsContext: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  listenersConfigDump: 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
  routesConfigDump: 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
  clustersConfigDump: 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
  endpointsConfigDump: 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
  secretsConfigDump: 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
  bootstrapConfigDump: 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
} as const;

/** Names of the filters this data plane knows (Envoy's well-known names). */
export const FILTER_NAME = {
  httpConnectionManager: 'envoy.filters.network.http_connection_manager',
  tcpProxy: 'envoy.filters.network.tcp_proxy',
  fault: 'envoy.filters.http.fault',
  rbac: 'envoy.filters.http.rbac',
  localRateLimit: 'envoy.filters.http.local_ratelimit',
  istioStats: 'istio.stats',
  router: 'envoy.filters.http.router',
  tls: 'envoy.transport_sockets.tls',
  fileAccessLog: 'envoy.access_loggers.file',
  celAccessLogFilter: 'envoy.access_loggers.extension_filters.cel',
  previousHosts: 'envoy.retry_host_predicates.previous_hosts',
} as const;
