/**
 * The simulated mesh has no real cryptography: a certificate is PEM-framed text whose body carries the
 * fields a learner inspects (`istioctl proxy-config secret`): the SPIFFE URI SAN, validity and serial.
 * istiod's CA writes them with `encodeSimCertificate`; the proxy reads its identity with
 * `decodeSimCertificate`.
 */
export interface SimCertificate {
  /** URI SAN, e.g. `spiffe://cluster.local/ns/default/sa/sleep`. */
  uri: string;
  serial: string;
  /** Milliseconds on the mesh clock. */
  notBefore: number;
  notAfter: number;
  issuer: string;
}

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

export function encodeSimCertificate(cert: SimCertificate): string {
  const body = `URI=${cert.uri}\nserial=${cert.serial}\nnotBefore=${cert.notBefore}\nnotAfter=${cert.notAfter}\nissuer=${cert.issuer}`;
  return `${BEGIN}\n${btoa(body)}\n${END}\n`;
}

export function decodeSimCertificate(pem: string): SimCertificate | undefined {
  const start = pem.indexOf(BEGIN);
  const end = pem.indexOf(END);
  if (start < 0 || end < start) return undefined;
  let body: string;
  try {
    body = atob(pem.slice(start + BEGIN.length, end).trim());
  } catch {
    return undefined;
  }
  const fields = new Map<string, string>();
  for (const line of body.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const uri = fields.get('URI');
  if (uri === undefined) return undefined;
  return {
    uri,
    serial: fields.get('serial') ?? '',
    notBefore: Number(fields.get('notBefore') ?? 0),
    notAfter: Number(fields.get('notAfter') ?? 0),
    issuer: fields.get('issuer') ?? '',
  };
}
