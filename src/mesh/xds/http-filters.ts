import type { Duration } from './duration';
import type { FractionalPercent, RuntimeFractionalPercent, StringMatcher } from './common';
import type { HeaderMatcher } from './route';

/**
 * envoy.filters.http.fault. Percentages are FractionalPercent; an absent percentage means 0 %: no
 * fault (Istio's rule "no percentage = no fault").
 */
export interface HTTPFault {
  delay?: { fixed_delay: Duration; percentage?: FractionalPercent };
  abort?: { http_status: number; percentage?: FractionalPercent };
  /** Only requests carrying all these headers are faulted. */
  headers?: HeaderMatcher[];
  max_active_faults?: number;
}

/** envoy.filters.http.local_ratelimit: a token bucket per route or per listener. */
export interface LocalRateLimit {
  stat_prefix: string;
  token_bucket?: { max_tokens: number; tokens_per_fill?: number; fill_interval: Duration };
  /** Fraction of requests the filter looks at (absent: none, as in Envoy). */
  filter_enabled?: RuntimeFractionalPercent;
  /** Fraction of over-limit requests actually refused with 429 (absent: none). */
  filter_enforced?: RuntimeFractionalPercent;
  response_headers_to_add?: Array<{ append_action?: string; header: { key: string; value: string } }>;
  status?: { code: number };
}

/** envoy.filters.http.rbac. Evaluated by the RBAC filter; policies match principals and permissions. */
export interface RBAC {
  rules?: RbacRules;
  shadow_rules?: RbacRules;
}

export interface RBACPerRoute {
  rbac?: RBAC;
}

export interface RbacRules {
  action: 'ALLOW' | 'DENY' | 'LOG';
  policies?: Record<string, RbacPolicy>;
}

export interface RbacPolicy {
  permissions: RbacPermission[];
  principals: RbacPrincipal[];
}

/** Exactly one member set. */
export interface RbacPermission {
  any?: boolean;
  and_rules?: { rules: RbacPermission[] };
  or_rules?: { rules: RbacPermission[] };
  not_rule?: RbacPermission;
  header?: HeaderMatcher;
  url_path?: { path: StringMatcher };
  destination_port?: number;
}

/** Exactly one member set. */
export interface RbacPrincipal {
  any?: boolean;
  and_ids?: { ids: RbacPrincipal[] };
  or_ids?: { ids: RbacPrincipal[] };
  not_id?: RbacPrincipal;
  /** Matches the peer certificate's URI SAN (`spiffe://cluster.local/ns/default/sa/sleep`). */
  authenticated?: { principal_name?: StringMatcher };
  header?: HeaderMatcher;
  direct_remote_ip?: { address_prefix: string; prefix_len?: number };
  remote_ip?: { address_prefix: string; prefix_len?: number };
  /** Matches the stream's dynamic metadata, e.g. the JWT payload `envoy.filters.http.jwt_authn` wrote. */
  metadata?: MetadataMatcher;
}

/** envoy.type.matcher.v3.MetadataMatcher: the value at `path` under one filter's metadata. */
export interface MetadataMatcher {
  filter: string;
  path: Array<{ key: string }>;
  value: ValueMatcher;
  invert?: boolean;
}

/** envoy.type.matcher.v3.ValueMatcher. Exactly one member set. */
export interface ValueMatcher {
  string_match?: StringMatcher;
  /** Matches a list one of whose elements matches. */
  list_match?: { one_of: ValueMatcher };
  or_match?: { value_matchers: ValueMatcher[] };
  present_match?: boolean;
}

/**
 * envoy.filters.http.jwt_authn: verifies JWTs against each provider's keys. A request whose token fails gets
 * 401 (403 for a wrong audience); a verified payload goes into the stream's dynamic metadata.
 */
export interface JwtAuthentication {
  providers?: Record<string, JwtProvider>;
  rules?: JwtRequirementRule[];
  bypass_cors_preflight?: boolean;
}

export interface JwtProvider {
  issuer?: string;
  audiences?: string[];
  /** Keep the token in the request after verifying it (default false: removed). */
  forward?: boolean;
  /** Header that receives the base64url payload of a verified token. */
  forward_payload_header?: string;
  /** Key of the payload under the filter's dynamic metadata (Istio: `payload`). */
  payload_in_metadata?: string;
  normalize_payload_in_metadata?: { space_delimited_claims?: string[] };
  claim_to_headers?: Array<{ header_name: string; claim_name: string }>;
  /** Where the token is; none: `Authorization: Bearer` and the `access_token` query parameter. */
  from_headers?: Array<{ name: string; value_prefix?: string }>;
  from_params?: string[];
  from_cookies?: string[];
  local_jwks?: { inline_string: string };
  remote_jwks?: { http_uri: { uri: string; cluster: string; timeout?: string }; cache_duration?: string };
}

/** Exactly one member set. */
export interface JwtRequirement {
  provider_name?: string;
  requires_any?: { requirements: JwtRequirement[] };
  requires_all?: { requirements: JwtRequirement[] };
  allow_missing_or_failed?: Record<string, never>;
  allow_missing?: Record<string, never>;
}

export interface JwtRequirementRule {
  match: { prefix?: string; path?: string };
  requires?: JwtRequirement;
}
