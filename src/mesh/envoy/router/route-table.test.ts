import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../sim';
import type { HeaderMatcher, Route, RouteConfiguration, RouteMatch } from '../../xds/index';
import { httpFilterRegistry } from '../filters/registry';
import { MatchRequest } from './match-request';
import { RouteTable } from './route-table';

const filters = httpFilterRegistry();
const r = (name: string, match: RouteMatch): Route => ({ name, match, route: { cluster: name } });

function table(routes: Route[], domains = ['*']): RouteTable {
  const rc: RouteConfiguration = { name: 'test', virtual_hosts: [{ name: 'vh', domains, routes }] };
  return new RouteTable(rc, new SeededRandom(1), filters);
}

function match(
  t: RouteTable,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  authority = 'reviews:9080',
): string | undefined {
  return t.matchEntry(new MatchRequest(method, path, authority, headers))?.name;
}

const header = (name: string, m: Partial<HeaderMatcher> = {}): HeaderMatcher => ({ name, ...m });

describe('route order and first match', () => {
  it('routes are tried top to bottom and the first match wins', () => {
    const t = table([
      r('jason', { prefix: '/', headers: [header('end-user', { string_match: { exact: 'jason' } })] }),
      r('catch-all', { prefix: '/' }),
      r('never', { prefix: '/reviews' }),
    ]);
    expect(match(t, '/reviews/1', { 'end-user': 'jason' })).toBe('jason');
    expect(match(t, '/reviews/1')).toBe('catch-all');
  });

  it('a catch-all placed first shadows every later route', () => {
    const t = table([r('all', { prefix: '/' }), r('specific', { path: '/login' })]);
    expect(match(t, '/login')).toBe('all');
  });

  it('conditions inside one match are ANDed', () => {
    const t = table([
      r('both', { prefix: '/api', headers: [header('x-canary', { string_match: { exact: 'true' } })] }),
      r('other', { prefix: '/' }),
    ]);
    expect(match(t, '/api/x', { 'x-canary': 'true' })).toBe('both');
    expect(match(t, '/api/x')).toBe('other');
    expect(match(t, '/web', { 'x-canary': 'true' })).toBe('other');
  });

  it('several match entries (one Envoy route each) are ORed', () => {
    const t = table([r('v2', { prefix: '/a' }), r('v2', { prefix: '/b' }), r('v1', { prefix: '/' })]);
    expect(match(t, '/a')).toBe('v2');
    expect(match(t, '/b')).toBe('v2');
    expect(match(t, '/c')).toBe('v1');
  });

  it('no matching route gives no route (404 NR at the router)', () => {
    expect(match(table([r('a', { path: '/a' })]), '/b')).toBeUndefined();
  });
});

describe('uri matches', () => {
  it('prefix, exact path (query ignored) and whole-path regex', () => {
    const t = table([
      r('exact', { path: '/productpage' }),
      r('regex', { safe_regex: { regex: '/api/v[0-9]+/.*' } }),
      r('prefix', { prefix: '/static' }),
    ]);
    expect(match(t, '/productpage?u=normal')).toBe('exact');
    expect(match(t, '/productpage/x')).toBeUndefined();
    expect(match(t, '/api/v2/ratings')).toBe('regex');
    expect(match(t, '/x/api/v2/ratings')).toBeUndefined();
    expect(match(t, '/staticfile.css')).toBe('prefix');
  });

  it('case_sensitive: false compares paths ignoring case', () => {
    const t = table([r('ci', { path: '/Login', case_sensitive: false })]);
    expect(match(t, '/LOGIN')).toBe('ci');
  });
});

describe('header matches', () => {
  it('exact, prefix, regex (whole value) and presence', () => {
    const t = table([
      r('exact', { prefix: '/', headers: [header('end-user', { string_match: { exact: 'jason' } })] }),
      r('prefix', { prefix: '/', headers: [header('user-agent', { string_match: { prefix: 'curl/' } })] }),
      r('regex', {
        prefix: '/',
        headers: [header('cookie', { string_match: { safe_regex: { regex: '.*user=tester.*' } } })],
      }),
      r('regex-whole', {
        prefix: '/',
        headers: [header('x-version', { string_match: { safe_regex: { regex: 'v[12]' } } })],
      }),
      r('present', { prefix: '/', headers: [header('x-debug', { present_match: true })] }),
    ]);
    expect(match(t, '/', { 'end-user': 'jason' })).toBe('exact');
    expect(match(t, '/', { 'end-user': 'jasonx' })).toBeUndefined();
    expect(match(t, '/', { 'user-agent': 'curl/8.1' })).toBe('prefix');
    expect(match(t, '/', { cookie: 'a=1; user=tester; b=2' })).toBe('regex');
    expect(match(t, '/', { 'x-version': 'v1' })).toBe('regex-whole');
    expect(match(t, '/', { 'x-version': 'v12' })).toBeUndefined();
    expect(match(t, '/', { 'x-debug': '' })).toBe('present');
  });

  it('invert_match negates a present header; a missing header never matches an inverted value test', () => {
    const t = table([
      r('not-jason', {
        prefix: '/',
        headers: [header('end-user', { string_match: { exact: 'jason' }, invert_match: true })],
      }),
    ]);
    expect(match(t, '/', { 'end-user': 'mike' })).toBe('not-jason');
    expect(match(t, '/', { 'end-user': 'jason' })).toBeUndefined();
    expect(match(t, '/', {})).toBeUndefined();
  });

  it('present_match: false matches only when the header is absent', () => {
    const t = table([r('absent', { prefix: '/', headers: [header('x-debug', { present_match: false })] })]);
    expect(match(t, '/', {})).toBe('absent');
    expect(match(t, '/', { 'x-debug': '1' })).toBeUndefined();
  });

  it('method is matched through the :method pseudo-header', () => {
    const t = table([
      r('post', { prefix: '/', headers: [header(':method', { string_match: { exact: 'POST' } })] }),
      r('rest', { prefix: '/' }),
    ]);
    expect(match(t, '/', {}, 'POST')).toBe('post');
    expect(match(t, '/', {}, 'GET')).toBe('rest');
  });
});

