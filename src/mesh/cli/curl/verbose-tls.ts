import {
  civilTime,
  formatDistinguishedName,
  matchedName,
  type Certificate,
  type TlsClientOptions,
  type TlsSession,
} from '../../index';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** OpenSSL's ASN1_TIME_print: `Jan  1 00:00:00 2026 GMT` (the day padded with a space). */
function asn1Time(ms: number): string {
  const t = civilTime(ms);
  return `${MONTHS[t.month - 1]} ${String(t.day).padStart(2, ' ')} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} ${t.year} GMT`;
}

/** `RSA (2048/112 Bits/secBits)`, `EC/prime256v1 (256/128 Bits/secBits)`: OpenSSL's key description. */
function keyDescription(cert: Certificate): string {
  const { type, bits } = cert.publicKey;
  if (type === 'EC') return `EC/prime256v1 (${bits}/${bits / 2} Bits/secBits)`;
  const security = bits >= 4096 ? 152 : bits >= 3072 ? 128 : 112;
  return `RSA (${bits}/${security} Bits/secBits)`;
}

/** The trust store curl names: the CA bundle of its machine, or `--cacert`'s file. */
export interface TrustSource {
  readonly caFile: string;
  readonly caPath: string;
}

/** curl 8's `-v` lines from the ClientHello to the end of the handshake, with OpenSSL 3 (TLS 1.3). */
export function handshakeLines(trust: TrustSource, tls: TlsClientOptions, session: TlsSession | undefined): string {
  let text = `* ALPN: curl offers ${tls.alpn.join(',')}\n`;
  text += '* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n';
  text += `*  CAfile: ${trust.caFile}\n*  CApath: ${trust.caPath}\n`;
  if (session === undefined) return text;
  const v = session.version;
  text += `* ${v} (IN), TLS handshake, Server hello (2):\n`;
  text += `* ${v} (IN), TLS handshake, Encrypted Extensions (8):\n`;
  if (session.certificateRequested) text += `* ${v} (IN), TLS handshake, Request CERT (13):\n`;
  text += `* ${v} (IN), TLS handshake, Certificate (11):\n`;
  text += `* ${v} (IN), TLS handshake, CERT verify (15):\n`;
  text += `* ${v} (IN), TLS handshake, Finished (20):\n`;
  text += `* ${v} (OUT), TLS change cipher, Change cipher spec (1):\n`;
  if (session.certificateRequested) text += `* ${v} (OUT), TLS handshake, Certificate (11):\n`;
  text += `* ${v} (OUT), TLS handshake, Finished (20):\n`;
  text += `* SSL connection using ${v} / ${session.cipher} / ${session.group} / ${session.signatureScheme}\n`;
  text +=
    session.alpn === undefined
      ? '* ALPN: server did not agree on a protocol. Uses default.\n'
      : `* ALPN: server accepted ${session.alpn}\n`;
  return text;
}

/** The `Server certificate:` block curl prints once it has the chain; `verified` when it trusted it. */
export function serverCertificateLines(session: TlsSession, hostname: string, verified: boolean): string {
  const leaf = session.certificates[0];
  if (leaf === undefined) return '';
  let text = '* Server certificate:\n';
  text += `*  subject: ${formatDistinguishedName(leaf.subject)}\n`;
  text += `*  start date: ${asn1Time(leaf.notBefore)}\n`;
  text += `*  expire date: ${asn1Time(leaf.notAfter)}\n`;
  const matched = matchedName(leaf, hostname);
  if (matched !== undefined && leaf.dnsNames.length > 0)
    text += `*  subjectAltName: host "${hostname}" matched cert's "${matched}"\n`;
  else if (matched !== undefined) text += `*  common name: ${matched} (matched)\n`;
  text += `*  issuer: ${formatDistinguishedName(leaf.issuer)}\n`;
  if (verified) text += '*  SSL certificate verify ok.\n';
  session.certificates.forEach((cert, level) => {
    text += `*   Certificate level ${level}: Public key type ${keyDescription(cert)}, signed using ${cert.signatureAlgorithm}\n`;
  });
  return text;
}
