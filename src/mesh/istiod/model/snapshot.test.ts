import { describe, expect, it } from 'vitest';
import { istio, pod, service } from '../testing/objects';
import type { KubeObject } from './kube-api';
import { buildMeshSnapshot, resolveGatewayName } from './snapshot';
import { portProtocol } from './services';

const base: KubeObject[] = [
  service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
  service('httpbin', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 8000, targetPort: 'web' }] }),
  pod('reviews-v1-7f99cc4496-gdxfn', {
    ip: '10.244.0.12',
    labels: { app: 'reviews', version: 'v1' },
    serviceAccount: 'bookinfo-reviews',
    ports: [9080],
  }),
  pod('reviews-v2-7d79d5bd5d-8zzqd', {
    ip: '10.244.0.13',
    labels: { app: 'reviews', version: 'v2' },
    serviceAccount: 'bookinfo-reviews',
    ready: false,
  }),
  pod('reviews-v3-7dbcdcbc56-m8dph', { ip: '10.244.0.14', labels: { app: 'reviews', version: 'v3' }, sidecar: false }),
  {
    ...pod('httpbin-7b549f7859-kmvzf', { ip: '10.244.0.20', labels: { app: 'httpbin' }, serviceAccount: 'httpbin' }),
    spec: {
      serviceAccountName: 'httpbin',
      containers: [{ name: 'httpbin', ports: [{ name: 'web', containerPort: 8080 }] }, { name: 'istio-proxy' }],
    },
  },
  {
    ...pod('istio-ingressgateway-5b6c9b8d7f-x2k4p', {
      namespace: 'istio-system',
      ip: '10.244.1.1',
      labels: { istio: 'ingressgateway' },
      sidecar: false,
    }),
  },
];

describe('buildMeshSnapshot', () => {
  const snap = buildMeshSnapshot(base);

  it('names services by FQDN and keeps ports, ClusterIP and port protocols', () => {
    const reviews = snap.serviceByHost.get('reviews.default.svc.cluster.local');
    expect(reviews?.address).toBe('10.96.0.12');
    expect(reviews?.ports).toEqual([{ name: 'http', port: 9080, protocol: 'HTTP' }]);
  });

  it('makes endpoints of ready pods only, with labels, sidecar (tlsMode) and service account', () => {
    const eps = snap.serviceByHost.get('reviews.default.svc.cluster.local')?.endpoints ?? [];
    expect(eps.map((e) => e.address)).toEqual(['10.244.0.12', '10.244.0.14']);
    expect(eps[0]).toMatchObject({
      port: 9080,
      tlsMode: 'istio',
      serviceAccount: 'bookinfo-reviews',
      workloadName: 'reviews-v1',
      labels: { version: 'v1' },
    });
    expect(eps[1]?.tlsMode).toBe('disabled');
  });

  it('resolves a named targetPort against the container ports', () => {
    expect(snap.serviceByHost.get('httpbin.default.svc.cluster.local')?.endpoints[0]).toMatchObject({
      servicePort: 8000,
      port: 8080,
    });
  });

  it('has a sidecar proxy per injected pod and a router for the ingress gateway pod', () => {
    expect(snap.proxies.map((p) => [p.id, p.type])).toEqual([
      ['httpbin-7b549f7859-kmvzf.default', 'sidecar'],
      ['istio-ingressgateway-5b6c9b8d7f-x2k4p.istio-system', 'router'],
      ['reviews-v1-7f99cc4496-gdxfn.default', 'sidecar'],
      ['reviews-v2-7d79d5bd5d-8zzqd.default', 'sidecar'],
    ]);
    expect(snap.proxyById.get('httpbin-7b549f7859-kmvzf.default')?.identity).toBe(
      'spiffe://cluster.local/ns/default/sa/httpbin',
    );
  });

  it('resolves short hosts in the config namespace, but takes dotted names as written (Istio)', () => {
    const s = buildMeshSnapshot([
      ...base,
      istio(
        'VirtualService',
        'reviews',
        {
          hosts: ['reviews', 'reviews.default'],
          http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
        },
        { namespace: 'default' },
      ),
      istio('DestinationRule', 'reviews', { host: 'reviews' }, { namespace: 'default' }),
    ]);
    const vs = s.virtualServices[0];
    expect(vs?.hosts).toEqual(['reviews.default.svc.cluster.local', 'reviews.default']);
    expect(vs?.gateways).toEqual(['mesh']);
    expect(vs?.spec.http?.[0]?.route?.[0]?.destination.host).toBe('reviews.default.svc.cluster.local');
    expect(vs?.raw.http?.[0]?.route?.[0]?.destination.host).toBe('reviews');
    expect(s.destinationRules[0]?.host).toBe('reviews.default.svc.cluster.local');
  });

  it('orders configs oldest first', () => {
    const s = buildMeshSnapshot([
      istio('VirtualService', 'b', { hosts: ['x'] }, { creationTimestamp: '2026-01-01T00:00:02Z' }),
      istio('VirtualService', 'a', { hosts: ['x'] }, { creationTimestamp: '2026-01-01T00:00:03Z' }),
      istio('VirtualService', 'c', { hosts: ['x'] }, { creationTimestamp: '2026-01-01T00:00:01Z' }),
    ]);
    expect(s.virtualServices.map((v) => v.meta.name)).toEqual(['c', 'b', 'a']);
  });

  it('is frozen, and leaves the caller objects untouched', () => {
    expect(Object.isFrozen(snap)).toBe(true);
    expect(Object.isFrozen(snap.services[0])).toBe(true);
    expect(Object.isFrozen(base[0])).toBe(false);
    expect(Object.isFrozen(base[2]?.metadata.labels)).toBe(false);
  });

  it('turns ServiceEntries into services per host; a Kubernetes Service wins a clash', () => {
    const s = buildMeshSnapshot([
      ...base,
      istio('ServiceEntry', 'external', {
        hosts: ['httpbin.org', 'reviews.default.svc.cluster.local'],
        ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
        resolution: 'DNS',
        location: 'MESH_EXTERNAL',
      }),
    ]);
    expect(s.serviceByHost.get('httpbin.org')).toMatchObject({
      registry: 'External',
      resolution: 'DNS',
      meshExternal: true,
    });
    expect(s.serviceByHost.get('httpbin.org')?.endpoints[0]).toMatchObject({ address: 'httpbin.org', port: 80 });
    expect(s.serviceByHost.get('reviews.default.svc.cluster.local')?.registry).toBe('Kubernetes');
  });
});

describe('resolveGatewayName', () => {
  it('resolves short, namespaced and legacy dotted names', () => {
    expect(resolveGatewayName('bookinfo-gateway', 'default')).toBe('default/bookinfo-gateway');
    expect(resolveGatewayName('istio-system/ingress', 'default')).toBe('istio-system/ingress');
    expect(resolveGatewayName('ingress.istio-system', 'default')).toBe('istio-system/ingress');
    expect(resolveGatewayName('mesh', 'default')).toBe('mesh');
  });
});

describe('portProtocol', () => {
  it('reads appProtocol, then the name prefix; unnamed ports are sniffed', () => {
    expect(portProtocol('http-web')).toBe('HTTP');
    expect(portProtocol('grpc')).toBe('GRPC');
    expect(portProtocol('tcp-db')).toBe('TCP');
    expect(portProtocol('web', 'http2')).toBe('HTTP2');
    expect(portProtocol(undefined)).toBe('UNKNOWN');
  });
});
