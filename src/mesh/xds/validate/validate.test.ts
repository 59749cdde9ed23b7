import { describe, expect, it } from 'vitest';
import type { Cluster, Listener, RouteConfiguration } from '../index';
import {
  compileRe2,
  formatDuration,
  parseDuration,
  validateCluster,
  validateConfigUpdate,
  validateListener,
  validateRouteConfiguration,
} from '../index';

const route = (over: Record<string, unknown> = {}): RouteConfiguration =>
  ({
    name: 'x',
    virtual_hosts: [
      {
        name: 'vh',
        domains: ['*'],
        routes: [
          { match: { prefix: '/' }, route: { cluster: 'a' } },
          { match: { prefix: '/b' }, route: { cluster: 'b' } },
          { match: { prefix: '/c' }, route: { cluster: 'c' }, ...over },
        ],
      },
    ],
  }) as RouteConfiguration;

describe('durations', () => {
  it('parses Envoy JSON durations into milliseconds and prints them back', () => {
    expect(parseDuration('0.5s')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('0.025s')).toBe(25);
    expect(parseDuration('0s')).toBe(0);
    expect(formatDuration(1500)).toBe('1.5s');
  });

  it('refuses anything that is not "<seconds>s"', () => {
    expect(parseDuration(500)).toBeUndefined();
    expect(parseDuration('500ms')).toBeUndefined();
    expect(parseDuration('1m')).toBeUndefined();
  });
});

describe('RE2 regexes', () => {
  it('match the whole value, not a substring', () => {
    const r = compileRe2('v[0-9]+');
    expect(r.ok && r.regex.test('v12')).toBe(true);
    expect(r.ok && r.regex.test('xv12')).toBe(false);
    expect(r.ok && r.regex.test('v12x')).toBe(false);
  });

  it('reject look-around and back-references, which RE2 does not have', () => {
    expect(compileRe2('(?=a)a').ok).toBe(false);
    expect(compileRe2('(a)\\1').ok).toBe(false);
  });

  it('accept RE2 named groups and inline flags', () => {
    const r = compileRe2('(?i)(?P<v>JASON)');
    expect(r.ok && r.regex.test('jason')).toBe(true);
  });
});

describe('validation messages name the resource and the field', () => {
  it('weighted clusters whose weights sum to 0 are refused', () => {
    const msgs = validateRouteConfiguration(
      route({
        route: {
          weighted_clusters: {
            clusters: [
              { name: 'a', weight: 0 },
              { name: 'b', weight: 0 },
            ],
          },
        },
      }),
    );
    expect(msgs).toContain(
      'RouteConfiguration "x": virtual_hosts[0].routes[2].route.weighted_clusters: weights sum to 0',
    );
  });

  it('a route with two path specifiers is refused', () => {
    const msgs = validateRouteConfiguration(route({ match: { prefix: '/c', path: '/c' } }));
    expect(msgs).toContain(
      'RouteConfiguration "x": virtual_hosts[0].routes[2].match: sets prefix and path; only one is allowed',
    );
  });

  it('a bad duration names the field and the value', () => {
    const msgs = validateRouteConfiguration(route({ route: { cluster: 'c', timeout: '5' } }));
    expect(msgs).toEqual([
      'RouteConfiguration "x": virtual_hosts[0].routes[2].route.timeout: must be a duration like "0.5s" (got "5")',
    ]);
  });

  it('an invalid regex is refused at validation', () => {
    const msgs = validateRouteConfiguration(route({ match: { safe_regex: { regex: '(?!x)' } } }));
    expect(msgs[0]).toMatch(/routes\[2\]\.match\.safe_regex\.regex: look-around/);
  });

  it('duplicate domains across virtual hosts are refused', () => {
    const rc: RouteConfiguration = {
      name: 'r',
      virtual_hosts: [
        { name: 'a', domains: ['x'], routes: [] },
        { name: 'b', domains: ['X'], routes: [] },
      ],
    };
    expect(validateRouteConfiguration(rc)[0]).toMatch(
      /virtual_hosts\[1\]\.domains\[0\]: "X" is already served by virtual_hosts\[0\]/,
    );
  });

  it('leaves HTTP filter configs to the filters: without their checks, only structure is validated', () => {
    const rc = route({ typed_per_filter_config: { 'envoy.filters.http.fault': { abort: { http_status: 99 } } } });
    expect(validateRouteConfiguration(rc)).toEqual([]);
    const checked: string[] = [];
    const filters = { get: () => ({ checkPerRouteConfig: (_e: unknown, path: string) => void checked.push(path) }) };
    expect(validateRouteConfiguration(rc, filters)).toEqual([]);
    expect(checked).toEqual(['virtual_hosts[0].routes[2].typed_per_filter_config["envoy.filters.http.fault"]']);
  });

  it('a listener whose last HTTP filter is not the router is refused', () => {
    const l = {
      name: 'l',
      address: { socket_address: { address: '0.0.0.0', port_value: 80 } },
      filter_chains: [
        {
          filters: [
            {
              name: 'envoy.filters.network.http_connection_manager',
              typed_config: {
                stat_prefix: 's',
                rds: { route_config_name: '80' },
                http_filters: [{ name: 'envoy.filters.http.fault' }],
              },
            },
          ],
        },
      ],
    } as Listener;
    expect(validateListener(l)).toEqual([
      'Listener "l": filter_chains[0].filters[0].typed_config.http_filters[0]: the last HTTP filter must be envoy.filters.http.router',
    ]);
  });

  it('a STATIC cluster without endpoints and a bad breaker value are refused', () => {
    const c = {
      name: 'c',
      type: 'STATIC',
      circuit_breakers: { thresholds: [{ max_connections: -1 }] },
    } as unknown as Cluster;
    expect(validateCluster(c)).toEqual([
      'Cluster "c": load_assignment: is required for a STATIC cluster',
      'Cluster "c": circuit_breakers.thresholds[0].max_connections: must be an integer in [0, 4294967295]',
    ]);
  });

  it('a filter chain needs exactly one terminal filter (HTTP connection manager or tcp_proxy)', () => {
    const l = {
      name: 'l',
      address: { socket_address: { address: '0.0.0.0', port_value: 15001 } },
      filter_chains: [
        {
          filters: [
            { name: 'istio.metadata_exchange' },
            {
              name: 'envoy.filters.network.tcp_proxy',
              typed_config: { stat_prefix: 'PassthroughCluster', cluster: 'PassthroughCluster' },
            },
          ],
        },
        { filter_chain_match: { destination_port: 1 }, filters: [{ name: 'istio.metadata_exchange' }] },
      ],
    } as Listener;
    expect(validateListener(l)).toEqual([
      'Listener "l": filter_chains[1].filters: needs exactly one of envoy.filters.network.http_connection_manager, envoy.filters.network.tcp_proxy',
    ]);
  });

  it('an update with two clusters of one name is refused', () => {
    const c: Cluster = { name: 'a', type: 'EDS' };
    expect(validateConfigUpdate({ clusters: [c, c] })).toEqual(['Cluster "a": name: duplicate name in this update']);
  });

  it('a valid update yields no messages', () => {
    expect(
      validateConfigUpdate({
        routes: [route()],
        clusters: [{ name: 'a', type: 'EDS', lb_policy: 'LEAST_REQUEST', connect_timeout: '10s' }],
      }),
    ).toEqual([]);
  });
});
