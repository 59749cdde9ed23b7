import type { DownstreamTlsContext, FilterChain, Secret } from '../../xds';
import { TYPE_URL } from '../../xds';
import type { Server } from '../model/istio-api';
import type { GatewayConfig, MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { hostMatches } from '../model/host';
import { ads, SDS_DEFAULT, SDS_ROOT } from './names';
import { tlsRoutesAt } from './tls-routes';
import { tcpProxyChain } from './tcp-proxy';

/** How a gateway server takes a connection (Istio: plain HTTP, TLS terminated then HTTP, or SNI passthrough). */
export type ServerKind = 'http' | 'https' | 'passthrough';

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);

export function serverKind(server: Server): ServerKind | undefined {
  const protocol = (server.port.protocol ?? '').toUpperCase();
  if (HTTP_PROTOCOLS.has(protocol)) return 'http';
  const mode = server.tls?.mode ?? 'SIMPLE';
  const passthrough = mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
  if (protocol === 'HTTPS') return passthrough ? 'passthrough' : 'https';
  if (protocol === 'TLS' && passthrough) return 'passthrough';
  return undefined;
}

/** Server hosts may be `namespace/host`; the name part is what SNI and virtual hosts match. */
function hostName(entry: string): string {
  const slash = entry.indexOf('/');
  return slash < 0 ? entry : entry.slice(slash + 1);
}

/** A filter chain's server_names for a server's hosts: none (any name) when a host is `*`. */
export function sniMatch(hosts: readonly string[]): { server_names: string[] } | undefined {
  const names = hosts.map(hostName);
  return names.length === 0 || names.includes('*') ? undefined : { server_names: names };
}

/** `kubernetes://httpbin-credential`: how istiod names a credential it serves a gateway over SDS. */
export function credentialResourceName(credentialName: string): string {
  return `kubernetes://${credentialName}`;
}

/** Istio's convention for a credential's CA bundle: the credential's name with `-cacert`. */
export const CACERT_SUFFIX = '-cacert';

/**
 * Istio's buildGatewayListenerTLSContext: SIMPLE serves the credential's chain; MUTUAL also asks for a
 * client certificate that chains to the credential's CA bundle; ISTIO_MUTUAL uses the workload certificate
 * and the mesh root, as a sidecar does.
 */
export function gatewayDownstreamTls(server: Server): DownstreamTlsContext {
  const tls = server.tls ?? {};
  const istioMutual = tls.mode === 'ISTIO_MUTUAL';
  const certificate = istioMutual ? SDS_DEFAULT : credentialResourceName(tls.credentialName ?? '');
  const mutual = istioMutual || tls.mode === 'MUTUAL' || tls.mode === 'OPTIONAL_MUTUAL';
  const validation = istioMutual ? SDS_ROOT : `${certificate}${CACERT_SUFFIX}`;
  const sans = (tls.subjectAltNames ?? []).map((exact) => ({ exact }));
  return {
    '@type': TYPE_URL.downstreamTlsContext,
    common_tls_context: {
      alpn_protocols: ['h2', 'http/1.1'],
      tls_certificate_sds_secret_configs: [{ name: certificate, sds_config: ads() }],
      ...(mutual && {
        combined_validation_context: {
          default_validation_context: sans.length > 0 ? { match_subject_alt_names: sans } : {},
          validation_context_sds_secret_config: { name: validation, sds_config: ads() },
        },
      }),
    },
    require_client_certificate: mutual && tls.mode !== 'OPTIONAL_MUTUAL',
  };
}

/**
 * The credentials this gateway's terminating servers name, as SDS secrets: the key pair, and for MUTUAL the
 * CA bundle the client certificates must chain to. A chain whose secret is missing takes no handshakes.
 */
export function buildGatewayCredentialSecrets(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  gateways: readonly GatewayConfig[],
): Secret[] {
  const out = new Map<string, Secret>();
  for (const server of gateways.flatMap((g) => g.spec.servers ?? [])) {
    const tls = server.tls;
    if (serverKind(server) !== 'https' || tls?.credentialName === undefined || tls.mode === 'ISTIO_MUTUAL') continue;
    const mutual = tls.mode === 'MUTUAL' || tls.mode === 'OPTIONAL_MUTUAL';
    addCredentialSecrets(out, snapshot, proxy.workload.namespace, tls.credentialName, { keyPair: true, ca: mutual });
  }
  return [...out.values()];
}

/**
 * The SDS secrets of one credential (istiod's SecretGen): its key pair as `kubernetes://<name>`, and its CA
 * bundle as `kubernetes://<name>-cacert`, from the `<name>-cacert` Secret or else `<name>`'s `ca.crt`. Only
 * Secrets in the proxy's namespace are read; a missing one is not sent, so what needs it waits for it.
 */
export function addCredentialSecrets(
  out: Map<string, Secret>,
  snapshot: MeshSnapshot,
  namespace: string,
  name: string,
  want: { keyPair: boolean; ca: boolean },
): void {
  const credential = snapshot.credentials.get(`${namespace}/${name}`);
  if (want.keyPair && credential?.certificateChain !== undefined && credential.privateKey !== undefined)
    out.set(credentialResourceName(name), {
      name: credentialResourceName(name),
      tls_certificate: {
        certificate_chain: { inline_bytes: credential.certificateChain },
        private_key: { inline_bytes: credential.privateKey },
      },
    });
  if (!want.ca) return;
  const ca =
    snapshot.credentials.get(`${namespace}/${name}${CACERT_SUFFIX}`)?.caCertificates ?? credential?.caCertificates;
  const caName = `${credentialResourceName(name)}${CACERT_SUFFIX}`;
  if (ca !== undefined) out.set(caName, { name: caName, validation_context: { trusted_ca: { inline_bytes: ca } } });
}

/**
 * Istio's buildGatewayNetworkFiltersFromTLSRoutes for PASSTHROUGH servers: each `tls` route of a
 * VirtualService bound to the server's gateway becomes a chain matching its `sniHosts` (within the
 * server's hosts) that relays the connection, still encrypted, to the route's destination.
 */
export function passthroughChains(snapshot: MeshSnapshot, gateway: GatewayConfig, server: Server): FilterChain[] {
  const serverHosts = (server.hosts ?? ['*']).map(hostName);
  const chains: FilterChain[] = [];
  for (const route of tlsRoutesAt(snapshot, gateway.key, server.port.number)) {
    const names = route.sniHosts.filter((sni) => serverHosts.some((h) => hostMatches(h, sni)));
    if (names.length === 0) continue;
    const chain = tcpProxyChain({ cluster: route.cluster }, route.cluster);
    chain.filter_chain_match = { server_names: names };
    chains.push(chain);
  }
  return chains;
}
