import type { Cluster, LbPolicy, OutlierDetection as EnvoyOutlierDetection } from '../../xds';
import { ISTIO_UNLIMITED_THRESHOLD } from '../../xds';
import type {
  ConnectionPoolSettings,
  LoadBalancerSettings,
  OutlierDetection,
  TrafficPolicy,
  TrafficPolicyBlocks,
} from '../model/istio-api';
import { toEnvoyDuration } from '../model/duration';

/**
 * Port-level settings for `port` replace the destination-level blocks wholesale: a block the port level
 * leaves out falls back to the default, not to the destination level (Istio's GetPortLevelTrafficPolicy).
 */
export function getPortLevelTrafficPolicy(
  policy: TrafficPolicy | undefined,
  port: number,
): { policy: TrafficPolicyBlocks | undefined; hasPortLevel: boolean } {
  if (policy === undefined) return { policy: undefined, hasPortLevel: false };
  const portLevel = policy.portLevelSettings?.find((p) => p.port?.number === port);
  if (portLevel === undefined) return { policy: pickBlocks(policy), hasPortLevel: false };
  return { policy: pickBlocks(portLevel), hasPortLevel: true };
}

function pickBlocks(p: TrafficPolicyBlocks): TrafficPolicyBlocks {
  const out: TrafficPolicyBlocks = {};
  if (p.connectionPool !== undefined) out.connectionPool = p.connectionPool;
  if (p.outlierDetection !== undefined) out.outlierDetection = p.outlierDetection;
  if (p.loadBalancer !== undefined) out.loadBalancer = p.loadBalancer;
  if (p.tls !== undefined) out.tls = p.tls;
  return out;
}

/**
 * Istio's MergeSubsetTrafficPolicy: a subset's policy overrides the DestinationRule's block by block
 * (connectionPool, outlierDetection, loadBalancer, tls); blocks the subset does not set are inherited.
 */
export function mergeTrafficPolicy(
  original: TrafficPolicy | undefined,
  subset: TrafficPolicy | undefined,
  port: number,
): TrafficPolicyBlocks | undefined {
  const top = getPortLevelTrafficPolicy(original, port).policy;
  if (subset === undefined) return top;
  const { policy: sub, hasPortLevel } = getPortLevelTrafficPolicy(subset, port);
  if (top === undefined) return sub;
  const merged: TrafficPolicyBlocks = { ...top };
  const blocks = ['connectionPool', 'outlierDetection', 'loadBalancer', 'tls'] as const;
  for (const block of blocks) {
    if (sub?.[block] !== undefined || hasPortLevel) {
      const value = sub?.[block];
      if (value === undefined) delete merged[block];
      else (merged as Record<string, unknown>)[block] = value;
    }
  }
  return merged;
}

/**
 * Istio's applyConnectionPool: thresholds are always written, 2^32−1 for anything the DestinationRule
 * leaves unset (0 counts as unset, as in Istio), never Envoy's 1024/1024/1024/3.
 */
export function applyConnectionPool(
  cluster: Cluster,
  settings: ConnectionPoolSettings | undefined,
  defaultConnectTimeout: string,
): void {
  const threshold = {
    max_connections: ISTIO_UNLIMITED_THRESHOLD,
    max_pending_requests: ISTIO_UNLIMITED_THRESHOLD,
    max_requests: ISTIO_UNLIMITED_THRESHOLD,
    max_retries: ISTIO_UNLIMITED_THRESHOLD,
    track_remaining: true,
  };
  const http = settings?.http;
  const tcp = settings?.tcp;
  if ((http?.http2MaxRequests ?? 0) > 0) threshold.max_requests = http?.http2MaxRequests ?? 0;
  if ((http?.http1MaxPendingRequests ?? 0) > 0) threshold.max_pending_requests = http?.http1MaxPendingRequests ?? 0;
  if ((http?.maxRetries ?? 0) > 0) threshold.max_retries = http?.maxRetries ?? 0;
  if ((tcp?.maxConnections ?? 0) > 0) threshold.max_connections = tcp?.maxConnections ?? 0;
  cluster.connect_timeout = toEnvoyDuration(tcp?.connectTimeout) ?? defaultConnectTimeout;
  cluster.circuit_breakers = { thresholds: [threshold] };
  const idle = toEnvoyDuration(http?.idleTimeout ?? tcp?.idleTimeout);
  const perConnection = http?.maxRequestsPerConnection ?? 0;
  if (idle !== undefined || perConnection > 0) {
    cluster.common_http_protocol_options = {};
    if (idle !== undefined) cluster.common_http_protocol_options.idle_timeout = idle;
    if (perConnection > 0) cluster.common_http_protocol_options.max_requests_per_connection = perConnection;
  }
}

