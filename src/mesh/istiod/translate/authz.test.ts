import { describe, expect, it } from 'vitest';
import type { HttpFilter, RBAC, RbacPermission, RbacPrincipal, StringMatcher } from '../../xds';
import { validateListener } from '../../xds';
import { istio } from '../testing/objects';
import type { AuthorizationPolicySpec } from '../model/istio-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { convertPolicies, policiesForWorkload, policyStringMatcher } from './authz';

/** A request as the RBAC filter sees it. */
interface Req {
  principal?: string | undefined;
  method: string;
  path: string;
  port: number;
  headers?: Record<string, string>;
  sourceIp?: string;
}

// A small evaluator of the RBAC shapes convertPolicies emits, so the tests check outcomes, not shapes.
function str(m: StringMatcher, v: string | undefined): boolean {
  if (v === undefined) return false;
  const value = m.ignore_case === true ? v.toLowerCase() : v;
  if (m.exact !== undefined) return value === (m.ignore_case === true ? m.exact.toLowerCase() : m.exact);
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.suffix !== undefined) return value.endsWith(m.suffix);
  if (m.safe_regex !== undefined) return new RegExp(`^(?:${m.safe_regex.regex})$`).test(value);
  return false;
}
function header(r: Req, name: string): string | undefined {
  if (name === ':method') return r.method;
  if (name === ':path') return r.path;
  return r.headers?.[name];
}
function permission(p: RbacPermission, r: Req): boolean {
  if (p.any === true) return true;
  if (p.and_rules !== undefined) return p.and_rules.rules.every((x) => permission(x, r));
  if (p.or_rules !== undefined) return p.or_rules.rules.some((x) => permission(x, r));
  if (p.not_rule !== undefined) return !permission(p.not_rule, r);
  if (p.header !== undefined)
    return p.header.present_match === true
      ? header(r, p.header.name) !== undefined
      : str(p.header.string_match!, header(r, p.header.name));
  if (p.url_path !== undefined) return str(p.url_path.path, r.path.split('?')[0]);
  if (p.destination_port !== undefined) return p.destination_port === r.port;
  throw new Error(`unknown permission ${JSON.stringify(p)}`);
}
function principal(p: RbacPrincipal, r: Req): boolean {
  if (p.any === true) return true;
  if (p.and_ids !== undefined) return p.and_ids.ids.every((x) => principal(x, r));
  if (p.or_ids !== undefined) return p.or_ids.ids.some((x) => principal(x, r));
  if (p.not_id !== undefined) return !principal(p.not_id, r);
  if (p.authenticated !== undefined)
    return (
      r.principal !== undefined &&
      (p.authenticated.principal_name === undefined || str(p.authenticated.principal_name, r.principal))
    );
  if (p.header !== undefined)
    return p.header.present_match === true
      ? header(r, p.header.name) !== undefined
      : str(p.header.string_match!, header(r, p.header.name));
  if (p.direct_remote_ip !== undefined) return r.sourceIp === p.direct_remote_ip.address_prefix;
  // These requests carry no verified JWT, so no jwt_authn metadata exists to match.
  if (p.metadata !== undefined) return false;
  throw new Error(`unknown principal ${JSON.stringify(p)}`);
}
function decide(filters: HttpFilter[], r: Req): 'allow' | 'deny' {
  for (const f of filters) {
    const rules = (f.typed_config as RBAC | undefined)?.rules;
    if (rules === undefined) continue;
    const matched = Object.values(rules.policies ?? {}).some(
      (p) => p.permissions.some((x) => permission(x, r)) && p.principals.some((x) => principal(x, r)),
    );
    if (rules.action === 'DENY' && matched) return 'deny';
    if (rules.action === 'ALLOW' && !matched) return 'deny';
  }
  return 'allow';
}

const SLEEP = 'spiffe://cluster.local/ns/foo/sa/sleep';
const OTHER = 'spiffe://cluster.local/ns/bar/sa/other';
const get = (path: string, extra: Partial<Req> = {}): Req => ({
  method: 'GET',
  path,
  port: 8080,
  principal: SLEEP,
  ...extra,
});

