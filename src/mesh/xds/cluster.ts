import type { Duration } from './duration';
import type { ConfigSource, Metadata, Percent } from './common';
import type { ClusterLoadAssignment } from './endpoint';
import type { TransportSocket } from './tls';

export type DiscoveryType = 'EDS' | 'STATIC' | 'ORIGINAL_DST' | 'STRICT_DNS' | 'LOGICAL_DNS';
export type LbPolicy = 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RANDOM' | 'RING_HASH' | 'MAGLEV' | 'CLUSTER_PROVIDED';

/**
 * An upstream cluster. Names follow Istio: `outbound|<port>|<subset>|<fqdn>`, `inbound|<port>||`,
 * `PassthroughCluster`, `BlackHoleCluster`.
 */
export interface Cluster {
  name: string;
  type: DiscoveryType;
  eds_cluster_config?: { service_name?: string; eds_config?: ConfigSource };
  /** Endpoints of a STATIC (or DNS) cluster. */
  load_assignment?: ClusterLoadAssignment;
  connect_timeout?: Duration;
  /** The local address upstream connections bind to (Istio's inbound clusters: 127.0.0.6). */
  upstream_bind_config?: { source_address: { address: string; port_value: number } };
  /** Envoy's default is ROUND_ROBIN; Istio emits LEAST_REQUEST unless a DestinationRule says otherwise. */
  lb_policy?: LbPolicy;
  least_request_lb_config?: { choice_count?: number };
  ring_hash_lb_config?: { minimum_ring_size?: number; maximum_ring_size?: number };
  common_lb_config?: {
    /** Below this share of healthy hosts the balancer ignores health (panic). Absent: 0, panic off (Istio). */
    healthy_panic_threshold?: Percent;
  };
  circuit_breakers?: CircuitBreakers;
  outlier_detection?: OutlierDetection;
  common_http_protocol_options?: { max_requests_per_connection?: number; idle_timeout?: Duration };
  /** Used for every endpoint unless a transport_socket_matches entry matches its metadata. */
  transport_socket?: TransportSocket;
  /** Istio's auto mTLS: endpoints whose `envoy.transport_socket_match` metadata has `tlsMode: istio`. */
  transport_socket_matches?: Array<{ name: string; match?: Record<string, string>; transport_socket: TransportSocket }>;
  metadata?: Metadata;
  alt_stat_name?: string;
  typed_extension_protocol_options?: {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions'?: HttpProtocolOptions;
  };
}

/** Upstream HTTP options; `auto_sni` sends the request's host as SNI when the cluster originates TLS. */
export interface HttpProtocolOptions {
  '@type'?: string;
  upstream_http_protocol_options?: { auto_sni?: boolean; auto_san_validation?: boolean };
}

/**
 * Absent fields mean "unlimited" (2^32−1) — Istio's defaults, not Envoy's 1024/1024/1024/3 — because
 * Istio always writes thresholds and writes 2^32−1 where a DestinationRule sets nothing.
 */
export interface CircuitBreakers {
  thresholds?: Array<{
    priority?: 'DEFAULT' | 'HIGH';
    max_connections?: number;
    max_pending_requests?: number;
    max_requests?: number;
    max_retries?: number;
    track_remaining?: boolean;
  }>;
}

/** Envoy's outlier detection. Present = enabled; field defaults are Envoy's (consecutive_5xx 5, interval 10s,
 * base_ejection_time 30s, max_ejection_percent 10, max_ejection_time 300s, enforcing_consecutive_5xx 100). */
export interface OutlierDetection {
  consecutive_5xx?: number;
  interval?: Duration;
  base_ejection_time?: Duration;
  max_ejection_percent?: number;
  enforcing_consecutive_5xx?: number;
  consecutive_gateway_failure?: number;
  enforcing_consecutive_gateway_failure?: number;
  enforcing_success_rate?: number;
  max_ejection_time?: Duration;
  split_external_local_origin_errors?: boolean;
  consecutive_local_origin_failure?: number;
}
