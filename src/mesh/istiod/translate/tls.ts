import type { CommonTlsContext, DownstreamTlsContext, TransportSocket, UpstreamTlsContext } from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';
import type { ClientTLSSettings } from '../model/istio-api';
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
 * The SDS name pilot-agent serves a CA bundle under from a file in the proxy container. `system` is Istio's
 * name for the image's OS trust store, used when a DestinationRule names no CA (VERIFY_CERTIFICATE_AT_CLIENT,
 * on by default since 1.20).
 */
export function fileRootResourceName(caCertificates: string | undefined): string {
  return `file-root:${caCertificates ?? 'system'}`;
}

/**
 * Istio's constructUpstreamTLS: SIMPLE/MUTUAL TLS origination to a non-mesh server (DestinationRule
 * `tls.mode`). With a `credentialName` the key pair (MUTUAL) and the CA bundle come over SDS as
 * `kubernetes://<name>` and `kubernetes://<name>-cacert`, which istiod serves from the Secret in the proxy's
 * namespace; without one the CA bundle is the `caCertificates` file, or the system store. The server's
 * certificate must carry one of `subjectAltNames` (for a ServiceEntry host without them, the entry's own
 * `subjectAltNames`). `insecureSkipVerify` leaves the server unverified: no CA, no SAN.
 */
export function simpleUpstream(tls: ClientTLSSettings, serviceSubjectAltNames: readonly string[]): UpstreamTlsContext {
  const sans =
    tls.subjectAltNames !== undefined && tls.subjectAltNames.length > 0 ? tls.subjectAltNames : serviceSubjectAltNames;
  const verify = tls.insecureSkipVerify !== true;
  const common: CommonTlsContext = {};
  const credential = tls.credentialName === undefined ? undefined : credentialResourceName(tls.credentialName);
  if (credential !== undefined && tls.mode === 'MUTUAL')
    common.tls_certificate_sds_secret_configs = [{ name: credential, sds_config: ads() }];
  if (verify)
    common.combined_validation_context = {
      default_validation_context: sans.length > 0 ? { match_subject_alt_names: sans.map((exact) => ({ exact })) } : {},
      validation_context_sds_secret_config: {
        name: credential !== undefined ? `${credential}${CACERT_SUFFIX}` : fileRootResourceName(tls.caCertificates),
        sds_config: ads(),
      },
    };
  else if (credential === undefined) common.validation_context = {};
  const ctx: UpstreamTlsContext = { '@type': TYPE_URL.upstreamTlsContext, common_tls_context: common };
  if (tls.sni !== undefined) ctx.sni = tls.sni;
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
