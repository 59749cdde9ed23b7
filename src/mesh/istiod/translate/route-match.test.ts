import { describe, expect, it } from 'vitest';
import { isCatchAllRoute, translateHeaderMatch, translateRouteMatch } from './route-match';

describe('translateRouteMatch', () => {
  it('is prefix / without a match', () => {
    expect(translateRouteMatch(undefined)).toEqual({ prefix: '/' });
  });

  it('translates uri exact / prefix / regex', () => {
    expect(translateRouteMatch({ uri: { exact: '/productpage' } })).toEqual({
      path: '/productpage',
      case_sensitive: true,
    });
    expect(translateRouteMatch({ uri: { prefix: '/static' } })).toEqual({ prefix: '/static', case_sensitive: true });
    expect(translateRouteMatch({ uri: { regex: '/api/v[0-9]+/.*' }, ignoreUriCase: true })).toEqual({
      safe_regex: { regex: '/api/v[0-9]+/.*' },
      case_sensitive: false,
    });
  });

  it('ANDs headers (sorted, lower-case), method, authority and query parameters in one match', () => {
    const m = translateRouteMatch({
      headers: { 'X-User': { prefix: 'ja' }, 'end-user': { exact: 'jason' }, 'x-debug': {}, 'x-re': { regex: 'a.*' } },
      method: { exact: 'POST' },
      authority: { prefix: 'reviews' },
      queryParams: { v: { exact: '2' }, flag: {} },
    });
    expect(m.headers).toEqual([
      { name: 'end-user', string_match: { exact: 'jason' } },
      { name: 'x-debug', present_match: true },
      { name: 'x-re', string_match: { safe_regex: { regex: 'a.*' } } },
      { name: 'x-user', string_match: { prefix: 'ja' } },
      { name: ':method', string_match: { exact: 'POST' } },
      { name: ':authority', string_match: { prefix: 'reviews' } },
    ]);
    expect(m.query_parameters).toEqual([
      { name: 'flag', present_match: true },
      { name: 'v', string_match: { exact: '2' } },
    ]);
  });

  it('inverts withoutHeaders and treats a missing header as empty', () => {
    expect(translateRouteMatch({ withoutHeaders: { 'end-user': { exact: 'jason' } } }).headers).toEqual([
      { name: 'end-user', string_match: { exact: 'jason' }, invert_match: true, treat_missing_header_as_empty: true },
    ]);
  });

  it('reads regex "*" as presence (not RE2)', () => {
    expect(translateHeaderMatch('x', { regex: '*' })).toEqual({ name: 'x', present_match: true });
  });

  it('makes Gateway API prefixes match whole path segments', () => {
    const m = translateRouteMatch({ uri: { prefix: '/api/' } }, true);
    expect(m.safe_regex?.regex).toBe('/api(/.*)?');
    const re = new RegExp(`^(?:${m.safe_regex?.regex})$`);
    expect(['/api', '/api/', '/api/x'].every((p) => re.test(p))).toBe(true);
    expect(re.test('/apis')).toBe(false);
    expect(translateRouteMatch({ uri: { prefix: '/' } }, true).prefix).toBe('/');
  });

  it('recognises catch-all routes', () => {
    expect(isCatchAllRoute({ prefix: '/' })).toBe(true);
    expect(isCatchAllRoute({ safe_regex: { regex: '.*' } })).toBe(true);
    expect(isCatchAllRoute({ prefix: '/', headers: [{ name: 'a', present_match: true }] })).toBe(false);
    expect(isCatchAllRoute({ prefix: '/a' })).toBe(false);
  });
});
