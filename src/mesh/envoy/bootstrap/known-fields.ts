/**
 * The fields of the bootstrap messages a static Envoy config is built from, so a typo (`cluster_name:` for
 * `cluster:`, `hosts:` from the v2 API) stops Envoy the way protobuf's JSON parser does: "has unknown fields".
 * Each message lists its fields; a field whose value is itself a listed message names it (`[]` for a list of
 * them). Fields holding messages we do not walk (metadata, retry policies, circuit breakers, …) name nothing
 * and are left to the xDS validation. Proto3 JSON also accepts lowerCamelCase names, so `portValue` is
 * `port_value`.
 */
type FieldSpec = Record<string, string | null>;

const MESSAGES: Record<string, FieldSpec> = {
  Bootstrap: {
    node: null,
    static_resources: 'StaticResources',
    dynamic_resources: null,
    admin: 'Admin',
    cluster_manager: null,
    layered_runtime: null,
    stats_config: null,
    stats_sinks: null,
    stats_flush_interval: null,
    overload_manager: null,
    watchdogs: null,
    tracing: null,
  },
  StaticResources: { listeners: 'Listener[]', clusters: 'Cluster[]', secrets: null },
  Admin: { address: 'Address', access_log: null, access_log_path: null, profile_path: null },
  Address: { socket_address: 'SocketAddress', pipe: null, envoy_internal_address: null },
  SocketAddress: {
    address: null,
    port_value: null,
    protocol: null,
    named_port: null,
    resolver_name: null,
    ipv4_compat: null,
  },
  Listener: {
    name: null,
    address: 'Address',
    filter_chains: 'FilterChain[]',
    default_filter_chain: 'FilterChain',
    listener_filters: null,
    use_original_dst: null,
    bind_to_port: null,
    traffic_direction: null,
    per_connection_buffer_limit_bytes: null,
    access_log: null,
    stat_prefix: null,
  },
  FilterChain: { name: null, filter_chain_match: null, filters: 'Filter[]', transport_socket: null },
  Filter: { name: null, typed_config: null },
  HttpConnectionManager: {
    '@type': null,
    stat_prefix: null,
    codec_type: null,
    route_config: 'RouteConfiguration',
    rds: null,
    http_filters: 'HttpFilter[]',
    access_log: null,
    server_name: null,
    use_remote_address: null,
    strip_any_host_port: null,
    tracing: null,
    generate_request_id: null,
    forward_client_cert_details: null,
    normalize_path: null,
    merge_slashes: null,
    common_http_protocol_options: null,
    http_protocol_options: null,
    http2_protocol_options: null,
    upgrade_configs: null,
    stream_idle_timeout: null,
    request_timeout: null,
    xff_num_trusted_hops: null,
  },
  HttpFilter: { name: null, typed_config: null, disabled: null, is_optional: null },
  RouteConfiguration: {
    name: null,
    virtual_hosts: 'VirtualHost[]',
    validate_clusters: null,
    ignore_port_in_host_matching: null,
    request_headers_to_add: null,
    response_headers_to_add: null,
    request_headers_to_remove: null,
    response_headers_to_remove: null,
  },
  VirtualHost: {
    name: null,
    domains: null,
    routes: 'Route[]',
    retry_policy: null,
    typed_per_filter_config: null,
    include_request_attempt_count: null,
    request_headers_to_add: null,
    response_headers_to_add: null,
    request_headers_to_remove: null,
    response_headers_to_remove: null,
    require_tls: null,
  },
  Route: {
    name: null,
    match: 'RouteMatch',
    route: 'RouteAction',
    direct_response: 'DirectResponseAction',
    redirect: null,
    typed_per_filter_config: null,
    metadata: null,
    decorator: null,
    request_headers_to_add: null,
    request_headers_to_remove: null,
    response_headers_to_add: null,
    response_headers_to_remove: null,
  },
  RouteMatch: {
    prefix: null,
    path: null,
    safe_regex: null,
    path_separated_prefix: null,
    case_sensitive: null,
    headers: null,
    query_parameters: null,
    runtime_fraction: null,
    grpc: null,
  },
  RouteAction: {
    cluster: null,
    weighted_clusters: 'WeightedCluster',
    cluster_header: null,
    timeout: null,
    retry_policy: null,
    request_mirror_policies: null,
    hash_policy: null,
    prefix_rewrite: null,
    regex_rewrite: null,
    host_rewrite_literal: null,
    auto_host_rewrite: null,
    idle_timeout: null,
  },
  WeightedCluster: { clusters: 'ClusterWeight[]', total_weight: null, runtime_key_prefix: null },
  ClusterWeight: {
    name: null,
    weight: null,
    typed_per_filter_config: null,
    request_headers_to_add: null,
    request_headers_to_remove: null,
    response_headers_to_add: null,
    response_headers_to_remove: null,
  },
  DirectResponseAction: { status: null, body: 'DataSource' },
  DataSource: { inline_string: null, inline_bytes: null, filename: null, environment_variable: null },
  Cluster: {
    name: null,
    type: null,
    connect_timeout: null,
    lb_policy: null,
    load_assignment: 'ClusterLoadAssignment',
    dns_lookup_family: null,
    dns_refresh_rate: null,
    respect_dns_ttl: null,
    circuit_breakers: null,
    outlier_detection: null,
    health_checks: null,
    common_lb_config: null,
    least_request_lb_config: null,
    typed_extension_protocol_options: null,
    transport_socket: null,
    http2_protocol_options: null,
    per_connection_buffer_limit_bytes: null,
    alt_stat_name: null,
    metadata: null,
  },
  ClusterLoadAssignment: { cluster_name: null, endpoints: 'LocalityLbEndpoints[]', policy: null },
  LocalityLbEndpoints: { locality: null, lb_endpoints: 'LbEndpoint[]', load_balancing_weight: null, priority: null },
  LbEndpoint: { endpoint: 'Endpoint', health_status: null, metadata: null, load_balancing_weight: null },
  Endpoint: { address: 'Address', hostname: null, health_check_config: null },
};

export type MessageName = keyof typeof MESSAGES;

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Rewrites lowerCamelCase field names to the proto's snake_case in place, and returns the first field no
 * message of that type has, as protobuf reports it: `(static_resources.clusters[0]) hosts`, or `hosts` at the top.
 */
export function normalizeFields(value: unknown, message: string, path = ''): string | undefined {
  const spec = MESSAGES[message];
  if (spec === undefined || !isObject(value)) return undefined;
  for (const key of Object.keys(value)) {
    const field: string = key in spec ? key : snakeCase(key);
    if (!(field in spec)) return path === '' ? key : `(${path}) ${key}`;
    if (field !== key) {
      value[field] = value[key];
      delete value[key];
    }
    const type = spec[field];
    if (type === null || type === undefined) continue;
    const fieldPath = path === '' ? field : `${path}.${field}`;
    const child = value[field];
    if (type.endsWith('[]')) {
      if (!Array.isArray(child)) continue;
      for (const [i, item] of child.entries()) {
        const unknown = normalizeFields(item, type.slice(0, -2), `${fieldPath}[${i}]`);
        if (unknown !== undefined) return unknown;
      }
    } else {
      const unknown = normalizeFields(child, type, fieldPath);
      if (unknown !== undefined) return unknown;
    }
  }
  return undefined;
}
