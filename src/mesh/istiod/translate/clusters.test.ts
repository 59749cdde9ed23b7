import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../xds';
import { istio, pod, service } from '../testing/objects';
import type { KubeObject } from '../model/kube-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { applyUpstreamTls, buildOutboundClusters, type UpstreamTlsOptions } from './clusters';

const opts: UpstreamTlsOptions = {
  serviceAccounts: ['spiffe://cluster.local/ns/default/sa/httpbin'],
  registry: 'Kubernetes',
  sni: 'outbound_.8000_._.httpbin.default.svc.cluster.local',
  autoMtls: true,
  meshExternal: false,
  serviceMtlsMode: 'PERMISSIVE',
};
const tlsOf = (tls: Parameters<typeof applyUpstreamTls>[1], o: Partial<UpstreamTlsOptions> = {}): Cluster => {
  const c: Cluster = { name: 'outbound|8000||httpbin.default.svc.cluster.local', type: 'EDS' };
  applyUpstreamTls(c, tls, { ...opts, ...o });
  return c;
};

describe('applyUpstreamTls (auto mTLS decision)', () => {
  it('without DestinationRule tls: mTLS to endpoints labelled tlsMode istio, plaintext to the rest', () => {
    const c = tlsOf(undefined);
    expect(c.transport_socket).toBeUndefined();
    expect(c.transport_socket_matches?.map((m) => [m.name, m.match, m.transport_socket.name])).toEqual([
      ['tlsMode-istio', { tlsMode: 'istio' }, 'envoy.transport_sockets.tls'],
      ['tlsMode-disabled', {}, 'envoy.transport_sockets.raw_buffer'],
    ]);
    const ctx = c.transport_socket_matches?.[0]?.transport_socket.typed_config;
    expect(ctx).toMatchObject({
      sni: opts.sni,
      common_tls_context: {
        tls_certificate_sds_secret_configs: [{ name: 'default' }],
        combined_validation_context: { validation_context_sds_secret_config: { name: 'ROOTCA' } },
      },
    });
  });

  it('sends plaintext when the destination namespace disables mTLS, the service is outside the mesh, or auto mTLS is off', () => {
    for (const o of [{ serviceMtlsMode: 'DISABLE' as const }, { meshExternal: true }, { autoMtls: false }]) {
      const c = tlsOf(undefined, o);
      expect(c.transport_socket).toBeUndefined();
      expect(c.transport_socket_matches).toBeUndefined();
    }
  });

  it('follows the DestinationRule: DISABLE plaintext, SIMPLE TLS origination, ISTIO_MUTUAL mTLS to every endpoint', () => {
    expect(tlsOf({ mode: 'DISABLE' })).toEqual({
      name: 'outbound|8000||httpbin.default.svc.cluster.local',
      type: 'EDS',
    });
    expect(tlsOf({ mode: 'SIMPLE', sni: 'httpbin.org' }).transport_socket?.typed_config).toMatchObject({
      sni: 'httpbin.org',
      common_tls_context: {},
    });
    const mutual = tlsOf({ mode: 'ISTIO_MUTUAL' });
    expect(mutual.transport_socket_matches).toBeUndefined();
    expect(mutual.transport_socket?.typed_config).toMatchObject({
      sni: opts.sni,
      common_tls_context: {
        combined_validation_context: {
          default_validation_context: {
            match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/default/sa/httpbin' }],
          },
        },
      },
    });
  });
});