function outcome(specs: Array<AuthorizationPolicySpec & { name?: string }>, r: Req): 'allow' | 'deny' {
  const snap = buildMeshSnapshot(
    specs.map((s, i) =>
      istio('AuthorizationPolicy', s.name ?? `p${i}`, { ...s, name: undefined }, { namespace: 'foo' }),
    ),
  );
  const filters = convertPolicies(policiesForWorkload(snap, { namespace: 'foo', labels: { app: 'httpbin' } }));
  return decide(filters, r);
}

describe('AuthorizationPolicy', () => {
  it('allows everything when there is no policy', () => {
    expect(convertPolicies([])).toEqual([]);
    expect(outcome([], get('/'))).toBe('allow');
  });

  it('allows nothing with spec: {} (an ALLOW policy without rules)', () => {
    expect(outcome([{}], get('/'))).toBe('deny');
    expect(outcome([{}], get('/', { principal: undefined }))).toBe('deny');
  });

  it('allows everything with rules: [{}]', () => {
    expect(outcome([{ rules: [{}] }], get('/anything', { principal: undefined, method: 'DELETE' }))).toBe('allow');
  });

  it('evaluates DENY before ALLOW', () => {
    const policies = [
      { rules: [{}] },
      { action: 'DENY' as const, rules: [{ to: [{ operation: { methods: ['POST'] } }] }] },
    ];
    expect(outcome(policies, get('/'))).toBe('allow');
    expect(outcome(policies, get('/', { method: 'POST' }))).toBe('deny');
  });

  it('allows when any ALLOW policy matches, denies otherwise', () => {
    const policies = [
      { rules: [{ to: [{ operation: { paths: ['/ip'] } }] }] },
      { rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] },
    ];
    expect(outcome(policies, get('/headers'))).toBe('allow');
    expect(outcome(policies, get('/ip'))).toBe('allow');
    expect(outcome(policies, get('/status/200'))).toBe('deny');
  });

  it('matches from.source.principals (without the spiffe:// scheme) and namespaces', () => {
    const byPrincipal = [{ rules: [{ from: [{ source: { principals: ['cluster.local/ns/foo/sa/sleep'] } }] }] }];
    expect(outcome(byPrincipal, get('/'))).toBe('allow');
    expect(outcome(byPrincipal, get('/', { principal: OTHER }))).toBe('deny');
    expect(outcome(byPrincipal, get('/', { principal: undefined }))).toBe('deny');
    const byNamespace = [{ rules: [{ from: [{ source: { namespaces: ['bar'] } }] }] }];
    expect(outcome(byNamespace, get('/', { principal: OTHER }))).toBe('allow');
    expect(outcome(byNamespace, get('/'))).toBe('deny');
  });

  it('supports notPrincipals and prefix/suffix/any values', () => {
    expect(
      outcome([{ rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/foo/sa/sleep'] } }] }] }], get('/')),
    ).toBe('deny');
    expect(
      outcome(
        [{ rules: [{ from: [{ source: { principals: ['cluster.local/ns/bar/*'] } }] }] }],
        get('/', { principal: OTHER }),
      ),
    ).toBe('allow');
    expect(
      outcome([{ rules: [{ from: [{ source: { principals: ['*'] } }] }] }], get('/', { principal: undefined })),
    ).toBe('deny');
    expect(policyStringMatcher('*/admin')).toEqual({ suffix: '/admin' });
  });

  it('ANDs the fields of a rule, ORs the entries of from and to', () => {
    const policies = [
      {
        rules: [
          {
            from: [{ source: { principals: ['cluster.local/ns/foo/sa/sleep'] } }, { source: { namespaces: ['bar'] } }],
            to: [{ operation: { methods: ['GET'], paths: ['/headers'] } }, { operation: { ports: ['9000'] } }],
          },
        ],
      },
    ];
    expect(outcome(policies, get('/headers'))).toBe('allow');
    expect(outcome(policies, get('/ip'))).toBe('deny');
    expect(outcome(policies, get('/ip', { port: 9000 }))).toBe('allow');
    expect(outcome(policies, get('/headers', { principal: OTHER }))).toBe('allow');
    expect(outcome(policies, get('/headers', { principal: 'spiffe://cluster.local/ns/baz/sa/x' }))).toBe('deny');
  });

  it('checks when conditions on request headers (values ORed, notValues)', () => {
    const policies = [{ rules: [{ when: [{ key: 'request.headers[version]', values: ['v1', 'v2'] }] }] }];
    expect(outcome(policies, get('/', { headers: { version: 'v2' } }))).toBe('allow');
    expect(outcome(policies, get('/', { headers: { version: 'v3' } }))).toBe('deny');
    expect(outcome(policies, get('/'))).toBe('deny');
    expect(
      outcome(
        [{ action: 'DENY', rules: [{ when: [{ key: 'request.headers[x-token]', notValues: ['secret'] }] }] }],
        get('/', { headers: { 'x-token': 'secret' } }),
      ),
    ).toBe('allow');
    expect(outcome([{ rules: [{ when: [{ key: 'source.namespace', values: ['foo'] }] }] }], get('/'))).toBe('allow');
  });

  it('request.auth attributes match nothing without a verified JWT; their negation matches', () => {
    expect(outcome([{ rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] }], get('/'))).toBe('deny');
    expect(outcome([{ rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] }], get('/'))).toBe('allow');
    expect(
      outcome([{ rules: [{ when: [{ key: 'request.auth.claims[groups]', values: ['admin'] }] }] }], get('/')),
    ).toBe('deny');
  });

  it('ignores CUSTOM and AUDIT policies', () => {
    expect(
      convertPolicies(
        buildMeshSnapshot([
          istio('AuthorizationPolicy', 'ext', { action: 'CUSTOM', provider: { name: 'x' }, rules: [{}] }),
        ]).authorizationPolicies,
      ),
    ).toEqual([]);
  });

  it('selects root-namespace, namespace and matching-selector policies for a workload', () => {
    const snap = buildMeshSnapshot([
      istio('AuthorizationPolicy', 'mesh', {}, { namespace: 'istio-system' }),
      istio('AuthorizationPolicy', 'ns', {}, { namespace: 'foo' }),
      istio('AuthorizationPolicy', 'mine', { selector: { matchLabels: { app: 'httpbin' } } }, { namespace: 'foo' }),
      istio('AuthorizationPolicy', 'theirs', { selector: { matchLabels: { app: 'sleep' } } }, { namespace: 'foo' }),
      istio('AuthorizationPolicy', 'elsewhere', {}, { namespace: 'bar' }),
    ]);
    expect(
      policiesForWorkload(snap, { namespace: 'foo', labels: { app: 'httpbin' } })
        .map((p) => p.meta.name)
        .sort(),
    ).toEqual(['mesh', 'mine', 'ns']);
  });

  // Structure only; the RBAC filter's checks of such rules run on the authz-source-and-operation-conditions
  // golden case in src/mesh/cluster/istiod-xds-accepted.test.ts.
  it('produces filters the xds validator accepts', () => {
    const snap = buildMeshSnapshot([
      istio('AuthorizationPolicy', 'p', {
        rules: [
          {
            from: [{ source: { principals: ['a'], notNamespaces: ['b'], ipBlocks: ['10.0.0.0/8'] } }],
            to: [{ operation: { hosts: ['x.com'], notPaths: ['/admin*'] } }],
          },
        ],
      }),
    ]);
    const filters = convertPolicies(snap.authorizationPolicies);
    const listener = {
      name: 'l',
      address: { socket_address: { address: '0.0.0.0', port_value: 1 } },
      filter_chains: [
        {
          filters: [
            {
              name: 'envoy.filters.network.http_connection_manager',
              typed_config: {
                stat_prefix: 's',
                route_config: { name: 'r', virtual_hosts: [] },
                http_filters: [...filters, { name: 'envoy.filters.http.router' }],
              },
            },
          ],
        },
      ],
    };
    expect(validateListener(listener)).toEqual([]);
  });
});
