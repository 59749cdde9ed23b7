import { describe, expect, it } from 'vitest';
import { istio, pod, service } from '../testing/objects';
import type { KubeObject } from '../model/kube-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { generateProxyXds } from './generator';

const gwPod = pod('istio-ingressgateway-1', {
  namespace: 'istio-system',
  ip: '10.244.1.1',
  labels: { istio: 'ingressgateway' },
  sidecar: false,
  ports: [8080],
});
const base: KubeObject[] = [
  gwPod,
  service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
  service('ratings', { clusterIP: '10.96.0.13', ports: [{ name: 'http', port: 9080 }] }),
  istio('Gateway', 'gw', {
    selector: { istio: 'ingressgateway' },
    servers: [
      { port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com', 'team/internal.example.com'] },
    ],
  }),
];
const routesOf = (objs: KubeObject[]) =>
  generateProxyXds(buildMeshSnapshot(objs), 'istio-ingressgateway-1.istio-system').routes;

describe('gateway routes', () => {
  it('answers 404 from a blackhole virtual host when no VirtualService is bound', () => {
    expect(routesOf(base)).toEqual([
      {
        name: 'http.8080',
        virtual_hosts: [{ name: 'blackhole:8080', domains: ['*'], routes: [] }],
        validate_clusters: false,
      },
    ]);
  });

  it('builds one virtual host per host the VirtualService and the server share; namespaced server hosts admit only that namespace', () => {
    const vs = istio('VirtualService', 'vs', {
      hosts: ['a.example.com', 'internal.example.com', 'other.org'],
      gateways: ['gw'],
      http: [{ route: [{ destination: { host: 'reviews' } }] }],
    });
    const vhosts = routesOf([...base, vs])[0]?.virtual_hosts ?? [];
    expect(vhosts.map((v) => [v.name, v.domains])).toEqual([
      ['a.example.com:8080', ['a.example.com', 'a.example.com:*']],
      ['internal.example.com:8080', ['internal.example.com', 'internal.example.com:*']],
    ]);
    const vsTeam = istio(
      'VirtualService',
      'vs',
      {
        hosts: ['internal.example.com'],
        gateways: ['default/gw'],
        http: [{ route: [{ destination: { host: 'reviews.default.svc.cluster.local' } }] }],
      },
      { namespace: 'team' },
    );
    expect(routesOf([...base, vsTeam])[0]?.virtual_hosts.map((v) => v.name)).toEqual(['internal.example.com:8080']);
  });

  it('merges VirtualServices that share a host, catch-all routes last', () => {
    const catchAll = istio(
      'VirtualService',
      'a',
      { hosts: ['a.example.com'], gateways: ['gw'], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
      { creationTimestamp: '2026-01-01T00:00:00Z' },
    );
    const specific = istio(
      'VirtualService',
      'b',
      {
        hosts: ['a.example.com'],
        gateways: ['gw'],
        http: [{ match: [{ uri: { prefix: '/ratings' } }], route: [{ destination: { host: 'ratings' } }] }],
      },
      { creationTimestamp: '2026-01-01T00:00:01Z' },
    );
    const routes = routesOf([...base, catchAll, specific])[0]?.virtual_hosts[0]?.routes ?? [];
    expect(routes.map((r) => r.route?.cluster)).toEqual([
      'outbound|9080||ratings.default.svc.cluster.local',
      'outbound|9080||reviews.default.svc.cluster.local',
    ]);
  });

  it('keeps gateway-only matches and mesh VirtualServices apart', () => {
    const vs = istio('VirtualService', 'both', {
      hosts: ['a.example.com'],
      gateways: ['gw', 'mesh'],
      http: [
        { match: [{ gateways: ['mesh'] }], route: [{ destination: { host: 'ratings' } }] },
        { route: [{ destination: { host: 'reviews' } }] },
      ],
    });
    expect(routesOf([...base, vs])[0]?.virtual_hosts[0]?.routes.map((r) => r.route?.cluster)).toEqual([
      'outbound|9080||reviews.default.svc.cluster.local',
    ]);
  });

  it('names the routes of a port-80 server after the pod port its Service targets (http.8080), merged with a server on 8080', () => {
    const ingress: KubeObject[] = [
      gwPod,
      service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
      service('istio-ingressgateway', {
        namespace: 'istio-system',
        clusterIP: '10.96.0.100',
        selector: { istio: 'ingressgateway' },
        ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
      }),
      istio('Gateway', 'gw', {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      }),
      // A server on 8080 binds the same pod port: Istio merges it into the same listener and route.
      istio('Gateway', 'gw-8080', {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 8080, name: 'http-8080', protocol: 'HTTP' }, hosts: ['*'] }],
      }),
      istio('VirtualService', 'vs', {
        hosts: ['bookinfo.example.com'],
        gateways: ['gw'],
        http: [{ route: [{ destination: { host: 'reviews' } }] }],
      }),
      istio(
        'EnvoyFilter',
        'by-server-port',
        {
          configPatches: [
            {
              applyTo: 'ROUTE_CONFIGURATION',
              match: { context: 'GATEWAY', routeConfiguration: { portNumber: 80 } },
              patch: {
                operation: 'MERGE',
                value: { request_headers_to_add: [{ header: { key: 'x-gw', value: '1' } }] },
              },
            },
          ],
        },
        { namespace: 'istio-system' },
      ),
    ];
    const xds = generateProxyXds(buildMeshSnapshot(ingress), 'istio-ingressgateway-1.istio-system');
    expect(xds.routes.map((r) => [r.name, r.virtual_hosts.map((v) => v.name)])).toEqual([
      ['http.8080', ['bookinfo.example.com:80']],
    ]);
    expect(xds.listeners.map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    // An EnvoyFilter's portNumber names the Gateway server's port, which the route name no longer carries.
    expect(xds.routes[0]?.request_headers_to_add).toEqual([{ header: { key: 'x-gw', value: '1' } }]);
  });
});
