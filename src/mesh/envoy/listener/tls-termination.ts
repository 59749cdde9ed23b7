import { TlsHandshakeError, verifyChain, type ClientHello, type TlsSession } from '../../net';
import type { DownstreamTlsContext } from '../../xds/index';
import type { SecretStore } from '../secrets';

/** What a terminating filter chain's DownstreamTlsContext asks of the handshake. */
export interface DownstreamTlsSettings {
  /** SDS secret with the chain and key this filter chain presents. */
  readonly certificateSecret: string;
  /** SDS secret whose CA bundle client certificates must chain to (MUTUAL). */
  readonly validationSecret: string | undefined;
  readonly requireClientCertificate: boolean;
  /** ALPN the server accepts, in its order of preference. */
  readonly alpn: readonly string[];
}

export function downstreamTlsSettings(ctx: DownstreamTlsContext): DownstreamTlsSettings {
  const common = ctx.common_tls_context;
  return {
    certificateSecret: common.tls_certificate_sds_secret_configs?.[0]?.name ?? 'default',
    validationSecret:
      common.combined_validation_context?.validation_context_sds_secret_config?.name ??
      common.validation_context_sds_secret_config?.name,
    requireClientCertificate: ctx.require_client_certificate === true,
    alpn: common.alpn_protocols ?? [],
  };
}

/**
 * BoringSSL's alert for a client chain it cannot verify: an unknown issuer is `unknown ca`, an expired
 * certificate `certificate expired`, anything else `bad certificate`.
 */
function alertFor(problem: string): string {
  if (problem === 'certificate has expired') return 'certificate expired';
  if (problem.startsWith('unable to get') || problem.startsWith('self-signed')) return 'unknown ca';
  return 'bad certificate';
}

/**
 * The server side of a handshake on a terminating chain, as Envoy (BoringSSL, TLS 1.3) answers it. No
 * certificate yet (its SDS secret has not arrived, or the Secret is gone) closes the connection, as a
 * filter chain that is not warmed does. ALPN is the server's first protocol the client offers. Under
 * TLS 1.3 the client's certificate is checked after the client considers the handshake done, so a
 * missing or untrusted one comes back as an alert on the first read.
 */
export function terminateTls(
  settings: DownstreamTlsSettings,
  hello: ClientHello,
  secrets: Pick<SecretStore, 'certificateChain' | 'trustedCa'>,
  nowMs: number,
): TlsSession {
  const certificates = secrets.certificateChain(settings.certificateSecret);
  if (certificates === undefined)
    throw new TlsHandshakeError('closed', `secret ${settings.certificateSecret} is not ready`);
  const alpn = settings.alpn.find((p) => hello.alpn.includes(p));
  const leaf = certificates[0]!;
  const askForCertificate = settings.requireClientCertificate || settings.validationSecret !== undefined;
  let alertOnFirstRead: string | undefined;
  if (askForCertificate) {
    const offered = hello.certificates ?? [];
    if (offered.length === 0) {
      if (settings.requireClientCertificate) alertOnFirstRead = 'certificate required';
    } else {
      const trusted =
        settings.validationSecret === undefined ? [] : (secrets.trustedCa(settings.validationSecret) ?? []);
      const problem = verifyChain(offered, trusted, nowMs);
      if (problem !== undefined) alertOnFirstRead = alertFor(problem);
    }
  }
  return {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    group: 'X25519',
    signatureScheme: leaf.publicKey.type === 'RSA' ? 'RSASSA-PSS' : 'id-ecPublicKey',
    ...(alpn !== undefined && { alpn }),
    ...(hello.serverName !== undefined && { serverName: hello.serverName }),
    certificates,
    certificateRequested: askForCertificate,
    ...(askForCertificate &&
      alertOnFirstRead === undefined &&
      hello.certificates !== undefined && {
        clientCertificates: hello.certificates,
      }),
    ...(alertOnFirstRead !== undefined && { alertOnFirstRead }),
  };
}