/**
 * Istio's applyOutlierDetection: off unless the block is present; only fields the DestinationRule sets
 * are written (Envoy's defaults — 5 consecutive 5xx, 10 s interval, 30 s base ejection, 10 % — fill the
 * rest); a set threshold is enforced at 100 %, success-rate detection is off, and the panic threshold is
 * written even at 0 so Envoy's 50 % default never applies.
 */
export function applyOutlierDetection(cluster: Cluster, outlier: OutlierDetection | undefined): void {
  if (outlier === undefined) return;
  const out: EnvoyOutlierDetection = { enforcing_success_rate: 0 };
  if (outlier.consecutive5xxErrors !== undefined) {
    out.consecutive_5xx = outlier.consecutive5xxErrors;
    out.enforcing_consecutive_5xx = outlier.consecutive5xxErrors > 0 ? 100 : 0;
  }
  if (outlier.consecutiveGatewayErrors !== undefined) {
    out.consecutive_gateway_failure = outlier.consecutiveGatewayErrors;
    out.enforcing_consecutive_gateway_failure = outlier.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  const interval = toEnvoyDuration(outlier.interval);
  if (interval !== undefined) out.interval = interval;
  const base = toEnvoyDuration(outlier.baseEjectionTime);
  if (base !== undefined) out.base_ejection_time = base;
  if (outlier.maxEjectionPercent !== undefined && outlier.maxEjectionPercent > 0)
    out.max_ejection_percent = outlier.maxEjectionPercent;
  if (outlier.splitExternalLocalOriginErrors === true) {
    out.split_external_local_origin_errors = true;
    if (outlier.consecutiveLocalOriginFailures !== undefined && outlier.consecutiveLocalOriginFailures > 0)
      out.consecutive_local_origin_failure = outlier.consecutiveLocalOriginFailures;
  }
  cluster.outlier_detection = out;
  cluster.common_lb_config = {
    ...cluster.common_lb_config,
    healthy_panic_threshold: { value: Math.max(0, outlier.minHealthPercent ?? 0) },
  };
}

/** Istio's applyLoadBalancer: LEAST_REQUEST unless the DestinationRule picks another; consistent hash is a ring. */
export function applyLoadBalancer(cluster: Cluster, lb: LoadBalancerSettings | undefined): void {
  if (cluster.type === 'ORIGINAL_DST') {
    cluster.lb_policy = 'CLUSTER_PROVIDED';
    return;
  }
  const policies: Partial<Record<string, LbPolicy>> = {
    ROUND_ROBIN: 'ROUND_ROBIN',
    RANDOM: 'RANDOM',
    LEAST_REQUEST: 'LEAST_REQUEST',
    LEAST_CONN: 'LEAST_REQUEST',
  };
  if (lb?.simple === 'PASSTHROUGH') {
    cluster.type = 'ORIGINAL_DST';
    cluster.lb_policy = 'CLUSTER_PROVIDED';
    delete cluster.eds_cluster_config;
    delete cluster.load_assignment;
    return;
  }
  cluster.lb_policy = policies[lb?.simple ?? ''] ?? 'LEAST_REQUEST';
  const hash = lb?.consistentHash;
  if (hash !== undefined) {
    if (hash.maglev !== undefined) cluster.lb_policy = 'MAGLEV';
    else {
      cluster.lb_policy = 'RING_HASH';
      cluster.ring_hash_lb_config = {
        minimum_ring_size: hash.ringHash?.minimumRingSize ?? hash.minimumRingSize ?? 1024,
      };
    }
  }
}
