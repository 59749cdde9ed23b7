import type { NetworkFilter, RbacPolicy } from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';
import type { AuthorizationPolicySpec, AuthzOperation, AuthzRule, AuthzSource } from '../model/istio-api';
import type { Config } from '../model/config';
import { convertRule, rbacRules } from './authz';

const HTTP_ONLY_OPERATION: readonly (keyof AuthzOperation)[] = [
  'hosts',
  'notHosts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
];
const HTTP_ONLY_SOURCE: readonly (keyof AuthzSource)[] = ['requestPrincipals', 'notRequestPrincipals'];
/** `when` keys only an HTTP request has: headers, JWT claims and the like. */
const isHttpOnlyKey = (key: string): boolean => key.startsWith('request.') || key.startsWith('experimental.');

const hasAny = <T extends object>(o: T | undefined, keys: readonly (keyof T)[]): boolean =>
  o !== undefined && keys.some((k) => o[k] !== undefined);

function without<T extends object>(o: T | undefined, keys: readonly (keyof T)[]): T | undefined {
  if (o === undefined) return undefined;
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
}

/** Whether a rule names an attribute a TCP connection does not have. */
function usesHttpOnlyFields(rule: AuthzRule): boolean {
  return (
    (rule.to ?? []).some((t) => hasAny(t.operation, HTTP_ONLY_OPERATION)) ||
    (rule.from ?? []).some((f) => hasAny(f.source, HTTP_ONLY_SOURCE)) ||
    (rule.when ?? []).some((c) => isHttpOnlyKey(c.key))
  );
}

/** The rule with its HTTP-only attributes left out. */
function tcpPartOf(rule: AuthzRule): AuthzRule {
  return {
    ...(rule.from !== undefined && {
      from: rule.from.map((f) => ({ source: without(f.source, HTTP_ONLY_SOURCE) ?? {} })),
    }),
    ...(rule.to !== undefined && {
      to: rule.to.map((t) => ({ operation: without(t.operation, HTTP_ONLY_OPERATION) ?? {} })),
    }),
    ...(rule.when !== undefined && { when: rule.when.filter((c) => !isHttpOnlyKey(c.key)) }),
  };
}

function networkRbacFilter(action: 'ALLOW' | 'DENY', policies: Record<string, RbacPolicy>): NetworkFilter {
  return {
    name: FILTER_NAME.networkRbac,
    typed_config: { '@type': TYPE_URL.networkRbac, rules: { action, policies }, stat_prefix: 'tcp.' },
  };
}

/**
 * Istio's authorization builder for TCP chains: the same policies as for HTTP, as network RBAC filters (DENY,
 * then ALLOW). A rule naming HTTP-only attributes (methods, paths, hosts, request principals, request headers
 * or claims) cannot be checked on a connection: an ALLOW rule is left out (allowing less), while a DENY rule
 * keeps its other attributes (denying more) — so `DENY methods: [GET]` denies every connection.
 */
export function convertTcpPolicies(policies: readonly Config<AuthorizationPolicySpec>[]): NetworkFilter[] {
  return rbacRules(policies, (rule, action) =>
    action === 'DENY' ? convertRule(tcpPartOf(rule)) : usesHttpOnlyFields(rule) ? undefined : convertRule(rule),
  ).map(({ action, policies: rules }) => networkRbacFilter(action, rules));
}
