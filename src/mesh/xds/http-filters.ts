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
}
