import type { TlsHandshakeError } from '../net';
import {
  commonName,
  isIpv4,
  matchedName,
  verifyChain,
  type Certificate,
  type ClientHello,
  type TlsSession,
} from '../net';

/**
 * A TLS client's settings (curl's TLS options). One shape for every caller: curl on the laptop or in a pod,
 * and later anything else that speaks https (`--cert`/`--key` fill `certificates`).
 */
export interface TlsClientOptions {
  /** Trust anchors: the machine's CA bundle, or what `--cacert` read. */
  readonly trusted: readonly Certificate[];
  /** `-k`: accept any chain and name. */
  readonly insecure: boolean;
  /** ALPN offered, most wanted first; curl offers `h2,http/1.1`. */
  readonly alpn: readonly string[];
  /** The client's chain (`--cert`), sent when the server asks for one. */
  readonly certificates?: readonly Certificate[];
  /** The TLS library as curl names it in messages, e.g. `OpenSSL/3.3.2`. */
  readonly library: string;
  /** Calendar time now (ms since 1970), for validity checks. */
  readonly nowMs: number;
}

/** What the client says first: SNI only for a name (curl sends none for an address). */
export function clientHelloFor(hostname: string, tls: TlsClientOptions): ClientHello {
  return {
    ...(!isIpv4(hostname) && { serverName: hostname }),
    alpn: tls.alpn,
    ...(tls.certificates !== undefined && { certificates: tls.certificates }),
  };
}

/** Why the client refuses a server's chain, as curl words it (exit 60); undefined when it trusts it. */
export function refuseServer(session: TlsSession, hostname: string, tls: TlsClientOptions): string | undefined {
  if (tls.insecure) return undefined;
  const problem = verifyChain(session.certificates, tls.trusted, tls.nowMs);
  if (problem !== undefined) return `SSL certificate problem: ${problem}`;
  const leaf = session.certificates[0];
  if (leaf === undefined) return 'SSL certificate problem: unable to get local issuer certificate';
  if (matchedName(leaf, hostname) !== undefined) return undefined;
  const target = isIpv4(hostname) ? 'ipv4 address' : 'hostname';
  if (leaf.dnsNames.length > 0)
    return `SSL: no alternative certificate subject name matches target ${target} '${hostname}'`;
  return `SSL: certificate subject name '${commonName(leaf.subject) ?? ''}' does not match target ${target} '${hostname}'`;
}

/** OpenSSL 3's codes and reasons for the alerts a server sends. */
const ALERT_REASONS: Readonly<Record<string, string>> = {
  'handshake failure': '0A000410:SSL routines::sslv3 alert handshake failure',
  'bad certificate': '0A000412:SSL routines::sslv3 alert bad certificate',
  'unknown ca': '0A000418:SSL routines::tlsv1 alert unknown ca',
  'unrecognized name': '0A000458:SSL routines::tlsv1 unrecognized name',
  'certificate required': '0A00045C:SSL routines::tlsv13 alert certificate required',
};

/** curl's message for a failed handshake (exit 35), or for an alert on the first read (exit 56). */
export function handshakeMessage(
  error: TlsHandshakeError,
  where: { hostname: string; port: number },
  library: string,
  phase: 'connect' | 'read',
): string {
  if (error.failure === 'not-tls') return `${library}: error:0A00010B:SSL routines::wrong version number`;
  const call = phase === 'connect' ? 'SSL_connect' : 'SSL_read';
  if (error.failure === 'closed')
    return `OpenSSL ${call}: SSL_ERROR_SYSCALL in connection to ${where.hostname}:${where.port} `;
  const reason = ALERT_REASONS[error.alert ?? ''] ?? `0A000410:SSL routines::ssl/tls alert ${error.alert ?? ''}`;
  const text = `${library}: error:${reason}`;
  return phase === 'connect' ? text : `OpenSSL SSL_read: ${text}, errno 0`;
}
