import { describe, expect, it } from 'vitest';
import { ISTIO_DEFAULT_RETRY_POLICY } from '../../xds';
import { istio, service } from '../testing/objects';
import type { HTTPRoute, VirtualServiceSpec } from '../model/istio-api';
import { buildMeshSnapshot, type VirtualServiceConfig } from '../model/snapshot';
import {
  buildDefaultHTTPOutboundRoute,
  buildHTTPRoutesForVirtualService,
  getDestinationCluster,
  mirrorPercent,
  translateRedirect,
  translateRoute,
  type RouteContext,
} from './route';
import { convertRetryPolicy } from './retry';
import { hashPolicyResolver } from './consistent-hash';

const services = [
  service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
  service('multi', {
    clusterIP: '10.96.0.40',
    ports: [
      { name: 'http', port: 80 },
      { name: 'http-admin', port: 8080 },
    ],
  }),
];

function vsOf(spec: VirtualServiceSpec): { vs: VirtualServiceConfig; ctx: RouteContext } {
  const snap = buildMeshSnapshot([...services, istio('VirtualService', 'reviews', spec)]);
  const ctx: RouteContext = {
    proxyLabels: { app: 'productpage', version: 'v1' },
    proxyNamespace: 'default',
    gatewayNames: new Set(['mesh']),
    serviceByHost: snap.serviceByHost,
  };
  return { vs: snap.virtualServices[0]!, ctx };
}

const to = (subset: string, weight?: number): NonNullable<HTTPRoute['route']>[number] => ({
  destination: { host: 'reviews', subset },
  ...(weight === undefined ? {} : { weight }),
});

describe('buildHTTPRoutesForVirtualService', () => {
  it('keeps rules in order (first match wins in Envoy) and stops after a catch-all', () => {
    const { vs, ctx } = vsOf({
      hosts: ['reviews'],
      http: [
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [to('v2')] },
        { route: [to('v1')] },
        { route: [to('v3')] },
      ],
    });
    const routes = buildHTTPRoutesForVirtualService(ctx, vs, 9080);
    expect(routes.map((r) => r.route?.cluster)).toEqual([
      'outbound|9080|v2|reviews.default.svc.cluster.local',
      'outbound|9080|v1|reviews.default.svc.cluster.local',
    ]);
    expect(routes[0]?.match.headers).toEqual([{ name: 'end-user', string_match: { exact: 'jason' } }]);
  });

  it('ORs the matches of a rule as separate routes, and a catch-all match ends the list', () => {
    const { vs, ctx } = vsOf({
      hosts: ['reviews'],
      http: [
        { match: [{ uri: { prefix: '/a' } }, { uri: { prefix: '/' } }, { uri: { prefix: '/b' } }], route: [to('v1')] },
        { route: [to('v2')] },
      ],
    });
    const routes = buildHTTPRoutesForVirtualService(ctx, vs, 9080);
    expect(routes.map((r) => r.match.prefix)).toEqual(['/a', '/']);
  });

  it('includes a sourceLabels match only on proxies whose labels contain them', () => {
    const { vs, ctx } = vsOf({
      hosts: ['reviews'],
      http: [
        { match: [{ sourceLabels: { app: 'productpage' } }], route: [to('v2')] },
        { match: [{ sourceLabels: { app: 'other' } }], route: [to('v3')] },
      ],
    });
    expect(buildHTTPRoutesForVirtualService(ctx, vs, 9080).map((r) => r.route?.cluster)).toEqual([
      'outbound|9080|v2|reviews.default.svc.cluster.local',
    ]);
  });

  it('drops matches for another port', () => {
    const { vs, ctx } = vsOf({
      hosts: ['multi'],
      http: [{ match: [{ port: 8080 }], route: [{ destination: { host: 'multi' } }] }],
    });
    expect(buildHTTPRoutesForVirtualService(ctx, vs, 80)).toEqual([]);
    expect(buildHTTPRoutesForVirtualService(ctx, vs, 8080)[0]?.route?.cluster).toBe(
      'outbound|8080||multi.default.svc.cluster.local',
    );
  });
});

