import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadBootstrap } from './load-bootstrap';

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const ROUTER = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';

function bootstrap(routes: unknown[], clusters: unknown[], extra: Record<string, unknown> = {}): string {
  return stringify({
    static_resources: {
      listeners: [
        {
          name: 'front',
          address: { socket_address: { address: '0.0.0.0', port_value: 10000 } },
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    '@type': HCM,
                    stat_prefix: 'ingress_http',
                    route_config: { virtual_hosts: [{ name: 'all', domains: ['*'], routes }] },
                    http_filters: [{ name: 'router', typed_config: { '@type': ROUTER } }],
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters,
    },
    ...extra,
  });
}

const dnsCluster = (name: string, type = 'STRICT_DNS', hosts = [name]) => ({
  name,
  type,
  load_assignment: {
    cluster_name: name,
    endpoints: [
      {
        lb_endpoints: hosts.map((h) => ({
          endpoint: { address: { socket_address: { address: h, port_value: 8080 } } },
        })),
      },
    ],
  },
});
const toCluster = (prefix: string, cluster: string) => ({ match: { prefix }, route: { cluster } });
const errorOf = (text: string): string => {
  const result = loadBootstrap(text);
  return result.ok ? 'accepted' : result.error;
};

describe('loadBootstrap', () => {
  it('turns static listeners and clusters into one xDS update with Envoy’s defaults filled in', () => {
    const result = loadBootstrap(
      bootstrap([toCluster('/api', 'a'), toCluster('/', 'b')], [dnsCluster('a'), dnsCluster('b', 'LOGICAL_DNS')], {
        admin: { address: { socket_address: { address: '0.0.0.0', port_value: 9901 } } },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bootstrap.adminPort).toBe(9901);
    const [listener] = result.bootstrap.update.listeners!;
    const hcm = listener!.filter_chains[0]!.filters[0]!;
    // An HTTP filter is picked by its type URL, whatever name it was given.
    expect(JSON.stringify(hcm)).toContain('"name":"envoy.filters.http.router"');
    expect(result.bootstrap.update.clusters!.map((c) => [c.name, c.type, c.lb_policy])).toEqual([
      ['a', 'STRICT_DNS', 'ROUND_ROBIN'],
      ['b', 'LOGICAL_DNS', 'ROUND_ROBIN'],
    ]);
  });

  it('reads lowerCamelCase field names as protobuf’s JSON does', () => {
    const text = bootstrap([toCluster('/', 'a')], [dnsCluster('a')]).replace('port_value: 8080', 'portValue: 8080');
    expect(errorOf(text)).toBe('accepted');
  });

  it('refuses what Envoy refuses, in Envoy’s words', () => {
    expect(errorOf(bootstrap([toCluster('/', 'shop')], [dnsCluster('a')]))).toBe("route: unknown cluster 'shop'");
    const weighted = { match: { prefix: '/' }, route: { weighted_clusters: { clusters: [{ name: 'x', weight: 1 }] } } };
    expect(errorOf(bootstrap([weighted], [dnsCluster('a')]))).toBe("route: unknown weighted cluster 'x'");
    expect(errorOf(bootstrap([{ match: { prefix: '/' }, route: { cluster_name: 'a' } }], [dnsCluster('a')]))).toBe(
      'Protobuf message (type envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager ' +
        'reason INVALID_ARGUMENT:(route_config.virtual_hosts[0].routes[0].route) cluster_name: Cannot find field.) has unknown fields',
    );
    expect(errorOf(bootstrap([toCluster('/', 'a')], [{ ...dnsCluster('a'), hosts: [] }]))).toBe(
      'Protobuf message (type envoy.config.bootstrap.v3.Bootstrap reason INVALID_ARGUMENT:(static_resources.clusters[0]) hosts: Cannot find field.) has unknown fields',
    );
    expect(errorOf(bootstrap([toCluster('/', 'a')], [dnsCluster('a', 'STATIC')]))).toBe(
      "malformed IP address: a. Consider setting resolver_name or setting cluster type to 'STRICT_DNS' or 'LOGICAL_DNS'",
    );
    expect(errorOf(bootstrap([toCluster('/', 'a')], [dnsCluster('a', 'LOGICAL_DNS', ['a', 'b'])]))).toBe(
      'LOGICAL_DNS clusters must have a single locality_lb_endpoint and a single lb_endpoint',
    );
    expect(
      errorOf(bootstrap([toCluster('/', 'a')], [dnsCluster('a')]).replace(ROUTER, 'type.googleapis.com/x.Y')),
    ).toBe("Didn't find a registered implementation for 'router' with type URL: 'type.googleapis.com/x.Y'");
    expect(errorOf('static_resources: [')).toMatch(/^Unable to convert YAML as JSON: /);
  });

  it('says plainly what it does not simulate, and leaves structure to the xDS checks', () => {
    expect(errorOf(bootstrap([toCluster('/', 'a')], [dnsCluster('a')], { dynamic_resources: {} }))).toMatch(
      /^meshdojo's Envoy does not simulate dynamic_resources/,
    );
    expect(errorOf(bootstrap([{ match: { prefix: '/' } }], [dnsCluster('a')]))).toMatch(
      /^Proto constraint validation failed \(Listener "front": .*routes\[0\]/,
    );
  });
});
