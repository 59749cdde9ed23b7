import type { CommonTlsContext, DownstreamTlsContext, TransportSocket, UpstreamTlsContext } from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';
import { CACERT_SUFFIX, credentialResourceName } from './gateway-tls';
import { ads, SDS_DEFAULT, SDS_ROOT } from './names';

/** The ALPN Istio's sidecars offer on in-mesh mTLS (metadata exchange, then plain Istio mTLS). */
export const ALPN_IN_MESH = ['istio-peer-exchange', 'istio'];

/** Our workload certificate (`default`) and the mesh root (`ROOTCA`), both served over SDS. */
function istioCommonTlsContext(subjectAltNames: readonly string[]): CommonTlsContext {
  const defaultValidation =
    subjectAltNames.length > 0 ? { match_subject_alt_names: subjectAltNames.map((exact) => ({ exact })) } : {};
  return {
    tls_certificate_sds_secret_configs: [{ name: SDS_DEFAULT, sds_config: ads() }],
    combined_validation_context: {
      default_validation_context: defaultValidation,
      validation_context_sds_secret_config: { name: SDS_ROOT, sds_config: ads() },
    },
  };
}

/** ISTIO_MUTUAL on the client side: present our certificate, trust the mesh root, expect these SPIFFE IDs. */
export function istioMutualUpstream(subjectAltNames: readonly string[], sni: string): UpstreamTlsContext {
  return {
    '@type': TYPE_URL.upstreamTlsContext,
    common_tls_context: { ...istioCommonTlsContext(subjectAltNames), alpn_protocols: [...ALPN_IN_MESH] },
    sni,
  };
}

/**
 * SIMPLE/MUTUAL TLS origination to a non-mesh server (DestinationRule `tls.mode`). With a `credentialName`
 * the key pair (MUTUAL) and the CA bundle come over SDS as `kubernetes://<name>` and `kubernetes://<name>-cacert`,
 * which istiod serves from the Secret in the proxy's namespace.
 */
export function simpleUpstream(sni: string | undefined, mutual = false, credentialName?: string): UpstreamTlsContext {
  const common: CommonTlsContext = {};
  if (credentialName !== undefined) {
    const name = credentialResourceName(credentialName);
    if (mutual) common.tls_certificate_sds_secret_configs = [{ name, sds_config: ads() }];
    common.combined_validation_context = {
      default_validation_context: {},
      validation_context_sds_secret_config: { name: `${name}${CACERT_SUFFIX}`, sds_config: ads() },
    };
  }
  const ctx: UpstreamTlsContext = { '@type': TYPE_URL.upstreamTlsContext, common_tls_context: common };
  if (sni !== undefined) ctx.sni = sni;
  return ctx;
}

/** The server side of mesh mTLS: require a client certificate that chains to the mesh root. */
export function istioMutualDownstream(): DownstreamTlsContext {
  return {
    '@type': TYPE_URL.downstreamTlsContext,
    common_tls_context: { ...istioCommonTlsContext([]), alpn_protocols: ['h2', 'http/1.1'] },
    require_client_certificate: true,
  };
}

export function tlsTransportSocket(ctx: UpstreamTlsContext | DownstreamTlsContext): TransportSocket {
  return { name: FILTER_NAME.tls, typed_config: ctx };
}

/**
 * Plaintext. TransportSocket's typed_config is declared for TLS contexts only, so the raw_buffer config
 * (an empty message) needs a cast; the validator accepts the name.
 */
export function rawBufferTransportSocket(): TransportSocket {
  return {
    name: 'envoy.transport_sockets.raw_buffer',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer',
    } as unknown as UpstreamTlsContext,
  };
}
