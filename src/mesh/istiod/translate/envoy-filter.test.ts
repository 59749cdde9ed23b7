import { describe, expect, it } from 'vitest';
import type { HttpConnectionManager, HttpFilter, Listener } from '../../xds';
import { istio } from '../testing/objects';
import type { EnvoyConfigPatch, EnvoyFilterSpec } from '../model/istio-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { parseObjects } from '../testing/objects';
import {
  applyHttpFilterPatches,
  applyRouteConfigurationPatches,
  normalizePatchValue,
  routeConfigurationPort,
} from './envoy-filter';
import { generateProxyXds } from './generator';

const base: HttpFilter[] = [
  { name: 'envoy.filters.http.rbac' },
  { name: 'istio.stats' },
  { name: 'envoy.filters.http.router' },
];
const rateLimit = {
  name: 'envoy.filters.http.local_ratelimit',
  typed_config: {
    '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct',
    type_url: 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
    value: { stat_prefix: 'http_local_rate_limiter' },
  },
};
const ef = (patches: EnvoyConfigPatch[]) =>
  buildMeshSnapshot([
    istio('EnvoyFilter', 'rl', { configPatches: patches } satisfies EnvoyFilterSpec, { namespace: 'istio-system' }),
  ]).envoyFilters;
const inbound = {
  context: 'SIDECAR_INBOUND' as const,
  listenerName: 'virtualInbound',
  port: 9080,
  filterChainName: '0.0.0.0_9080',
};

describe('HTTP_FILTER patches', () => {
  it('INSERT_BEFORE without a subFilter puts the filter first, with the TypedStruct unwrapped', () => {
    const out = applyHttpFilterPatches(
      base,
      ef([
        {
          applyTo: 'HTTP_FILTER',
          match: { listener: { filterChain: { filter: { name: 'envoy.http_connection_manager' } } } },
          patch: { operation: 'INSERT_BEFORE', value: rateLimit },
        },
      ]),
      inbound,
    );
    expect(out.map((f) => f.name)).toEqual([
      'envoy.filters.http.local_ratelimit',
      'envoy.filters.http.rbac',
      'istio.stats',
      'envoy.filters.http.router',
    ]);
    expect(out[0]?.typed_config).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
      stat_prefix: 'http_local_rate_limiter',
    });
  });

  it('INSERT_BEFORE the router subFilter (deprecated name envoy.router accepted)', () => {
    const out = applyHttpFilterPatches(
      base,
      ef([
        {
          applyTo: 'HTTP_FILTER',
          match: {
            listener: {
              filterChain: {
                filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.router' } },
              },
            },
          },
          patch: { operation: 'INSERT_BEFORE', value: rateLimit },
        },
      ]),
      inbound,
    );
    expect(out.map((f) => f.name)).toEqual([
      'envoy.filters.http.rbac',
      'istio.stats',
      'envoy.filters.http.local_ratelimit',
      'envoy.filters.http.router',
    ]);
  });

  it('respects context and port', () => {
    const patches = ef([
      {
        applyTo: 'HTTP_FILTER',
        match: { context: 'SIDECAR_OUTBOUND', listener: { portNumber: 9080 } },
        patch: { operation: 'INSERT_FIRST', value: rateLimit },
      },
    ]);
    expect(applyHttpFilterPatches(base, patches, inbound)).toHaveLength(3);
    expect(applyHttpFilterPatches(base, patches, { ...inbound, context: 'SIDECAR_OUTBOUND', port: 80 })).toHaveLength(
      3,
    );
    expect(applyHttpFilterPatches(base, patches, { ...inbound, context: 'SIDECAR_OUTBOUND' })).toHaveLength(4);
  });

  it('matches proxyVersion as a regex against the proxy version', () => {
    const on = ef([
      {
        applyTo: 'HTTP_FILTER',
        match: { proxy: { proxyVersion: '^1\\.30.*' } },
        patch: { operation: 'ADD', value: rateLimit },
      },
    ]);
    const off = ef([
      {
        applyTo: 'HTTP_FILTER',
        match: { proxy: { proxyVersion: '^1\\.20.*' } },
        patch: { operation: 'ADD', value: rateLimit },
      },
    ]);
    expect(applyHttpFilterPatches(base, on, inbound)).toHaveLength(4);
    expect(applyHttpFilterPatches(base, off, inbound)).toHaveLength(3);
  });

  it('REMOVE and a subFilter that is not there', () => {
    expect(
      applyHttpFilterPatches(
        base,
        ef([
          {
            applyTo: 'HTTP_FILTER',
            match: { listener: { filterChain: { filter: { subFilter: { name: 'istio.stats' } } } } },
            patch: { operation: 'REMOVE' },
          },
        ]),
        inbound,
      ).map((f) => f.name),
    ).toEqual(['envoy.filters.http.rbac', 'envoy.filters.http.router']);
    expect(
      applyHttpFilterPatches(
        base,
        ef([
          {
            applyTo: 'HTTP_FILTER',
            match: { listener: { filterChain: { filter: { subFilter: { name: 'nope' } } } } },
            patch: { operation: 'INSERT_BEFORE', value: rateLimit },
          },
        ]),
        inbound,
      ),
    ).toHaveLength(3);
  });
});

