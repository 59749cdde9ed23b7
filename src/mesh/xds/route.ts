import type { Duration } from './duration';
import type { Metadata, RegexMatcher, RuntimeFractionalPercent, StringMatcher, TypedConfig } from './common';

export interface RouteConfiguration {
  name: string;
  virtual_hosts: VirtualHost[];
  /** Match virtual-host domains on the host without its `:port`. */
  ignore_port_in_host_matching?: boolean;
  validate_clusters?: boolean;
  request_headers_to_add?: HeaderValueOption[];
  response_headers_to_add?: HeaderValueOption[];
}

export interface VirtualHost {
  name: string;
  /**
   * Host/authority values this virtual host serves: exact (`reviews`, `reviews:9080`,
   * `10.96.0.5:9080`), suffix wildcard (`*.example.com`), prefix wildcard (`reviews.*`) or `*`.
   * Matching is case-insensitive; exact beats suffix beats prefix beats `*`, longer wildcards first.
   */
  domains: string[];
  /** In order: the first route whose match succeeds wins. */
  routes: Route[];
  retry_policy?: RetryPolicy;
  typed_per_filter_config?: TypedPerFilterConfig;
  include_request_attempt_count?: boolean;
}

/**
 * Per-route overrides of HTTP filters, keyed by filter name (Envoy: `map<string, google.protobuf.Any>`):
 * `envoy.filters.http.fault` → HTTPFault, `envoy.filters.http.rbac` → RBACPerRoute,
 * `envoy.filters.http.local_ratelimit` → LocalRateLimit (http-filters.ts), or any other filter's message.
 */
export type TypedPerFilterConfig = Record<string, TypedConfig>;

/**
 * Our own `filter_metadata` namespace on a route: which `http[i]` of its VirtualService and which of that
 * rule's matches it was translated from (`{ http, match }`), for the request inspector. No Envoy reads it,
 * and the config dump leaves it out.
 */
export const ROUTE_PROVENANCE_KEY = 'meshdojo.io/route';

export interface Route {
  name?: string;
  match: RouteMatch;
  /** Exactly one of route, direct_response, redirect. */
  route?: RouteAction;
  direct_response?: { status: number; body?: { inline_string: string } };
  redirect?: RedirectAction;
  typed_per_filter_config?: TypedPerFilterConfig;
  metadata?: Metadata;
  /** The route's tracing operation name; `propagate` (default true) also sends it as x-envoy-decorator-operation. */
  decorator?: { operation: string; propagate?: boolean };
  request_headers_to_add?: HeaderValueOption[];
  request_headers_to_remove?: string[];
  response_headers_to_add?: HeaderValueOption[];
  response_headers_to_remove?: string[];
}

/**
 * Exactly one path specifier (prefix, path, safe_regex); every other condition must also hold (AND).
 * `path` and `safe_regex` look at the path without its query string; `safe_regex` must match it whole.
 */
export interface RouteMatch {
  prefix?: string;
  path?: string;
  safe_regex?: RegexMatcher;
  /** Default true. */
  case_sensitive?: boolean;
  headers?: HeaderMatcher[];
  query_parameters?: QueryParameterMatcher[];
  runtime_fraction?: RuntimeFractionalPercent;
}

/**
 * A header condition. Pseudo-headers `:method`, `:authority`, `:path`, `:scheme` are matched too.
 * Exactly one of string_match and present_match; invert_match negates the result.
 */
export interface HeaderMatcher {
  name: string;
  string_match?: StringMatcher;
  present_match?: boolean;
  invert_match?: boolean;
  treat_missing_header_as_empty?: boolean;
}

export interface QueryParameterMatcher {
  name: string;
  string_match?: StringMatcher;
  present_match?: boolean;
}

/** Envoy's RedirectAction: unset parts keep the request's own scheme, host, port and path. */
export interface RedirectAction {
  scheme_redirect?: string;
  host_redirect?: string;
  port_redirect?: number;
  path_redirect?: string;
  prefix_rewrite?: string;
  /** Default MOVED_PERMANENTLY (301). */
  response_code?: 'MOVED_PERMANENTLY' | 'FOUND' | 'SEE_OTHER' | 'TEMPORARY_REDIRECT' | 'PERMANENT_REDIRECT';
}

export interface HeaderValueOption {
  header: { key: string; value: string };
  append_action?: 'APPEND_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS_OR_ADD';
}

export interface WeightedCluster {
  name: string;
  weight: number;
  typed_per_filter_config?: TypedPerFilterConfig;
  request_headers_to_add?: HeaderValueOption[];
}

export interface RouteAction {
  /** Exactly one of cluster and weighted_clusters. */
  cluster?: string;
  weighted_clusters?: { clusters: WeightedCluster[]; total_weight?: number };
  /** Covers all tries. Absent or "0s": no timeout (Istio's default; Envoy's own 15 s is not modelled). */
  timeout?: Duration;
  retry_policy?: RetryPolicy;
  request_mirror_policies?: RequestMirrorPolicy[];
  hash_policy?: HashPolicy[];
  prefix_rewrite?: string;
  /** RE2 pattern replaced (globally) in the path; `\\1` in the substitution refers to a group. */
  regex_rewrite?: { pattern: RegexMatcher; substitution: string };
  host_rewrite_literal?: string;
  idle_timeout?: Duration;
}

export interface RetryPolicy {
  /** Comma-separated: 5xx, gateway-error, reset, connect-failure, refused-stream, retriable-4xx,
   * retriable-status-codes, unavailable, cancelled, deadline-exceeded, resource-exhausted. */
  retry_on: string;
  /** Default 1, as in Envoy. */
  num_retries?: number;
  per_try_timeout?: Duration;
  retry_host_predicate?: Array<{ name: string; typed_config?: Record<string, unknown> }>;
  host_selection_retry_max_attempts?: number;
  retriable_status_codes?: number[];
  retry_back_off?: { base_interval: Duration; max_interval?: Duration };
}

export interface RequestMirrorPolicy {
  cluster: string;
  /** Absent: every request is mirrored. */
  runtime_fraction?: RuntimeFractionalPercent;
}

/** Exactly one of header, cookie, connection_properties, query_parameter. */
export interface HashPolicy {
  header?: { header_name: string };
  cookie?: { name: string; ttl?: Duration; path?: string };
  connection_properties?: { source_ip: boolean };
  query_parameter?: { name: string };
  terminal?: boolean;
}
