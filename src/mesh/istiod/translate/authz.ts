import type {
  HttpFilter,
  RBAC,
  RbacPermission,
  RbacPolicy,
  RbacPrincipal,
  StringMatcher,
  ValueMatcher,
} from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';
import type {
  AuthorizationPolicySpec,
  AuthzCondition,
  AuthzOperation,
  AuthzRule,
  AuthzSource,
  Labels,
} from '../model/istio-api';
import type { Config } from '../model/config';
import type { MeshSnapshot } from '../model/snapshot';
import { policiesForWorkload as policiesTargeting } from './policy-target';
import { JWT_PAYLOAD_METADATA_KEY } from './request-authn';

const ANY: RbacPermission & RbacPrincipal = { any: true };

/** Istio's string matching in policies: `*` any non-empty, `abc*` prefix, `*abc` suffix, else exact. */
export function policyStringMatcher(value: string, prefix = ''): StringMatcher {
  if (value === '*') return { safe_regex: { regex: '.+' } };
  if (value.endsWith('*')) return { prefix: prefix + value.slice(0, -1) };
  if (value.startsWith('*')) return { suffix: value.slice(1) };
  return { exact: prefix + value };
}

const orIds = (ids: RbacPrincipal[]): RbacPrincipal => (ids.length === 1 ? ids[0]! : { or_ids: { ids } });
const orRules = (rules: RbacPermission[]): RbacPermission => (rules.length === 1 ? rules[0]! : { or_rules: { rules } });
const principalName = (value: string): RbacPrincipal => ({
  authenticated: { principal_name: policyStringMatcher(value, 'spiffe://') },
});
const namespacePrincipal = (ns: string): RbacPrincipal => ({
  authenticated: {
    principal_name: {
      safe_regex: { regex: `.*/ns/${ns.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}/.*` },
    },
  },
});
/** The stream metadata jwt_authn fills: the verified payload under `payload` (Istio's JWT matchers read it). */
const jwtPayloadPath = (claims: readonly string[]): Array<{ key: string }> =>
  [JWT_PAYLOAD_METADATA_KEY, ...claims].map((key) => ({ key }));

/** A claim that equals the value, or a list claim with an element that does (Istio's extended JWT matcher). */
function jwtClaim(claims: readonly string[], value: string): RbacPrincipal {
  const matcher: ValueMatcher = { string_match: policyStringMatcher(value) };
  return {
    metadata: {
      filter: FILTER_NAME.jwtAuthn,
      path: jwtPayloadPath(claims),
      value: { or_match: { value_matchers: [{ list_match: { one_of: matcher } }, matcher] } },
    },
  };
}

const MATCH_ANY: StringMatcher = { safe_regex: { regex: '.+' } };

/**
 * `requestPrincipals` / `request.auth.principal`: `<iss>/<sub>`, split at the last `/` (an issuer may be a
 * URL), each half matched on the verified payload; `*` stands for any non-empty issuer or subject.
 */
function requestPrincipal(value: string): RbacPrincipal {
  const slash = value.lastIndexOf('/');
  const found = slash >= 0;
  const iss = found ? value.slice(0, slash) : value;
  const sub = found ? value.slice(slash + 1) : '';
  let matchIss: StringMatcher;
  let matchSub: StringMatcher;
  if (value === '*') [matchIss, matchSub] = [MATCH_ANY, MATCH_ANY];
  else if (value.startsWith('*')) {
    if (found) [matchIss, matchSub] = [iss === '*' ? MATCH_ANY : { suffix: iss.slice(1) }, { exact: sub }];
    else [matchIss, matchSub] = [MATCH_ANY, { suffix: value.slice(1) }];
  } else if (value.endsWith('*')) {
    if (found) [matchIss, matchSub] = [{ exact: iss }, sub === '*' ? MATCH_ANY : { prefix: sub.slice(0, -1) }];
    else [matchIss, matchSub] = [{ prefix: value.slice(0, -1) }, MATCH_ANY];
  } else [matchIss, matchSub] = [{ exact: iss }, { exact: sub }];
  const claim = (name: string, m: StringMatcher): RbacPrincipal => ({
    metadata: { filter: FILTER_NAME.jwtAuthn, path: jwtPayloadPath([name]), value: { string_match: m } },
  });
  return { and_ids: { ids: [claim('iss', matchIss), claim('sub', matchSub)] } };
}

function cidr(block: string): { address_prefix: string; prefix_len: number } {
  const [address = block, len] = block.split('/');
  return { address_prefix: address, prefix_len: len === undefined ? 32 : Number(len) };
}