describe('translateRoute', () => {
  const route = (http: HTTPRoute, port = 9080) => {
    const { vs, ctx } = vsOf({ hosts: ['reviews'], http: [http] });
    return translateRoute(ctx, vs, vs.spec.http![0]!, vs.spec.http![0]!.match?.[0], port);
  };

  it('turns several destinations into weighted clusters and leaves out 0-weight ones', () => {
    const r = route({ route: [to('v1', 80), to('v2', 20), to('v3', 0)] });
    expect(r?.route?.weighted_clusters?.clusters).toEqual([
      { name: 'outbound|9080|v1|reviews.default.svc.cluster.local', weight: 80 },
      { name: 'outbound|9080|v2|reviews.default.svc.cluster.local', weight: 20 },
    ]);
    expect(r?.route?.cluster).toBeUndefined();
  });

  it('sends one destination everything, whatever its weight', () => {
    expect(route({ route: [to('v3', 30)] })?.route).toMatchObject({
      cluster: 'outbound|9080|v3|reviews.default.svc.cluster.local',
    });
  });

  it('writes no timeout (0s) unless the rule sets one, which covers all tries', () => {
    expect(route({ route: [to('v1')] })?.route?.timeout).toBe('0s');
    expect(route({ route: [to('v1')], timeout: '10s' })?.route?.timeout).toBe('10s');
    expect(route({ route: [to('v1')], timeout: '500ms' })?.route?.timeout).toBe('0.5s');
  });

  it('uses Istio default retries when the rule sets none', () => {
    expect(route({ route: [to('v1')] })?.route?.retry_policy).toEqual(ISTIO_DEFAULT_RETRY_POLICY);
  });

  it('adds the fault as per-route config of the fault filter', () => {
    const r = route({ route: [to('v1')], fault: { abort: { httpStatus: 500, percentage: { value: 100 } } } });
    expect(r?.typed_per_filter_config?.['envoy.filters.http.fault']).toMatchObject({
      abort: { http_status: 500, percentage: { numerator: 1_000_000, denominator: 'MILLION' } },
    });
  });

  it('mirrors with a runtime fraction; absent percentage is 100 %, 0 turns it off', () => {
    expect(
      route({ route: [to('v1')], mirror: { host: 'reviews', subset: 'v2' } })?.route?.request_mirror_policies,
    ).toEqual([
      {
        cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local',
        runtime_fraction: { default_value: { numerator: 100, denominator: 'HUNDRED' } },
      },
    ]);
    expect(
      route({ route: [to('v1')], mirror: { host: 'reviews' }, mirrorPercentage: { value: 0 } })?.route
        ?.request_mirror_policies,
    ).toBeUndefined();
    expect(mirrorPercent({ mirrorPercentage: { value: 33.3 } })?.default_value).toEqual({
      numerator: 333000,
      denominator: 'MILLION',
    });
  });

  it('translates header operations: set overwrites, add appends, remove drops, Host rewrites the authority', () => {
    const r = route({
      route: [to('v1')],
      headers: {
        request: { set: { 'x-b': '1', host: 'other' }, add: { 'x-a': '2' }, remove: ['x-c', ':path'] },
        response: { add: { 'x-r': '3' } },
      },
    });
    expect(r?.request_headers_to_add).toEqual([
      { header: { key: 'x-b', value: '1' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'x-a', value: '2' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    expect(r?.request_headers_to_remove).toEqual(['x-c']);
    expect(r?.response_headers_to_add).toEqual([
      { header: { key: 'x-r', value: '3' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    expect(r?.route?.host_rewrite_literal).toBe('other');
  });

  it('translates rewrites and redirects', () => {
    expect(route({ rewrite: { uri: '/v2/', authority: 'new' }, route: [to('v1')] })?.route).toMatchObject({
      prefix_rewrite: '/v2/',
      host_rewrite_literal: 'new',
    });
    expect(route({ redirect: { uri: '/new', authority: 'example.com' } })?.redirect).toEqual({
      host_redirect: 'example.com',
      path_redirect: '/new',
      response_code: 'MOVED_PERMANENTLY',
    });
    expect(translateRedirect({ redirectCode: 307, port: 8080, scheme: 'https' }, 80, false)).toEqual({
      scheme_redirect: 'https',
      port_redirect: 8080,
      response_code: 'TEMPORARY_REDIRECT',
    });
    expect(translateRedirect({ redirectCode: 418 }, 80, false)).toBeUndefined();
  });

  it('writes a direct response', () => {
    expect(route({ directResponse: { status: 503, body: { string: 'down' } } })?.direct_response).toEqual({
      status: 503,
      body: { inline_string: 'down' },
    });
  });
});

describe('getDestinationCluster', () => {
  const snap = buildMeshSnapshot(services);
  it('takes the destination port, else the only service port, else the listener port', () => {
    expect(
      getDestinationCluster(
        { host: 'multi.default.svc.cluster.local', port: { number: 8080 } },
        snap.serviceByHost.get('multi.default.svc.cluster.local'),
        80,
      ),
    ).toBe('outbound|8080||multi.default.svc.cluster.local');
    expect(
      getDestinationCluster(
        { host: 'reviews.default.svc.cluster.local', subset: 'v1' },
        snap.serviceByHost.get('reviews.default.svc.cluster.local'),
        80,
      ),
    ).toBe('outbound|9080|v1|reviews.default.svc.cluster.local');
    expect(
      getDestinationCluster(
        { host: 'multi.default.svc.cluster.local' },
        snap.serviceByHost.get('multi.default.svc.cluster.local'),
        80,
      ),
    ).toBe('outbound|80||multi.default.svc.cluster.local');
    expect(getDestinationCluster({ host: 'nowhere.example.com' }, undefined, 443)).toBe(
      'outbound|443||nowhere.example.com',
    );
  });
});

describe('buildDefaultHTTPOutboundRoute', () => {
  it('routes prefix / to the service cluster with the default retry policy and no timeout', () => {
    expect(
      buildDefaultHTTPOutboundRoute(
        'outbound|9080||reviews.default.svc.cluster.local',
        'reviews.default.svc.cluster.local:9080/*',
      ),
    ).toEqual({
      name: 'default',
      match: { prefix: '/' },
      route: {
        cluster: 'outbound|9080||reviews.default.svc.cluster.local',
        timeout: '0s',
        retry_policy: ISTIO_DEFAULT_RETRY_POLICY,
      },
      decorator: { operation: 'reviews.default.svc.cluster.local:9080/*' },
    });
  });
});

describe('convertRetryPolicy', () => {
  it('returns the default policy without retries, none for attempts 0', () => {
    expect(convertRetryPolicy(undefined)).toEqual(ISTIO_DEFAULT_RETRY_POLICY);
    expect(convertRetryPolicy({ attempts: 0 })).toBeUndefined();
    expect(convertRetryPolicy({ attempts: 0, retryOn: '5xx' })).toBeUndefined();
  });

  it('keeps the default retryOn when only attempts are set', () => {
    expect(convertRetryPolicy({ attempts: 3 })).toMatchObject({
      num_retries: 3,
      retry_on: ISTIO_DEFAULT_RETRY_POLICY.retry_on,
    });
  });

  it('splits status codes out of retryOn into retriable_status_codes', () => {
    expect(convertRetryPolicy({ attempts: 2, retryOn: '5xx,409,reset', perTryTimeout: '2s' })).toMatchObject({
      retry_on: '5xx,reset,retriable-status-codes',
      retriable_status_codes: [409],
      per_try_timeout: '2s',
    });
    expect(convertRetryPolicy({ attempts: 1, retryOn: '503' })?.retry_on).toBe('retriable-status-codes');
  });

  it('honours retryIgnorePreviousHosts and backoff', () => {
    expect(convertRetryPolicy({ attempts: 1, retryIgnorePreviousHosts: false })?.retry_host_predicate).toBeUndefined();
    expect(convertRetryPolicy({ attempts: 1, backoff: '50ms' })?.retry_back_off).toEqual({ base_interval: '0.05s' });
  });
});

describe('consistent hashing', () => {
  it('puts the DestinationRule hash key on the route and keeps retries on the same host', () => {
    const snap = buildMeshSnapshot([
      ...services,
      istio('DestinationRule', 'reviews', {
        host: 'reviews',
        trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } },
        subsets: [
          {
            name: 'v1',
            labels: { version: 'v1' },
            trafficPolicy: { loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '60s' } } } },
          },
        ],
      }),
      istio('VirtualService', 'reviews', {
        hosts: ['reviews'],
        http: [
          { route: [{ destination: { host: 'reviews' } }] },
          { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
        ],
      }),
    ]);
    const ctx: RouteContext = {
      proxyLabels: {},
      proxyNamespace: 'default',
      gatewayNames: new Set(['mesh']),
      serviceByHost: snap.serviceByHost,
      hashPolicy: hashPolicyResolver(snap, { namespace: 'default', labels: {} }),
    };
    const vs = snap.virtualServices[0]!;
    const r = translateRoute(ctx, vs, vs.spec.http![0]!, undefined, 9080);
    expect(r?.route?.hash_policy).toEqual([{ header: { header_name: 'x-user' } }]);
    expect(r?.route?.retry_policy?.retry_host_predicate).toBeUndefined();
    expect(translateRoute(ctx, vs, vs.spec.http![1]!, undefined, 9080)?.route?.hash_policy).toEqual([
      { cookie: { name: 'user', ttl: '60s' } },
    ]);
  });
});
