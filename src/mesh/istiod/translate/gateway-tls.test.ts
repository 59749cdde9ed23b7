import { describe, expect, it } from 'vitest';
import { istio, pod } from '../testing/objects';
import type { KubeObject } from '../model/kube-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { generateProxyCredentials, generateProxyXds } from './generator';

const PROXY = 'istio-ingressgateway-1.istio-system';
const gwPod = pod('istio-ingressgateway-1', {
  namespace: 'istio-system',
  ip: '10.244.1.1',
  labels: { istio: 'ingressgateway' },
  sidecar: false,
  ports: [8443],
});

function secret(name: string, data: Record<string, string>, namespace = 'istio-system'): KubeObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, btoa(v)]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data: encoded } as KubeObject;
}

const server = (name: string, hosts: string[], tls: Record<string, string>, protocol = 'HTTPS') => ({
  port: { number: 8443, name, protocol },
  hosts,
  tls,
});

const gateway = (...servers: unknown[]) => istio('Gateway', 'gw', { selector: { istio: 'ingressgateway' }, servers });

describe('gateway TLS servers', () => {
  it('gives each terminating server a chain matched by SNI, its certificate over SDS, and its own routes', () => {
    const objs = [
      gwPod,
      gateway(
        server('https-a', ['a.example.com'], { mode: 'SIMPLE', credentialName: 'a-cred' }),
        server('https-b', ['team/b.example.com'], { mode: 'MUTUAL', credentialName: 'b-cred' }),
      ),
    ];
    const xds = generateProxyXds(buildMeshSnapshot(objs), PROXY);
    const listener = xds.listeners.find((l) => l.name === '0.0.0.0_8443')!;
    expect(listener.listener_filters).toEqual([{ name: 'envoy.filters.listener.tls_inspector' }]);
    expect(listener.filter_chains.map((c) => c.filter_chain_match?.server_names)).toEqual([
      ['a.example.com'],
      ['b.example.com'],
    ]);
    const [simple, mutual] = listener.filter_chains.map((c) => c.transport_socket?.typed_config);
    expect(simple).toMatchObject({
      common_tls_context: {
        alpn_protocols: ['h2', 'http/1.1'],
        tls_certificate_sds_secret_configs: [{ name: 'kubernetes://a-cred' }],
      },
      require_client_certificate: false,
    });
    expect(mutual).toMatchObject({
      common_tls_context: {
        combined_validation_context: {
          validation_context_sds_secret_config: { name: 'kubernetes://b-cred-cacert' },
        },
      },
      require_client_certificate: true,
    });
    expect(xds.routes.map((r) => r.name)).toEqual(['https.8443.https-a.gw.default', 'https.8443.https-b.gw.default']);
  });

  it('a `*` host matches any name (no server_names)', () => {
    const objs = [gwPod, gateway(server('https', ['*'], { mode: 'SIMPLE', credentialName: 'c' }))];
    const chain = generateProxyXds(buildMeshSnapshot(objs), PROXY).listeners[0]!.filter_chains[0]!;
    expect(chain.filter_chain_match).toBeUndefined();
  });

  it('serves credentials from the gateway namespace: key pair, and the CA from `<name>-cacert` before `ca.crt`', () => {
    const gw = gateway(
      server('https-a', ['a.example.com'], { mode: 'MUTUAL', credentialName: 'a' }),
      server('https-b', ['b.example.com'], { mode: 'MUTUAL', credentialName: 'b' }),
      server('https-c', ['c.example.com'], { mode: 'SIMPLE', credentialName: 'missing' }),
    );
    const objs = [
      gwPod,
      gw,
      secret('a', { 'tls.crt': 'CERT-A', 'tls.key': 'KEY-A', 'ca.crt': 'CA-A' }),
      secret('b', { cert: 'CERT-B', key: 'KEY-B', 'ca.crt': 'CA-B-INLINE' }),
      secret('b-cacert', { cacert: 'CA-B' }),
      secret('missing', { 'tls.crt': 'X', 'tls.key': 'Y' }, 'default'),
    ];
    const secrets = generateProxyCredentials(buildMeshSnapshot(objs), buildMeshSnapshot(objs).proxyById.get(PROXY)!);
    expect(secrets).toEqual([
      {
        name: 'kubernetes://a',
        tls_certificate: { certificate_chain: { inline_bytes: 'CERT-A' }, private_key: { inline_bytes: 'KEY-A' } },
      },
      { name: 'kubernetes://a-cacert', validation_context: { trusted_ca: { inline_bytes: 'CA-A' } } },
      {
        name: 'kubernetes://b',
        tls_certificate: { certificate_chain: { inline_bytes: 'CERT-B' }, private_key: { inline_bytes: 'KEY-B' } },
      },
      { name: 'kubernetes://b-cacert', validation_context: { trusted_ca: { inline_bytes: 'CA-B' } } },
    ]);
  });

  it('PASSTHROUGH relays each tls route host within the server hosts to its destination', () => {
    const objs = [
      gwPod,
      gateway(server('tls', ['*.example.com'], { mode: 'PASSTHROUGH' }, 'TLS')),
      istio('VirtualService', 'vs', {
        hosts: ['nginx.example.com'],
        gateways: ['gw'],
        tls: [
          {
            match: [
              { port: 8443, sniHosts: ['nginx.example.com'] },
              { port: 8443, sniHosts: ['other.org'] },
            ],
            route: [{ destination: { host: 'my-nginx', port: { number: 443 } } }],
          },
        ],
      }),
    ];
    const listener = generateProxyXds(buildMeshSnapshot(objs), PROXY).listeners[0]!;
    expect(listener.filter_chains).toEqual([
      {
        filter_chain_match: { server_names: ['nginx.example.com'] },
        filters: [
          { name: 'istio.stats', typed_config: expect.anything() },
          {
            name: 'envoy.filters.network.tcp_proxy',
            typed_config: expect.objectContaining({
              cluster: 'outbound|443||my-nginx.default.svc.cluster.local',
            }) as unknown,
          },
        ],
      },
    ]);
  });
});
