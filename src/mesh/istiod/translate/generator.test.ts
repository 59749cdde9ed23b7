import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfigUpdate } from '../../xds';
import { istio, parseObjects } from '../testing/objects';
import { buildMeshSnapshot } from '../model/snapshot';
import { generateProxyXds } from './generator';

const dir = join(import.meta.dirname, 'testdata', 'base');
const objects = ['bookinfo', 'bookinfo-destination-rules', 'ingressgateway', 'httpbin'].flatMap((f) =>
  parseObjects(readFileSync(join(dir, `${f}.yaml`), 'utf8')),
);
const extra = [
  istio('Gateway', 'bookinfo-gateway', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  }),
  istio('VirtualService', 'bookinfo', {
    hosts: ['*'],
    gateways: ['bookinfo-gateway'],
    http: [{ route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] }],
  }),
  istio('VirtualService', 'reviews', {
    hosts: ['reviews'],
    http: [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
          { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
        ],
      },
    ],
  }),
  istio('PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } }, { namespace: 'istio-system' }),
  istio('AuthorizationPolicy', 'productpage', {
    selector: { matchLabels: { app: 'productpage' } },
    rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
  }),
];

describe('generateProxyXds', () => {
  const snapshot = buildMeshSnapshot([...objects, ...extra]);

  // Structure only here; the HTTP filters' own checks run in src/mesh/cluster/istiod-xds-accepted.test.ts.
  it('generates config every proxy accepts', () => {
    expect(snapshot.proxies.length).toBe(10);
    for (const proxy of snapshot.proxies)
      expect(validateConfigUpdate(generateProxyXds(snapshot, proxy)), proxy.id).toEqual([]);
  });

  it('gives a sidecar virtualOutbound, one listener per HTTP port, virtualInbound and the fixed clusters', () => {
    const xds = generateProxyXds(snapshot, 'reviews-v1-7f99cc4496-gdxfn.default');
    expect(xds.listeners.map((l) => l.name)).toEqual([
      '0.0.0.0_15021',
      '0.0.0.0_80',
      '0.0.0.0_8000',
      '0.0.0.0_8080',
      '0.0.0.0_9080',
      '10.96.1.1_443',
      'virtualInbound',
      'virtualOutbound',
    ]);
    expect(xds.routes.map((r) => r.name)).toEqual(['80', '8000', '8080', '9080', '15021']);
    const names = xds.clusters.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'BlackHoleCluster',
        'PassthroughCluster',
        'InboundPassthroughCluster',
        'inbound|9080||',
        'outbound|9080|v3|reviews.default.svc.cluster.local',
      ]),
    );
    expect(xds.endpoints.every((e) => names.includes(e.cluster_name))).toBe(true);
  });

  it('gives the ingress gateway its server listeners and routes, no inbound side', () => {
    const xds = generateProxyXds(snapshot, 'istio-ingressgateway-5b6c9b8d7f-x2k4p.istio-system');
    expect(xds.listeners.map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    expect(xds.routes.map((r) => r.name)).toEqual(['http.8080']);
    expect(xds.clusters.some((c) => c.name.startsWith('inbound|'))).toBe(false);
  });

  it('is pure: the same snapshot gives the same config, and results share nothing', () => {
    const a = generateProxyXds(snapshot, 'productpage-v1-6b746f74dc-9stvs.default');
    const b = generateProxyXds(snapshot, 'productpage-v1-6b746f74dc-9stvs.default');
    expect(a).toEqual(b);
    a.routes[0]!.virtual_hosts.length = 0;
    expect(generateProxyXds(snapshot, 'productpage-v1-6b746f74dc-9stvs.default')).toEqual(b);
  });

  it('refuses an unknown proxy', () => {
    expect(() => generateProxyXds(snapshot, 'nobody.default')).toThrow(/no proxy "nobody.default"/);
  });
});