describe('query parameter matches', () => {
  it('exact value and presence', () => {
    const t = table([
      r('exact', { prefix: '/', query_parameters: [{ name: 'u', string_match: { exact: 'test' } }] }),
      r('present', { prefix: '/', query_parameters: [{ name: 'debug', present_match: true }] }),
    ]);
    expect(match(t, '/productpage?u=test')).toBe('exact');
    expect(match(t, '/productpage?u=tester')).toBeUndefined();
    expect(match(t, '/productpage?x=1&debug')).toBe('present');
  });
});

describe('virtual host selection', () => {
  const rc: RouteConfiguration = {
    name: '9080',
    virtual_hosts: [
      {
        name: 'reviews',
        domains: ['reviews', 'reviews:9080', 'reviews.default.svc.cluster.local'],
        routes: [r('reviews', { prefix: '/' })],
      },
      { name: 'suffix', domains: ['*.example.com'], routes: [r('suffix', { prefix: '/' })] },
      { name: 'prefix', domains: ['ratings.*'], routes: [r('prefix', { prefix: '/' })] },
      { name: 'any', domains: ['*'], routes: [r('any', { prefix: '/' })] },
    ],
  };
  const t = new RouteTable(rc, new SeededRandom(1), filters);
  const at = (authority: string) => t.matchEntry(new MatchRequest('GET', '/', authority, {}))?.name;

  it('exact domains with and without port, case-insensitive', () => {
    expect(at('reviews')).toBe('reviews');
    expect(at('reviews:9080')).toBe('reviews');
    expect(at('REVIEWS.default.svc.cluster.local')).toBe('reviews');
  });

  it('suffix wildcard beats prefix wildcard beats *', () => {
    expect(at('ratings.example.com')).toBe('suffix');
    expect(at('ratings.default')).toBe('prefix');
    expect(at('details:9080')).toBe('any');
  });

  it('a port that no domain lists falls to *, unless ports are ignored', () => {
    expect(at('reviews:1234')).toBe('any');
    const ignoring = new RouteTable({ ...rc, ignore_port_in_host_matching: true }, new SeededRandom(1), filters);
    expect(ignoring.matchEntry(new MatchRequest('GET', '/', 'reviews:1234', {}))?.name).toBe('reviews');
  });
});

describe('weighted clusters', () => {
  const weighted = (weights: number[]) => {
    const rc: RouteConfiguration = {
      name: 'w',
      virtual_hosts: [
        {
          name: 'vh',
          domains: ['*'],
          routes: [
            {
              match: { prefix: '/' },
              route: { weighted_clusters: { clusters: weights.map((w, i) => ({ name: `c${i}`, weight: w })) } },
            },
          ],
        },
      ],
    };
    const random = new SeededRandom(42);
    const entry = new RouteTable(rc, random, filters).matchEntry(new MatchRequest('GET', '/', 'x', {}))!;
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const c = entry.chooseCluster(random);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return counts;
  };

  it('80/20 splits within 2 % over 10,000 requests', () => {
    const c = weighted([80, 20]);
    expect(Math.abs((c.get('c0') ?? 0) / 10_000 - 0.8)).toBeLessThan(0.02);
  });

  it('50/50 splits within 2 % over 10,000 requests', () => {
    const c = weighted([50, 50]);
    expect(Math.abs((c.get('c0') ?? 0) / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('a 0-weight destination is never chosen; weights need not sum to 100', () => {
    const c = weighted([0, 3, 1]);
    expect(c.get('c0')).toBeUndefined();
    expect(Math.abs((c.get('c1') ?? 0) / 10_000 - 0.75)).toBeLessThan(0.02);
  });
});

describe('rewrites and redirects', () => {
  const entry = (route: Route) =>
    new RouteTable(
      { name: 'r', virtual_hosts: [{ name: 'vh', domains: ['*'], routes: [route] }] },
      new SeededRandom(1),
      filters,
    ).matchEntry(new MatchRequest('GET', '/', 'x', {}))!;

  it('prefix_rewrite replaces the matched prefix; regex_rewrite rewrites the path and keeps the query', () => {
    expect(
      entry({ match: { prefix: '/' }, route: { cluster: 'c', prefix_rewrite: '/v2/' } }).rewritePath('/a?x=1'),
    ).toBe('/v2/a?x=1');
    const rr = entry({
      match: { prefix: '/' },
      route: {
        cluster: 'c',
        regex_rewrite: { pattern: { regex: '^/service/([^/]+)(/.*)$' }, substitution: '\\2/instance/\\1' },
      },
    });
    expect(rr.rewritePath('/service/foo/bar?q=1')).toBe('/bar/instance/foo?q=1');
  });

  it('a redirect keeps what it does not replace and uses the configured code', () => {
    const r = entry({ match: { prefix: '/' }, redirect: { path_redirect: '/login', response_code: 'FOUND' } });
    expect([r.directStatus, r.redirectLocation('bookinfo.com:8080', '/x')]).toEqual([
      302,
      'http://bookinfo.com:8080/login',
    ]);
    const s = entry({
      match: { prefix: '/' },
      redirect: { scheme_redirect: 'https', host_redirect: 'secure.example.com' },
    });
    expect([s.directStatus, s.redirectLocation('bookinfo.com:8080', '/x?y')]).toEqual([
      301,
      'https://secure.example.com/x?y',
    ]);
  });
});
