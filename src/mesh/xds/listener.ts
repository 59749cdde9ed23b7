import type { Address, ConfigSource, Percent } from './common';
import type { RouteConfiguration } from './route';
import type { HTTPFault, LocalRateLimit, RBAC } from './http-filters';
import type { TransportSocket } from './tls';
import type { AccessLog } from './access-log';

/**
 * A listener: where the proxy accepts traffic and what it does with it. Istio's sidecar has a bound
 * `virtualOutbound` (0.0.0.0:15001, `use_original_dst: true`) and `virtualInbound` (0.0.0.0:15006) plus
 * per-port outbound listeners with `bind_to_port: false` that only original-destination dispatch reaches.
 * Gateways bind plain port listeners (0.0.0.0:8080).
 */
export interface Listener {
  name: string;
  address: Address;
  filter_chains: FilterChain[];
  default_filter_chain?: FilterChain;
  /** Hand captured connections to the listener for their original destination (iptables REDIRECT). */
  use_original_dst?: boolean;
  /** false: never bound itself, reachable only through another listener's original-dst dispatch. */
  bind_to_port?: boolean;
  traffic_direction?: 'UNSPECIFIED' | 'INBOUND' | 'OUTBOUND';
  listener_filters?: Array<{ name: string; typed_config?: Record<string, unknown> }>;
  continue_on_listener_filters_timeout?: boolean;
}

export interface CidrRange {
  address_prefix: string;
  prefix_len?: number;
}

export interface FilterChainMatch {
  destination_port?: number;
  prefix_ranges?: CidrRange[];
  /** `tls` for connections that arrived with TLS, `raw_buffer` for plaintext. */
  transport_protocol?: string;
  application_protocols?: string[];
  server_names?: string[];
}

export interface FilterChain {
  name?: string;
  filter_chain_match?: FilterChainMatch;
  filters: NetworkFilter[];
  /** DownstreamTlsContext: the chain terminates (m)TLS. */
  transport_socket?: TransportSocket;
}

/**
 * A network filter. The data plane runs `envoy.filters.network.http_connection_manager`, or
 * `envoy.filters.network.tcp_proxy` which relays each connection to its cluster (byte streams as they are, an
 * HTTP request as is), with `envoy.filters.network.rbac` before either and, in front of tcp_proxy, `istio.stats`
 * (Istio's TCP metrics); other network filters (istio.metadata_exchange, …) are accepted and ignored.
 */
export type NetworkFilter =
  | { name: 'envoy.filters.network.http_connection_manager'; typed_config: HttpConnectionManager }
  | { name: 'envoy.filters.network.tcp_proxy'; typed_config: TcpProxy }
  | { name: 'envoy.filters.network.rbac'; typed_config: NetworkRbac }
  | { name: string; typed_config?: Record<string, unknown> };

export interface TcpProxy {
  '@type'?: string;
  stat_prefix: string;
  /** Exactly one of cluster and weighted_clusters (each connection goes to one cluster, picked by weight). */
  cluster?: string;
  weighted_clusters?: { clusters: Array<{ name: string; weight: number }> };
  access_log?: AccessLog[];
}

/** HttpConnectionManager.Tracing: the sampling percentages (Envoy's `type.v3.Percent`, 0–100). */
export interface HcmTracing {
  client_sampling?: Percent;
  random_sampling?: Percent;
  overall_sampling?: Percent;
}

/** envoy.filters.network.rbac: the connection-level RBAC Istio puts on TCP chains (stat_prefix `tcp.`). */
export interface NetworkRbac extends RBAC {
  '@type'?: string;
  stat_prefix: string;
}

export interface HttpConnectionManager {
  '@type'?: string;
  stat_prefix: string;
  /** Exactly one of route_config (inline) and rds. */
  route_config?: RouteConfiguration;
  rds?: { route_config_name: string; config_source?: ConfigSource };
  http_filters: HttpFilter[];
  codec_type?: 'AUTO' | 'HTTP1' | 'HTTP2';
  /** Remove the `:port` from the Host header before virtual-host matching. */
  strip_any_host_port?: boolean;
  /** Value of the `server` header on responses; Envoy's default is `envoy`. */
  server_name?: string;
  use_remote_address?: boolean;
  forward_client_cert_details?: 'SANITIZE' | 'FORWARD_ONLY' | 'APPEND_FORWARD' | 'SANITIZE_SET' | 'ALWAYS_FORWARD_ONLY';
  access_log?: AccessLog[];
  /**
   * Present: requests are traced. Besides spans, this makes the connection manager pass a route's
   * `decorator.operation` on as `x-envoy-decorator-operation` (egress) or consume that header (ingress).
   */
  tracing?: HcmTracing;
}

/** HTTP filters in the order they run; the last one must be the router. */
export type HttpFilter =
  | { name: 'envoy.filters.http.fault'; typed_config?: HTTPFault & { '@type'?: string } }
  | { name: 'envoy.filters.http.rbac'; typed_config?: RBAC & { '@type'?: string } }
  | { name: 'envoy.filters.http.local_ratelimit'; typed_config?: LocalRateLimit & { '@type'?: string } }
  | { name: 'istio.stats'; typed_config?: Record<string, unknown> }
  | { name: 'envoy.filters.http.router'; typed_config?: Record<string, unknown> }
  | { name: string; typed_config?: Record<string, unknown> };
