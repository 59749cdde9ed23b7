import { describe, expect, it } from 'vitest';
import type { PeerInfo } from '../../../net';
import type { RbacPrincipal, ValueMatcher } from '../../../xds/index';
import { MatchRequest } from '../../router/match-request';
import { compileRbac } from './rbac-engine';

const claim = (path: string[], value: ValueMatcher): RbacPrincipal => ({
  metadata: {
    filter: 'envoy.filters.http.jwt_authn',
    path: [{ key: 'payload' }, ...path.map((key) => ({ key }))],
    value,
  },
});
const oneOrList = (exact: string): ValueMatcher => {
  const m = { string_match: { exact } };
  return { or_match: { value_matchers: [{ list_match: { one_of: m } }, m] } };
};

function allowed(principal: RbacPrincipal, payload: Record<string, unknown> | undefined): boolean {
  const engine = compileRbac({
    rules: { action: 'ALLOW', policies: { p: { permissions: [{ any: true }], principals: [principal] } } },
  });
  return engine.evaluate({
    request: new MatchRequest('GET', '/', 'h', {}),
    peer: { remoteAddress: '10.0.0.1', localPort: 80 } as PeerInfo,
    metadata: payload === undefined ? undefined : { 'envoy.filters.http.jwt_authn': { payload } },
  }).allowed;
}

describe('RBAC metadata principals (JWT claims)', () => {
  it('matches a string claim, an element of a list claim, and a nested claim; nothing without a payload', () => {
    const groups = claim(['groups'], oneOrList('group1'));
    expect(allowed(groups, { groups: ['group1', 'group2'] })).toBe(true);
    expect(allowed(groups, { groups: 'group1' })).toBe(true);
    expect(allowed(groups, { groups: ['group2'] })).toBe(false);
    expect(allowed(groups, { groups: 1 })).toBe(false);
    expect(allowed(groups, undefined)).toBe(false);
    expect(allowed(claim(['nested', 'key'], oneOrList('v')), { nested: { key: 'v' } })).toBe(true);
    expect(allowed(claim(['nested', 'key'], oneOrList('v')), { nested: 'v' })).toBe(false);
    expect(allowed({ not_id: claim(['iss'], { string_match: { safe_regex: { regex: '.+' } } }) }, undefined)).toBe(
      true,
    );
  });
});