describe('route patches', () => {
  const rc = {
    name: 'inbound|9080||',
    virtual_hosts: [
      {
        name: 'inbound|http|9080',
        domains: ['*'],
        routes: [{ name: 'default', match: { prefix: '/' }, route: { cluster: 'inbound|9080||' } }],
      },
    ],
  };
  const bucket = {
    typed_per_filter_config: {
      'envoy.filters.http.local_ratelimit': {
        '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct',
        type_url: 'T',
        value: { stat_prefix: 's', token_bucket: { max_tokens: 4, fill_interval: '60s' } },
      },
    },
  };
  const patch = (context: 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND') =>
    ef([
      {
        applyTo: 'HTTP_ROUTE',
        match: { context, routeConfiguration: { vhost: { name: 'inbound|http|9080', route: { action: 'ANY' } } } },
        patch: { operation: 'MERGE', value: bucket },
      },
    ]);

  it('merges typed_per_filter_config into the routes of the named virtual host', () => {
    const out = applyRouteConfigurationPatches(rc, patch('SIDECAR_INBOUND'), 'SIDECAR_INBOUND');
    expect(out.virtual_hosts[0]?.routes[0]?.typed_per_filter_config).toEqual({
      'envoy.filters.http.local_ratelimit': {
        '@type': 'T',
        stat_prefix: 's',
        token_bucket: { max_tokens: 4, fill_interval: '60s' },
      },
    });
    expect(rc.virtual_hosts[0]?.routes[0]).not.toHaveProperty('typed_per_filter_config');
  });

  it('does not touch inbound routes from a SIDECAR_OUTBOUND patch (as in Istio)', () => {
    expect(applyRouteConfigurationPatches(rc, patch('SIDECAR_OUTBOUND'), 'SIDECAR_INBOUND')).toEqual(rc);
  });

  it('knows the port of a route configuration by its name', () => {
    expect(routeConfigurationPort('9080')).toBe(9080);
    expect(routeConfigurationPort('inbound|9080||')).toBe(9080);
    expect(routeConfigurationPort('http.8080')).toBe(8080);
  });
});

describe('normalizePatchValue', () => {
  it("reads Envoy's deprecated append flag", () => {
    expect(
      normalizePatchValue({ response_headers_to_add: [{ append: false, header: { key: 'x', value: 'true' } }] }),
    ).toEqual({
      response_headers_to_add: [{ header: { key: 'x', value: 'true' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }],
    });
  });
});

describe('EnvoyFilter scope', () => {
  it('applies to workloads its selector picks, from the root namespace or their own', () => {
    const objs = parseObjects(`
apiVersion: v1
kind: Pod
metadata: { name: a-1, namespace: default, labels: { app: productpage } }
spec: { containers: [{ name: app }, { name: istio-proxy }] }
status: { podIP: 10.0.0.1, phase: Running }
---
apiVersion: v1
kind: Pod
metadata: { name: b-1, namespace: default, labels: { app: reviews } }
spec: { containers: [{ name: app }, { name: istio-proxy }] }
status: { podIP: 10.0.0.2, phase: Running }
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: rl, namespace: istio-system }
spec:
  workloadSelector: { labels: { app: productpage } }
  configPatches:
  - applyTo: HTTP_FILTER
    match: { context: SIDECAR_OUTBOUND }
    patch: { operation: INSERT_FIRST, value: { name: envoy.filters.http.local_ratelimit, typed_config: { stat_prefix: x } } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { clusterIP: 10.96.0.1, selector: { app: reviews }, ports: [{ name: http, port: 80 }] }
`);
    const snap = buildMeshSnapshot(objs);
    const filtersOf = (id: string): string[] => {
      const hcm = generateProxyXds(snap, id).listeners.find((l: Listener) => l.name === '0.0.0.0_80')?.filter_chains[0]
        ?.filters[0]?.typed_config as HttpConnectionManager | undefined;
      return (hcm?.http_filters ?? []).map((f) => f.name);
    };
    expect(filtersOf('a-1.default')[0]).toBe('envoy.filters.http.local_ratelimit');
    expect(filtersOf('b-1.default')[0]).toBe('envoy.filters.http.fault');
  });
});