type Condition<T> = {
  values?: readonly string[] | undefined;
  notValues?: readonly string[] | undefined;
  make: (v: string) => T;
};

function principalConditions(out: RbacPrincipal[], c: Condition<RbacPrincipal>): void {
  if (c.values !== undefined && c.values.length > 0) out.push(orIds(c.values.map(c.make)));
  if (c.notValues !== undefined && c.notValues.length > 0) out.push({ not_id: orIds(c.notValues.map(c.make)) });
}

function permissionConditions(out: RbacPermission[], c: Condition<RbacPermission>): void {
  if (c.values !== undefined && c.values.length > 0) out.push(orRules(c.values.map(c.make)));
  if (c.notValues !== undefined && c.notValues.length > 0) out.push({ not_rule: orRules(c.notValues.map(c.make)) });
}

function sourcePrincipals(s: AuthzSource): RbacPrincipal[] {
  const out: RbacPrincipal[] = [];
  principalConditions(out, { values: s.principals, notValues: s.notPrincipals, make: principalName });
  principalConditions(out, { values: s.requestPrincipals, notValues: s.notRequestPrincipals, make: requestPrincipal });
  principalConditions(out, { values: s.namespaces, notValues: s.notNamespaces, make: namespacePrincipal });
  principalConditions(out, {
    values: s.ipBlocks,
    notValues: s.notIpBlocks,
    make: (b) => ({ direct_remote_ip: cidr(b) }),
  });
  principalConditions(out, {
    values: s.remoteIpBlocks,
    notValues: s.notRemoteIpBlocks,
    make: (b) => ({ remote_ip: cidr(b) }),
  });
  return out;
}

function operationPermissions(o: AuthzOperation): RbacPermission[] {
  const out: RbacPermission[] = [];
  permissionConditions(out, {
    values: o.hosts,
    notValues: o.notHosts,
    make: (h) => ({ header: { name: ':authority', string_match: { ...policyStringMatcher(h), ignore_case: true } } }),
  });
  permissionConditions(out, { values: o.ports, notValues: o.notPorts, make: (p) => ({ destination_port: Number(p) }) });
  permissionConditions(out, {
    values: o.methods,
    notValues: o.notMethods,
    make: (m) => ({ header: { name: ':method', string_match: { exact: m } } }),
  });
  permissionConditions(out, {
    values: o.paths,
    notValues: o.notPaths,
    make: (p) => ({ url_path: { path: policyStringMatcher(p) } }),
  });
  return out;
}

const HEADER_KEY = /^request\.headers\[(.+)\]$/;
const CLAIMS_KEY = /^request\.auth\.claims\[(.+)\]$/;

/** A `request.auth.*` condition's matcher per value; undefined for an attribute Istio does not know. */
function requestAuthMatcher(key: string): ((value: string) => RbacPrincipal) | undefined {
  if (key === 'request.auth.principal') return requestPrincipal;
  if (key === 'request.auth.audiences') return (v) => jwtClaim(['aud'], v);
  if (key === 'request.auth.presenter') return (v) => jwtClaim(['azp'], v);
  const claims = CLAIMS_KEY.exec(key);
  if (claims === null) return undefined;
  // `[nested][key]` walks into the payload; a single `[a.b]` is one claim name, dots and all.
  const path = (claims[1] ?? '').split('][');
  return (v) => jwtClaim(path, v);
}

/** A `when` condition lands on the principal side or the permission side, by attribute (as in Istio). */
function conditionClauses(c: AuthzCondition, principals: RbacPrincipal[], permissions: RbacPermission[]): void {
  const header = HEADER_KEY.exec(c.key);
  if (header !== null) {
    const name = (header[1] ?? '').toLowerCase();
    principalConditions(principals, {
      values: c.values,
      notValues: c.notValues,
      make: (v) => ({ header: { name, string_match: policyStringMatcher(v) } }),
    });
  } else if (c.key === 'source.principal')
    principalConditions(principals, { values: c.values, notValues: c.notValues, make: principalName });
  else if (c.key === 'source.namespace')
    principalConditions(principals, { values: c.values, notValues: c.notValues, make: namespacePrincipal });
  else if (c.key === 'source.ip')
    principalConditions(principals, {
      values: c.values,
      notValues: c.notValues,
      make: (b) => ({ direct_remote_ip: cidr(b) }),
    });
  else if (c.key === 'remote.ip')
    principalConditions(principals, {
      values: c.values,
      notValues: c.notValues,
      make: (b) => ({ remote_ip: cidr(b) }),
    });
  else if (c.key === 'destination.port')
    permissionConditions(permissions, {
      values: c.values,
      notValues: c.notValues,
      make: (p) => ({ destination_port: Number(p) }),
    });
  else if (c.key.startsWith('request.auth.')) {
    const make = requestAuthMatcher(c.key);
    if (make !== undefined) principalConditions(principals, { values: c.values, notValues: c.notValues, make });
  }
}

