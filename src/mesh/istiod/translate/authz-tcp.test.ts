import { describe, expect, it } from 'vitest';
import type { NetworkRbac } from '../../xds';
import type { AuthorizationPolicySpec, AuthzRule } from '../model/istio-api';
import type { Config } from '../model/config';
import { convertTcpPolicies } from './authz-tcp';

const policy = (name: string, action: 'ALLOW' | 'DENY', rules: AuthzRule[]): Config<AuthorizationPolicySpec> =>
  ({ meta: { name, namespace: 'foo' }, spec: { action, rules } }) as Config<AuthorizationPolicySpec>;

/** The network RBAC filters' configs, DENY first. */
const rbacOf = (...policies: Config<AuthorizationPolicySpec>[]): NetworkRbac[] =>
  convertTcpPolicies(policies).map((f) => f.typed_config as NetworkRbac);

describe('convertTcpPolicies (AuthorizationPolicy on TCP chains)', () => {
  it('keeps rules made of connection attributes: ports, principals, namespaces, ipBlocks', () => {
    const [allow] = rbacOf(
      policy('p', 'ALLOW', [
        { to: [{ operation: { ports: ['9000'] } }] },
        { from: [{ source: { namespaces: ['bar'], ipBlocks: ['10.0.0.0/8'] } }] },
      ]),
    );
    expect(allow?.rules?.action).toBe('ALLOW');
    expect(Object.keys(allow?.rules?.policies ?? {})).toEqual([
      'ns[foo]-policy[p]-rule[0]',
      'ns[foo]-policy[p]-rule[1]',
    ]);
    expect(allow?.stat_prefix).toBe('tcp.');
  });

  it('drops an ALLOW rule with an HTTP-only attribute, leaving an ALLOW filter that matches nothing', () => {
    for (const rule of [
      { to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] },
      { to: [{ operation: { notPaths: ['/x'] } }] },
      { from: [{ source: { requestPrincipals: ['*'] } }] },
      { when: [{ key: 'request.headers[x-token]', values: ['a'] }] },
    ]) {
      const [allow] = rbacOf(policy('p', 'ALLOW', [rule]));
      expect(allow?.rules).toEqual({ action: 'ALLOW', policies: {} });
    }
  });

  it('keeps a DENY rule without its HTTP-only attributes: methods alone deny every connection', () => {
    const [onlyMethods] = rbacOf(policy('d', 'DENY', [{ to: [{ operation: { methods: ['GET'] } }] }]));
    expect(onlyMethods?.rules?.policies?.['ns[foo]-policy[d]-rule[0]']).toEqual({
      permissions: [{ any: true }],
      principals: [{ any: true }],
    });
    const [withPort] = rbacOf(policy('d', 'DENY', [{ to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] }]));
    expect(withPort?.rules?.policies?.['ns[foo]-policy[d]-rule[0]']?.permissions).toEqual([
      { and_rules: { rules: [{ destination_port: 9000 }] } },
    ]);
  });

  it('puts DENY before ALLOW and builds nothing without policies', () => {
    expect(rbacOf()).toEqual([]);
    const filters = rbacOf(policy('a', 'ALLOW', [{}]), policy('d', 'DENY', [{}]));
    expect(filters.map((f) => f.rules?.action)).toEqual(['DENY', 'ALLOW']);
  });
});
