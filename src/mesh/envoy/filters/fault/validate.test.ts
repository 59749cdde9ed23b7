import { describe, expect, it } from 'vitest';
import type { Listener, RouteConfiguration } from '../../../xds/index';
import { validateProxyConfig } from '../../config/validate';

const route = (typedPerFilterConfig: RouteConfiguration['virtual_hosts'][number]['typed_per_filter_config']) =>
  ({
    name: 'x',
    virtual_hosts: [
      {
        name: 'vh',
        domains: ['*'],
        routes: [
          { match: { prefix: '/' }, route: { cluster: 'a' } },
          { match: { prefix: '/b' }, route: { cluster: 'b' } },
          { match: { prefix: '/c' }, route: { cluster: 'c' }, typed_per_filter_config: typedPerFilterConfig },
        ],
      },
    ],
  }) as RouteConfiguration;

const listener = (faultConfig: Record<string, unknown>): Listener => ({
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
            http_filters: [
              { name: 'envoy.filters.http.fault', typed_config: faultConfig },
              { name: 'envoy.filters.http.router' },
            ],
          },
        },
      ],
    },
  ],
});

describe('envoy.filters.http.fault config', () => {
  it('a fault abort status outside 200–599 is refused', () => {
    const msgs = validateProxyConfig({
      routes: [route({ 'envoy.filters.http.fault': { abort: { http_status: 99 } } })],
    });
    expect(msgs[0]).toBe(
      'RouteConfiguration "x": virtual_hosts[0].routes[2].typed_per_filter_config["envoy.filters.http.fault"].abort.http_status: must be an integer in [200, 599]',
    );
  });

  it('a delay without fixed_delay in the typed_config of the filter itself is refused', () => {
    expect(validateProxyConfig({ listeners: [listener({ delay: { percentage: { numerator: 10 } } })] })).toEqual([
      'Listener "l": filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.delay.fixed_delay: is required',
    ]);
  });
});