const andIds = (ids: RbacPrincipal[]): RbacPrincipal => (ids.length === 0 ? ANY : { and_ids: { ids } });
const andRules = (rules: RbacPermission[]): RbacPermission => (rules.length === 0 ? ANY : { and_rules: { rules } });

/**
 * One rule → one RBAC policy. Entries of `from` are ORed (one principal each), as are entries of `to`
 * (one permission each); fields inside one entry and all `when` conditions are ANDed. `rules: [{}]`
 * therefore matches every request.
 */
export function convertRule(rule: AuthzRule): RbacPolicy {
  const whenPrincipals: RbacPrincipal[] = [];
  const whenPermissions: RbacPermission[] = [];
  for (const c of rule.when ?? []) conditionClauses(c, whenPrincipals, whenPermissions);
  const from = rule.from ?? [];
  const to = rule.to ?? [];
  const principals =
    from.length === 0
      ? [andIds(whenPrincipals)]
      : from.map((f) => andIds([...sourcePrincipals(f.source ?? {}), ...whenPrincipals]));
  const permissions =
    to.length === 0
      ? [andRules(whenPermissions)]
      : to.map((t) => andRules([...operationPermissions(t.operation ?? {}), ...whenPermissions]));
  return { permissions, principals };
}

/** Policies that apply to a workload: root namespace (mesh-wide), its namespace, selectors matching its labels. */
export function policiesForWorkload(
  snapshot: MeshSnapshot,
  workload: { namespace: string; labels: Labels },
): Config<AuthorizationPolicySpec>[] {
  return policiesTargeting(snapshot.authorizationPolicies, snapshot.meshConfig.rootNamespace, workload);
}

/** Istio's policy name inside the RBAC filter: `ns[default]-policy[deny-all]-rule[0]`. */
function rbacPolicyName(p: Config<AuthorizationPolicySpec>, index: number): string {
  return `ns[${p.meta.namespace}]-policy[${p.meta.name}]-rule[${index}]`;
}

function rbacFilter(rbac: RBAC): HttpFilter {
  return { name: FILTER_NAME.rbac, typed_config: { '@type': TYPE_URL.rbac, ...rbac } };
}

/**
 * Istio's authorization builder: a DENY filter, then an ALLOW filter (CUSTOM needs ext_authz, which
 * meshdojo does not run; AUDIT only logs). No ALLOW policy at all means no ALLOW filter — everything is
 * allowed; an ALLOW policy without rules (`spec: {}`) yields an ALLOW filter with no policies, which
 * denies every request.
 */
export function convertPolicies(policies: readonly Config<AuthorizationPolicySpec>[]): HttpFilter[] {
  return rbacRules(policies, convertRule).map((rules) => rbacFilter({ rules }));
}

/** The RBAC rule sets of a workload's policies, DENY before ALLOW; absent where Istio puts no filter. */
export interface RbacRuleSet {
  action: 'DENY' | 'ALLOW';
  policies: Record<string, RbacPolicy>;
}

/**
 * Sorts policies' rules by action (CUSTOM and AUDIT are not enforced here) and names each as Istio does. A
 * DENY set exists only with a DENY rule; an ALLOW set exists as soon as one ALLOW policy does, even without
 * rules (it then denies everything). `convert` returns undefined for a rule to leave out.
 */
export function rbacRules(
  policies: readonly Config<AuthorizationPolicySpec>[],
  convert: (rule: AuthzRule, action: 'ALLOW' | 'DENY') => RbacPolicy | undefined,
): RbacRuleSet[] {
  const deny: Record<string, RbacPolicy> = {};
  const allow: Record<string, RbacPolicy> = {};
  let hasAllow = false;
  for (const p of policies) {
    const action = p.spec.action ?? 'ALLOW';
    if (action !== 'ALLOW' && action !== 'DENY') continue;
    if (action === 'ALLOW') hasAllow = true;
    const target = action === 'ALLOW' ? allow : deny;
    (p.spec.rules ?? []).forEach((rule, i) => {
      const converted = convert(rule, action);
      if (converted !== undefined) target[rbacPolicyName(p, i)] = converted;
    });
  }
  const sets: RbacRuleSet[] = [];
  if (Object.keys(deny).length > 0) sets.push({ action: 'DENY', policies: deny });
  if (hasAllow) sets.push({ action: 'ALLOW', policies: allow });
  return sets;
}
