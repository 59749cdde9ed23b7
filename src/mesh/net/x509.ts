import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  type Name,
} from '@peculiar/x509';
import type { Certificate, DistinguishedName } from './types';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The certificates of a PEM file (a CA bundle for `curl --cacert`, a chain in a `kubectl create secret tls`
 * secret) as the simulated TLS reads them; blocks that are not X.509 are skipped.
 */
export function certificatesFromPem(pem: string): Certificate[] {
  const out: Certificate[] = [];
  for (const block of pem.match(PEM_BLOCK) ?? []) {
    const cert = readBlock(block);
    if (cert !== undefined) out.push(cert);
  }
  return out;
}

function readBlock(block: string): Certificate | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(block);
  } catch {
    return undefined;
  }
  const algorithm = x509.publicKey.algorithm as Algorithm & { modulusLength?: number; namedCurve?: string };
  const isRsa = algorithm.name.startsWith('RSA');
  const ski = x509.getExtension(SubjectKeyIdentifierExtension)?.keyId;
  const aki = x509.getExtension(AuthorityKeyIdentifierExtension)?.keyId;
  const dnsNames =
    x509
      .getExtension(SubjectAlternativeNameExtension)
      ?.names.items.filter((n) => n.type === 'dns')
      .map((n) => n.value) ?? [];
  return {
    subject: nameOf(x509.subjectName),
    issuer: nameOf(x509.issuerName),
    dnsNames,
    notBefore: x509.notBefore.getTime(),
    notAfter: x509.notAfter.getTime(),
    serialNumber: x509.serialNumber,
    // Without a subjectKeyIdentifier the key itself names the key.
    keyId: ski ?? toHex(x509.publicKey.rawData),
    ...(aki !== undefined && { authorityKeyId: aki }),
    isCa: x509.getExtension(BasicConstraintsExtension)?.ca ?? false,
    publicKey: isRsa
      ? { type: 'RSA', bits: algorithm.modulusLength ?? 2048 }
      : { type: 'EC', bits: Number(/\d+/.exec(algorithm.namedCurve ?? '256')?.[0] ?? 256) },
    signatureAlgorithm: signatureName(x509.signatureAlgorithm as Algorithm & { hash?: { name: string } }),
    pem: `${block}\n`,
  };
}

function nameOf(name: Name): DistinguishedName {
  return name
    .toJSON()
    .flatMap((rdn) => Object.entries(rdn).flatMap(([type, values]) => values.map((v) => [type, v] as const)));
}

/** OpenSSL's long names for the signature algorithms WebCrypto signs with. */
function signatureName(algorithm: Algorithm & { hash?: { name: string } }): string {
  const hash = (algorithm.hash?.name ?? 'SHA-256').replace('-', '').toLowerCase();
  if (algorithm.name === 'ECDSA') return `ecdsa-with-${hash.toUpperCase()}`;
  if (algorithm.name === 'RSA-PSS') return 'rsassaPss';
  return `${hash}WithRSAEncryption`;
}

function toHex(data: ArrayBuffer): string {
  return [...new Uint8Array(data)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
