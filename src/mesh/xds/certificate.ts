import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';

/**
 * What a proxy and `istioctl proxy-config secret` read from a workload certificate: the SPIFFE URI SAN,
 * validity and serial. istiod's CA issues real X.509 certificates; tests that need no signing use the
 * lighter "sim" form (PEM-framed text carrying the same fields, `encodeSimCertificate`).
 * `readCertificate` accepts both.
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

/**
 * Reads the first certificate of a PEM chain, real X.509 or the sim form. Validity is returned on the mesh
 * clock: milliseconds since `epochMs` (the calendar time the virtual clock's zero stands for).
 */
export function readCertificate(pem: string, epochMs: number): SimCertificate | undefined {
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (block === undefined) return undefined;
  const key = `${epochMs}\n${block}`;
  if (read.has(key)) return read.get(key);
  const parsed = readX509(block, epochMs) ?? decodeSimCertificate(block);
  const certificate = parsed && Object.freeze(parsed);
  if (read.size >= READ_CACHE_SIZE) read.clear();
  read.set(key, certificate);
  return certificate;
}

/**
 * Certificates already read. Every proxy reads its own and its peers' certificates again after each push, and
 * decoding X.509 (ASN.1) was a fifth of a cluster's boot; a certificate's text determines what it says.
 */
const read = new Map<string, SimCertificate | undefined>();
const READ_CACHE_SIZE = 1024;

function readX509(block: string, epochMs: number): SimCertificate | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(block);
  } catch {
    return undefined;
  }
  const uri = cert.getExtension(SubjectAlternativeNameExtension)?.names.items.find((n) => n.type === 'url')?.value;
  if (uri === undefined) return undefined;
  return {
    uri,
    serial: cert.serialNumber,
    notBefore: cert.notBefore.getTime() - epochMs,
    notAfter: cert.notAfter.getTime() - epochMs,
    issuer: cert.issuer,
  };
}
