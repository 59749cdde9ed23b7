/**
 * The Envoy-style data plane: one `EnvoyProxy` per sidecar or gateway, configured with xDS resources
 * (src/mesh/xds) and serving on a NetHost. HTTP filters are extensions registered by name (filters/, one
 * folder each). Pluggable modules (load balancer, circuit breaker, outlier detector, rate limiter, route
 * matcher, extra HTTP filters) come in through `ProxyExtensions`.
 */
export { EnvoyProxy, type ApplyResult, type ProxyOptions } from './proxy';
export type { CaBundleFile } from './secrets';
export { runEnvoyMain, type EnvoyMainOptions, type EnvoyProcess } from './bootstrap/envoy-main';
export { loadBootstrap, type Bootstrap, type BootstrapLoad } from './bootstrap/load-bootstrap';
export { PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER, spiffeId, type PeerMetadata, type ProxyNode } from './node';
export { PluginError, type ProxyExtensions } from './extensions';
export {
  RouteTable,
  stripPort,
  type RouteMatcher,
  type RouteMatcherFactory,
  type RouteMatchInput,
  type RouteMatchResult,
} from './router/route-table';
export { RetryStatus, retryBackOffMs } from './router/retry-state';
export { shadowAuthority } from './router/mirror';
export { ResponseFlag, formatResponseFlags } from './stream-info';
export { LocalReplyBody, localReply } from './http/local-reply';
export type { ActiveStream } from './http/active-stream';
export type { FilterResult, HttpFilter, HttpFilterFactory, HttpFilterFactoryContext } from './http/filter';
export { validateProxyConfig } from './config/validate';
export { AdminServer } from './admin/admin-server';
export { AccessLog } from './admin/access-log';
export { formatIsoTime } from './admin/time-format';
export { routeConfigurationAsDumped } from './admin/config-dump';
export { IstioMetrics } from './stats/istio-metrics';
export { StatsStore } from './stats/store';
export { ClusterStats } from './stats/cluster-stats';
export type { ProxyConfig } from './config/proxy-config';
export type { UpstreamCluster } from './upstream/upstream-cluster';
export * from './upstream/index';
export * from './ratelimit/index';
export * from './inspect/index';
