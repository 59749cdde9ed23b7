import { describe, expect, it } from 'vitest';
import { istio, pod, service } from '../testing/objects';
import type { KubeObject } from '../model/kube-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { DEFAULT_MESH_CONFIG } from '../model/mesh-config';
import { buildSidecarOutboundRouteConfig, generateVirtualHostDomains, outboundHttpPorts } from './outbound-routes';

const base: KubeObject[] = [
  service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
  service('web', {
    namespace: 'other',
    clusterIP: '10.96.5.5',
    ports: [
      { name: 'http', port: 80 },
      { name: 'tcp-db', port: 5432 },
    ],
  }),
  pod('sleep-1', { ip: '10.244.0.22', labels: { app: 'sleep' } }),
];

describe('generateVirtualHostDomains', () => {
  const snap = buildMeshSnapshot(base);
  it('includes the short name, name.ns, name.ns.svc, FQDN and ClusterIP, with and without port, from the same namespace', () => {
    expect(
      generateVirtualHostDomains(
        snap.serviceByHost.get('reviews.default.svc.cluster.local')!,
        9080,
        'default',
        'cluster.local',
      ),
    ).toEqual([
      'reviews.default.svc.cluster.local',
      'reviews.default.svc.cluster.local:9080',
      'reviews',
      'reviews:9080',
      'reviews.default.svc',
      'reviews.default.svc:9080',
      'reviews.default',
      'reviews.default:9080',
      '10.96.0.12',
      '10.96.0.12:9080',
    ]);
  });

  it('has no bare short name from another namespace', () => {
    expect(
      generateVirtualHostDomains(
        snap.serviceByHost.get('web.other.svc.cluster.local')!,
        80,
        'default',
        'cluster.local',
      ),
    ).not.toContain('web');
  });
});

describe('buildSidecarOutboundRouteConfig', () => {
  const proxyOf = (objs: KubeObject[]) => {
    const snap = buildMeshSnapshot(objs);
    return { snap, proxy: snap.proxyById.get('sleep-1.default')! };
  };

  it('listens on HTTP ports only (TCP ports get no route configuration)', () => {
    expect(outboundHttpPorts(buildMeshSnapshot(base))).toEqual([80, 9080]);
  });

  it('names the config by port, one virtual host per service, plus allow_any to PassthroughCluster', () => {
    const { snap, proxy } = proxyOf(base);
    const rc = buildSidecarOutboundRouteConfig(snap, proxy, 9080);
    expect(rc.name).toBe('9080');
    expect(rc.virtual_hosts.map((v) => v.name)).toEqual(['reviews.default.svc.cluster.local:9080', 'allow_any']);
    expect(rc.virtual_hosts[1]?.routes[0]?.route?.cluster).toBe('PassthroughCluster');
  });

  it('answers 502 for unknown hosts under REGISTRY_ONLY', () => {
    const snap = buildMeshSnapshot(base, { ...DEFAULT_MESH_CONFIG, outboundTrafficPolicy: 'REGISTRY_ONLY' });
    const rc = buildSidecarOutboundRouteConfig(snap, snap.proxyById.get('sleep-1.default')!, 9080);
    expect(rc.virtual_hosts.at(-1)).toMatchObject({
      name: 'block_all',
      routes: [{ direct_response: { status: 502 } }],
    });
  });

  it('gives a host to the oldest VirtualService that claims it', () => {
    const older = istio(
      'VirtualService',
      'a',
      { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] },
      { creationTimestamp: '2026-01-01T00:00:00Z' },
    );
    const newer = istio(
      'VirtualService',
      'b',
      { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] },
      { creationTimestamp: '2026-01-01T00:00:01Z' },
    );
    const { snap, proxy } = proxyOf([...base, newer, older]);
    const vh = buildSidecarOutboundRouteConfig(snap, proxy, 9080).virtual_hosts[0];
    expect(vh?.routes.map((r) => r.route?.cluster)).toEqual(['outbound|9080|v1|reviews.default.svc.cluster.local']);
  });

  it('ignores VirtualServices bound only to gateways', () => {
    const vs = istio('VirtualService', 'gw', {
      hosts: ['reviews'],
      gateways: ['my-gateway'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
    });
    const { snap, proxy } = proxyOf([...base, vs]);
    expect(buildSidecarOutboundRouteConfig(snap, proxy, 9080).virtual_hosts[0]?.routes[0]?.name).toBe('default');
  });

  it('gives a VirtualService host outside the registry a virtual host on port 80 only', () => {
    const vs = istio('VirtualService', 'ext', {
      hosts: ['api.example.com'],
      http: [{ timeout: '3s', route: [{ destination: { host: 'api.example.com' } }] }],
    });
    const { snap, proxy } = proxyOf([...base, vs]);
    expect(buildSidecarOutboundRouteConfig(snap, proxy, 80).virtual_hosts.map((v) => v.name)).toContain(
      'api.example.com:80',
    );
    expect(buildSidecarOutboundRouteConfig(snap, proxy, 9080).virtual_hosts.map((v) => v.name)).not.toContain(
      'api.example.com:9080',
    );
  });

  it('applies a wildcard VirtualService host to the services it covers', () => {
    const vs = istio('VirtualService', 'all', {
      hosts: ['*.default.svc.cluster.local'],
      http: [{ timeout: '1s', route: [{ destination: { host: 'reviews' } }] }],
    });
    const { snap, proxy } = proxyOf([...base, vs]);
    expect(buildSidecarOutboundRouteConfig(snap, proxy, 9080).virtual_hosts[0]?.routes[0]?.route?.timeout).toBe('1s');
    expect(buildSidecarOutboundRouteConfig(snap, proxy, 80).virtual_hosts[0]?.routes[0]?.name).toBe('default');
  });
});
