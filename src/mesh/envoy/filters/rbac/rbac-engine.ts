import type { PeerInfo } from '../../../net';
import type { MetadataMatcher, RBAC, RbacPermission, RbacPrincipal, ValueMatcher } from '../../../xds/index';
import { cidrContains } from '../../cidr-range';
import { compileHeaderMatcher, compileStringMatcher } from '../../router/matchers';
import type { MatchRequest } from '../../router/match-request';

/** What an RBAC policy looks at. */
export interface RbacInput {
  readonly request: MatchRequest;
  readonly peer: PeerInfo;
  /** The stream's dynamic metadata by filter name (the JWT payload jwt_authn verified). */
  readonly metadata?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
}

type Predicate = (input: RbacInput) => boolean;

/** The decision and, when a policy matched, its name (for `rbac_access_denied_matched_policy[...]`). */
export interface RbacDecision {
  readonly allowed: boolean;
  /** The rules' action (`ALLOW`, `DENY`, `LOG`); undefined for a filter without rules, which allows all. */
  readonly action?: string | undefined;
  readonly matchedPolicy: string | undefined;
}

/** A compiled RBAC config (Envoy: RoleBasedAccessControlEngineImpl). */
export interface RbacEngine {
  evaluate(input: RbacInput): RbacDecision;
}

const ALLOW_ALL: RbacEngine = { evaluate: () => ({ allowed: true, matchedPolicy: undefined }) };

function destinationPort(peer: PeerInfo): number {
  return peer.originalDestination?.port ?? peer.localPort;
}

function compilePermission(p: RbacPermission): Predicate {
  if (p.any === true) return () => true;
  if (p.and_rules !== undefined) {
    const rules = p.and_rules.rules.map(compilePermission);
    return (i) => rules.every((r) => r(i));
  }
  if (p.or_rules !== undefined) {
    const rules = p.or_rules.rules.map(compilePermission);
    return (i) => rules.some((r) => r(i));
  }
  if (p.not_rule !== undefined) {
    const inner = compilePermission(p.not_rule);
    return (i) => !inner(i);
  }
  if (p.header !== undefined) {
    const h = compileHeaderMatcher(p.header);
    return (i) => h(i.request);
  }
  if (p.url_path !== undefined) {
    const m = compileStringMatcher(p.url_path.path);
    return (i) => m(i.request.pathWithoutQuery());
  }
  if (p.destination_port !== undefined) {
    const port = p.destination_port;
    return (i) => destinationPort(i.peer) === port;
  }
  return () => false;
}

/** Envoy's ValueMatcher on a metadata value: strings by string matcher, lists by one element, or any of several. */
function compileValueMatcher(m: ValueMatcher): (value: unknown) => boolean {
  if (m.string_match !== undefined) {
    const s = compileStringMatcher(m.string_match);
    return (v) => typeof v === 'string' && s(v);
  }
  if (m.list_match !== undefined) {
    const element = compileValueMatcher(m.list_match.one_of);
    return (v) => Array.isArray(v) && v.some(element);
  }
  if (m.or_match !== undefined) {
    const any = m.or_match.value_matchers.map(compileValueMatcher);
    return (v) => any.some((x) => x(v));
  }
  if (m.present_match !== undefined) {
    const present = m.present_match;
    return (v) => (v !== undefined && v !== null) === present;
  }
  return () => false;
}

/** The value at `path` under one filter's dynamic metadata, matched (Envoy: Matchers::MetadataMatcher). */
function compileMetadataMatcher(m: MetadataMatcher): Predicate {
  const value = compileValueMatcher(m.value);
  const keys = m.path.map((segment) => segment.key);
  const invert = m.invert === true;
  return (i) => {
    let v: unknown = i.metadata?.[m.filter];
    for (const key of keys)
      v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
    return value(v) !== invert;
  };
}

function compilePrincipal(p: RbacPrincipal): Predicate {
  if (p.any === true) return () => true;
  if (p.and_ids !== undefined) {
    const ids = p.and_ids.ids.map(compilePrincipal);
    return (i) => ids.every((r) => r(i));
  }
  if (p.or_ids !== undefined) {
    const ids = p.or_ids.ids.map(compilePrincipal);
    return (i) => ids.some((r) => r(i));
  }
  if (p.not_id !== undefined) {
    const inner = compilePrincipal(p.not_id);
    return (i) => !inner(i);
  }
  if (p.authenticated !== undefined) {
    const name = p.authenticated.principal_name;
    const m = name === undefined ? undefined : compileStringMatcher(name);
    return (i) => {
      const id = i.peer.tls?.peerIdentity;
      return id !== undefined && (m === undefined || m(id));
    };
  }
  if (p.header !== undefined) {
    const h = compileHeaderMatcher(p.header);
    return (i) => h(i.request);
  }
  if (p.metadata !== undefined) return compileMetadataMatcher(p.metadata);
  const ip = p.direct_remote_ip ?? p.remote_ip;
  if (ip !== undefined) return (i) => cidrContains(ip.address_prefix, ip.prefix_len, i.peer.remoteAddress);
  return () => false;
}

/**
 * ALLOW: allowed when some policy matches; DENY: denied when some policy matches; LOG: always allowed.
 * A policy matches when one of its permissions AND one of its principals match. No rules: allow all.
 */
export function compileRbac(config: RBAC | undefined): RbacEngine {
  const rules = config?.rules;
  if (rules === undefined) return ALLOW_ALL;
  const policies = Object.entries(rules.policies ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, policy]) => {
      const perms = policy.permissions.map(compilePermission);
      const principals = policy.principals.map(compilePrincipal);
      return { name, test: (i: RbacInput) => perms.some((p) => p(i)) && principals.some((p) => p(i)) };
    });
  const action = rules.action;
  return {
    evaluate(input) {
      let matched: string | undefined;
      for (const p of policies) {
        if (p.test(input)) {
          matched = p.name;
          break;
        }
      }
      if (action === 'ALLOW') return { allowed: matched !== undefined, matchedPolicy: matched, action };
      if (action === 'DENY') return { allowed: matched === undefined, matchedPolicy: matched, action };
      return { allowed: true, matchedPolicy: matched, action };
    },
  };
}
