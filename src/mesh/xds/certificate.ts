import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import { TAG, contextTag, elements, hex, oidText, readTime, type DerElement } from './der';

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
  const parsed = readWorkloadCertificate(block, epochMs) ?? readX509(block, epochMs) ?? decodeSimCertificate(block);
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

/**
 * The fields of a certificate shaped as istiod's CA writes them, read straight from the DER: an issuer of plain
 * attributes (`O=cluster.local`) and a URI SAN. Undefined for any other shape, which readX509 reads in full; both
 * give the same fields for the same certificate (certificate.test.ts).
 */
function readWorkloadCertificate(block: string, epochMs: number): SimCertificate | undefined {
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(block.slice(BEGIN.length, -END.length).replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const [certificate] = elements(der);
    const [tbs] = elements(certificate!.contents);
    const fields = elements(tbs!.contents);
    const at = fields[0]?.tag === contextTag(0, true) ? 1 : 0;
    const [serial, , issuer, validity] = fields.slice(at);
    const extensions = fields.find((field) => field.tag === contextTag(3, true));
    const [notBefore, notAfter] = elements(validity!.contents).map(readTime);
    const issuerText = nameText(issuer!);
    const uri = extensions === undefined ? undefined : uriSan(extensions);
    if (notBefore === undefined || notAfter === undefined || issuerText === undefined || uri === undefined)
      return undefined;
    return {
      uri,
      serial: serialText(serial!.contents),
      notBefore: notBefore.getTime() - epochMs,
      notAfter: notAfter.getTime() - epochMs,
      issuer: issuerText,
    };
  } catch {
    return undefined;
  }
}

/** @peculiar's serial number text: hex of the INTEGER, without the zero a high bit needs. */
function serialText(contents: Uint8Array): string {
  return hex(contents.length > 1 && contents[0] === 0 && contents[1]! > 0x7f ? contents.subarray(1) : contents);
}

/** Attribute types @peculiar names in text, by OID. */
const NAME_TYPES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};
/** A value @peculiar prints as it is (no character it escapes, no space at either end). */
const PLAIN_VALUE = /^[A-Za-z0-9._:-]+(?: [A-Za-z0-9._:-]+)*$/;
const STRING_TAGS: ReadonlySet<number> = new Set([TAG.utf8String, TAG.printableString, TAG.ia5String]);

/** A Name as @peculiar's toString writes it (`O=cluster.local, CN=…`), when every part is plain; else undefined. */
function nameText(name: DerElement): string | undefined {
  const parts: string[] = [];
  for (const rdn of elements(name.contents)) {
    const attributes = elements(rdn.contents);
    if (attributes.length !== 1) return undefined;
    const [type, value] = elements(attributes[0]!.contents);
    const short = NAME_TYPES[oidText(type!.contents)];
    const text = String.fromCharCode(...value!.contents);
    if (short === undefined || !STRING_TAGS.has(value!.tag) || !PLAIN_VALUE.test(text)) return undefined;
    parts.push(`${short}=${text}`);
  }
  return parts.join(', ');
}

/** The first URI in the subjectAltName extension (2.5.29.17), if there is one. */
function uriSan(extensions: DerElement): string | undefined {
  const [list] = elements(extensions.contents);
  for (const extension of elements(list!.contents)) {
    const [id, ...rest] = elements(extension.contents);
    if (oidText(id!.contents) !== '2.5.29.17') continue;
    const [names] = elements(rest[rest.length - 1]!.contents);
    const uri = elements(names!.contents).find((name) => name.tag === contextTag(6, false));
    return uri === undefined ? undefined : String.fromCharCode(...uri.contents);
  }
  return undefined;
}

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
