import { nameMatches, verifyChain, type Certificate, type TlsSession } from '../../net';
import type { UpstreamTlsContext } from '../../xds/index';

/**
 * Why an upstream connection that originated TLS failed, as Envoy reports it: the stream's reset reason and
 * the transport socket's failure reason (UPSTREAM_TRANSPORT_FAILURE_REASON, also in the 503's body).
 */
export interface TransportFailure {
  readonly resetReason: string;
  readonly transportFailureReason: string;
}

/** BoringSSL's packed error for a server chain or name the client refused, as Envoy's SslSocket prints it. */
const CERTIFICATE_VERIFY_FAILED: TransportFailure = Object.freeze({
  resetReason: 'remote connection failure',
  transportFailureReason: 'TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end',
});

/** Envoy's NotReadySslSocket: the validation context names an SDS secret the proxy does not have. */
const SECRET_NOT_SUPPLIED: TransportFailure = Object.freeze({
  resetReason: 'remote connection failure',
  transportFailureReason: 'TLS error: Secret is not supplied by SDS',
});

/** What the check needs from the proxy. */
export interface ServerVerificationContext {
  /** The trust anchors of an SDS validation secret; undefined when the proxy does not hold it. */
  trustedCa(secretName: string): readonly Certificate[] | undefined;
  /** The upstream's host name when the cluster has auto_san_validation (the name auto_sni sent). */
  readonly autoSanName: string | undefined;
  /** Calendar time now (ms since 1970), for validity periods. */
  readonly nowMs: number;
}

/** Whether the leaf has a DNS SAN for one of `names` (Istio writes only exact matchers). */
function leafCarries(leaf: Certificate | undefined, names: readonly string[]): boolean {
  return names.some((name) => (leaf?.dnsNames ?? []).some((san) => nameMatches(san, name)));
}

/**
 * Envoy's DefaultCertValidator on the client side of TLS the proxy originates (a DestinationRule's SIMPLE
 * or MUTUAL mode). A context without a validation secret (Istio's `insecureSkipVerify`) trusts any server.
 * Otherwise the chain must reach the secret's CA, the leaf must carry one of `match_subject_alt_names` (DNS
 * SANs only; the subject's CN does not count), and under auto_san_validation the upstream's own name. Any
 * refusal is BoringSSL's CERTIFICATE_VERIFY_FAILED. Undefined when the server passes.
 */
export function verifyUpstreamServer(
  ctx: UpstreamTlsContext,
  session: TlsSession,
  verification: ServerVerificationContext,
): TransportFailure | undefined {
  const common = ctx.common_tls_context;
  const secret =
    common.combined_validation_context?.validation_context_sds_secret_config?.name ??
    common.validation_context_sds_secret_config?.name;
  if (secret === undefined) return undefined;
  const trusted = verification.trustedCa(secret);
  if (trusted === undefined) return SECRET_NOT_SUPPLIED;
  if (verifyChain(session.certificates, trusted, verification.nowMs) !== undefined) return CERTIFICATE_VERIFY_FAILED;
  const leaf = session.certificates[0];
  const sans = (common.combined_validation_context?.default_validation_context?.match_subject_alt_names ?? []).flatMap(
    (m) => (m.exact === undefined ? [] : [m.exact]),
  );
  if (sans.length > 0 && !leafCarries(leaf, sans)) return CERTIFICATE_VERIFY_FAILED;
  const auto = verification.autoSanName;
  if (auto !== undefined && !leafCarries(leaf, [auto])) return CERTIFICATE_VERIFY_FAILED;
  return undefined;
}