describe('buildOutboundClusters', () => {
  const base: KubeObject[] = [
    service('reviews', { clusterIP: '10.96.0.12', ports: [{ name: 'http', port: 9080 }] }),
    pod('reviews-v1-7f99cc4496-gdxfn', {
      ip: '10.244.0.12',
      labels: { app: 'reviews', version: 'v1' },
      serviceAccount: 'bookinfo-reviews',
    }),
    pod('reviews-v2-7d79d5bd5d-8zzqd', {
      ip: '10.244.0.13',
      labels: { app: 'reviews', version: 'v2' },
      serviceAccount: 'bookinfo-reviews',
    }),
    pod('reviews-v3-7dbcdcbc56-m8dph', {
      ip: '10.244.0.14',
      labels: { app: 'reviews', version: 'v3' },
      sidecar: false,
    }),
    pod('sleep-9454cc476-p2lfn', { ip: '10.244.0.22', labels: { app: 'sleep' }, serviceAccount: 'sleep' }),
  ];
  const dr = istio('DestinationRule', 'reviews', {
    host: 'reviews',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v3', labels: { version: 'v3' } },
    ],
  });

  it('builds a cluster per service port and per subset, EDS, LEAST_REQUEST', () => {
    const snap = buildMeshSnapshot([...base, dr]);
    const set = buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!);
    const reviews = set.clusters.filter((c) => c.name.endsWith('reviews.default.svc.cluster.local'));
    expect(reviews.map((c) => [c.name, c.type, c.lb_policy])).toEqual([
      ['outbound|9080||reviews.default.svc.cluster.local', 'EDS', 'LEAST_REQUEST'],
      ['outbound|9080|v1|reviews.default.svc.cluster.local', 'EDS', 'LEAST_REQUEST'],
      ['outbound|9080|v3|reviews.default.svc.cluster.local', 'EDS', 'LEAST_REQUEST'],
    ]);
  });

  it('applies a DestinationRule with a workloadSelector only to the sidecars it selects', () => {
    const forSleep = istio('DestinationRule', 'reviews-for-sleep', {
      host: 'reviews',
      workloadSelector: { matchLabels: { app: 'sleep' } },
      trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
    });
    const snap = buildMeshSnapshot([...base, forSleep]);
    const lbOf = (proxyId: string) =>
      buildOutboundClusters(snap, snap.proxyById.get(proxyId)!).clusters.find(
        (c) => c.name === 'outbound|9080||reviews.default.svc.cluster.local',
      )?.lb_policy;
    expect(lbOf('sleep-9454cc476-p2lfn.default')).toBe('RANDOM');
    expect(lbOf('reviews-v2-7d79d5bd5d-8zzqd.default')).toBe('LEAST_REQUEST');
  });

  it('builds no cluster for a UDP port, so kube-dns (53 over UDP and TCP) gets one cluster per name', () => {
    const kubeDns = service('kube-dns', {
      namespace: 'kube-system',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
    });
    const snap = buildMeshSnapshot([...base, kubeDns]);
    const names = buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!).clusters.map(
      (c) => c.name,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.includes('kube-dns'))).toEqual([
      'outbound|53||kube-dns.kube-system.svc.cluster.local',
      'outbound|9153||kube-dns.kube-system.svc.cluster.local',
    ]);
  });

  it('filters subset endpoints by labels and marks endpoints with a sidecar tlsMode istio', () => {
    const snap = buildMeshSnapshot([...base, dr]);
    const { endpoints } = buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!);
    const addresses = (name: string) =>
      endpoints
        .find((e) => e.cluster_name === name)
        ?.endpoints?.[0]?.lb_endpoints.map((e) => e.endpoint.address.socket_address.address);
    expect(addresses('outbound|9080||reviews.default.svc.cluster.local')).toEqual([
      '10.244.0.12',
      '10.244.0.13',
      '10.244.0.14',
    ]);
    expect(addresses('outbound|9080|v1|reviews.default.svc.cluster.local')).toEqual(['10.244.0.12']);
    const all =
      endpoints.find((e) => e.cluster_name === 'outbound|9080||reviews.default.svc.cluster.local')?.endpoints?.[0]
        ?.lb_endpoints ?? [];
    expect(all.map((e) => e.metadata?.filter_metadata?.['envoy.transport_socket_match'])).toEqual([
      { tlsMode: 'istio' },
      { tlsMode: 'istio' },
      undefined,
    ]);
  });

  it('drops tlsMode for an endpoint whose own PeerAuthentication disables mTLS on that port', () => {
    const pa = istio('PeerAuthentication', 'v2-plain', {
      selector: { matchLabels: { version: 'v2' } },
      portLevelMtls: { '9080': { mode: 'DISABLE' } },
    });
    const snap = buildMeshSnapshot([...base, pa]);
    const { endpoints } = buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!);
    const eps =
      endpoints.find((e) => e.cluster_name === 'outbound|9080||reviews.default.svc.cluster.local')?.endpoints?.[0]
        ?.lb_endpoints ?? [];
    expect(eps.map((e) => e.metadata?.filter_metadata?.['envoy.transport_socket_match']?.['tlsMode'])).toEqual([
      'istio',
      undefined,
      undefined,
    ]);
  });

  it('leaves a cluster with no ready endpoints an empty load assignment', () => {
    const snap = buildMeshSnapshot([...base, service('empty', { clusterIP: '10.96.0.99', ports: [{ port: 80 }] })]);
    const { endpoints } = buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!);
    expect(endpoints.find((e) => e.cluster_name === 'outbound|80||empty.default.svc.cluster.local')).toEqual({
      cluster_name: 'outbound|80||empty.default.svc.cluster.local',
      endpoints: [],
    });
  });

  it('prefers a DestinationRule in the proxy namespace over the service namespace, then the root namespace', () => {
    const inRoot = istio(
      'DestinationRule',
      'mesh',
      { host: '*.local', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
      { namespace: 'istio-system' },
    );
    const inSvc = istio('DestinationRule', 'reviews', {
      host: 'reviews',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
    });
    const lbOf = (objs: KubeObject[]) => {
      const snap = buildMeshSnapshot([...base, ...objs]);
      return buildOutboundClusters(snap, snap.proxyById.get('sleep-9454cc476-p2lfn.default')!).clusters.find(
        (c) => c.name === 'outbound|9080||reviews.default.svc.cluster.local',
      )?.lb_policy;
    };
    expect(lbOf([inRoot])).toBe('RANDOM');
    expect(lbOf([inRoot, inSvc])).toBe('ROUND_ROBIN');
  });

  it("SIMPLE verifies the server: caCertificates or the system store, SANs (a ServiceEntry's too), auto SAN", () => {
    const common = (c: Cluster) => c.transport_socket?.typed_config.common_tls_context;
    const auto = (c: Cluster) =>
      c.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']
        ?.upstream_http_protocol_options;
    const system = tlsOf({ mode: 'SIMPLE' });
    expect(common(system)?.combined_validation_context).toMatchObject({
      default_validation_context: {},
      validation_context_sds_secret_config: { name: 'file-root:system' },
    });
    expect(auto(system)).toEqual({ auto_sni: true, auto_san_validation: true });
    const file = tlsOf({ mode: 'SIMPLE', caCertificates: '/etc/certs/ca.pem', subjectAltNames: ['a.example.com'] });
    expect(common(file)?.combined_validation_context).toMatchObject({
      default_validation_context: { match_subject_alt_names: [{ exact: 'a.example.com' }] },
      validation_context_sds_secret_config: { name: 'file-root:/etc/certs/ca.pem' },
    });
    expect(auto(file)).toEqual({ auto_sni: true });
    const insecure = tlsOf({ mode: 'SIMPLE', insecureSkipVerify: true, credentialName: 'c' });
    expect(common(insecure)).toEqual({});
    expect(auto(insecure)).toEqual({ auto_sni: true });
    expect(common(tlsOf({ mode: 'SIMPLE', insecureSkipVerify: true }))).toEqual({ validation_context: {} });
    // A Kubernetes service's accounts are SPIFFE IDs, never a server name; a ServiceEntry's SANs are.
    const entry = tlsOf(
      { mode: 'SIMPLE', sni: 'x.example.com' },
      { registry: 'External', serviceAccounts: ['x.example.com'] },
    );
    expect(common(entry)?.combined_validation_context?.default_validation_context).toEqual({
      match_subject_alt_names: [{ exact: 'x.example.com' }],
    });
    expect(common(tlsOf({ mode: 'SIMPLE' }))?.combined_validation_context?.default_validation_context).toEqual({});
  });
});
