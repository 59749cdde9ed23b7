import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  type Extension,
  type X509Certificate,
} from '@peculiar/x509';
import { formatName } from './certificates';

/**
 * `openssl x509 -text`: the certificate laid out as OpenSSL 3's X509_print_ex does — the fields of Data, the
 * public key, the X509v3 extensions, then the signature — for the RSA certificates our openssl makes and the
 * ECDSA P-256 ones the mesh's CA issues.
 */
export async function certificateText(cert: X509Certificate): Promise<string> {
  const lines = [
    'Certificate:',
    '    Data:',
    // Every certificate made here carries extensions, which only version 3 has.
    `        Version: ${cert.extensions.length > 0 ? '3 (0x2)' : '1 (0x0)'}`,
    `        Serial Number:${serialText(cert.serialNumber)}`,
    `        Signature Algorithm: ${signatureName(cert)}`,
    `        Issuer: ${formatName(cert.issuerName)}`,
    '        Validity',
    `            Not Before: ${opensslDate(cert.notBefore)}`,
    `            Not After : ${opensslDate(cert.notAfter)}`,
    `        Subject: ${formatName(cert.subjectName)}`,
    '        Subject Public Key Info:',
    ...(await publicKeyLines(cert)),
  ];
  if (cert.extensions.length > 0) {
    lines.push('        X509v3 extensions:');
    for (const extension of cert.extensions) {
      const { name, value } = describeExtension(extension);
      lines.push(
        `            ${name}: ${extension.critical ? 'critical' : ''}`,
        ...value.map((v) => `                ${v}`),
      );
    }
  }
  lines.push(`    Signature Algorithm: ${signatureName(cert)}`, '    Signature Value:');
  lines.push(...hexLines(new Uint8Array(cert.signature), 18, '        '));
  return `${lines.join('\n')}\n`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan  1 00:00:00 2026 GMT`, as `-dates` and `-text` print a time. */
export function opensslDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${time} ${date.getUTCFullYear()} GMT`;
}

/** A serial that fits in 63 bits in decimal and hex on the same line (` 0 (0x0)`); a longer one as bytes below. */
function serialText(hex: string): string {
  const value = BigInt(`0x${hex}`);
  if (value < 2n ** 63n) return ` ${value} (0x${value.toString(16)})`;
  const bytes = hex.replace(/^00/, '').match(/../g) ?? [];
  return `\n            ${bytes.join(':').toLowerCase()}`;
}

function signatureName(cert: X509Certificate): string {
  const algorithm = cert.signatureAlgorithm;
  const hash = algorithm.hash.name.replace('-', '');
  return algorithm.name === 'ECDSA' ? `ecdsa-with-${hash}` : `${hash.toLowerCase()}WithRSAEncryption`;
}

async function publicKeyLines(cert: X509Certificate): Promise<string[]> {
  const key = await cert.publicKey.export();
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const bytes = (b64url: string | undefined) =>
    Uint8Array.from(atob((b64url ?? '').replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const indent = '                ';
  if (jwk.kty === 'EC') {
    const point = new Uint8Array([4, ...bytes(jwk.x), ...bytes(jwk.y)]);
    const bits = (point.length - 1) * 4;
    const curve = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[jwk.crv ?? ''] ?? jwk.crv;
    return [
      '            Public Key Algorithm: id-ecPublicKey',
      `${indent}Public-Key: (${bits} bit)`,
      `${indent}pub:`,
      ...hexLines(point, 15, `${indent}    `),
      `${indent}ASN1 OID: ${curve}`,
      `${indent}NIST CURVE: ${jwk.crv}`,
    ];
  }
  const modulus = bytes(jwk.n);
  const exponent = BigInt(`0x${[...bytes(jwk.e)].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
  // OpenSSL prints the modulus as a positive INTEGER: a leading 00 when its top bit is set.
  const signed = modulus[0]! & 0x80 ? new Uint8Array([0, ...modulus]) : modulus;
  return [
    '            Public Key Algorithm: rsaEncryption',
    `${indent}Public-Key: (${modulus.length * 8} bit)`,
    `${indent}Modulus:`,
    ...hexLines(signed, 15, `${indent}    `),
    `${indent}Exponent: ${exponent} (0x${exponent.toString(16)})`,
  ];
}

/** Bytes as OpenSSL dumps them: lowercase hex, `:` after each but the last, `perLine` to a line. */
function hexLines(bytes: Uint8Array, perLine: number, indent: string): string[] {
  const hex = [...bytes].map((b, i) => b.toString(16).padStart(2, '0') + (i < bytes.length - 1 ? ':' : ''));
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine) lines.push(indent + hex.slice(i, i + perLine).join(''));
  return lines;
}

const KEY_USAGES: readonly [KeyUsageFlags, string][] = [
  [KeyUsageFlags.digitalSignature, 'Digital Signature'],
  [KeyUsageFlags.nonRepudiation, 'Non Repudiation'],
  [KeyUsageFlags.keyEncipherment, 'Key Encipherment'],
  [KeyUsageFlags.dataEncipherment, 'Data Encipherment'],
  [KeyUsageFlags.keyAgreement, 'Key Agreement'],
  [KeyUsageFlags.keyCertSign, 'Certificate Sign'],
  [KeyUsageFlags.cRLSign, 'CRL Sign'],
  [KeyUsageFlags.encipherOnly, 'Encipher Only'],
  [KeyUsageFlags.decipherOnly, 'Decipher Only'],
];

const EXTENDED_KEY_USAGES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'TLS Web Server Authentication',
  '1.3.6.1.5.5.7.3.2': 'TLS Web Client Authentication',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.4': 'E-mail Protection',
  '1.3.6.1.5.5.7.3.8': 'Time Stamping',
  '1.3.6.1.5.5.7.3.9': 'OCSP Signing',
};

const GENERAL_NAME_PREFIX: Readonly<Record<string, string>> = {
  dns: 'DNS',
  url: 'URI',
  ip: 'IP Address',
  email: 'email',
};

/** An extension's name and value lines, as OpenSSL's X509V3_EXT_print words them. */
function describeExtension(extension: Extension): { name: string; value: string[] } {
  const keyId = (hex: string | undefined) => (hex ?? '').toUpperCase().match(/../g)?.join(':') ?? '';
  if (extension instanceof SubjectKeyIdentifierExtension)
    return { name: 'X509v3 Subject Key Identifier', value: [keyId(extension.keyId)] };
  if (extension instanceof AuthorityKeyIdentifierExtension)
    return { name: 'X509v3 Authority Key Identifier', value: [keyId(extension.keyId)] };
  if (extension instanceof BasicConstraintsExtension) {
    const pathLength = extension.pathLength === undefined ? '' : `, pathlen:${extension.pathLength}`;
    return { name: 'X509v3 Basic Constraints', value: [`CA:${extension.ca ? 'TRUE' : 'FALSE'}${pathLength}`] };
  }
  if (extension instanceof KeyUsagesExtension) {
    const names = KEY_USAGES.filter(([flag]) => (extension.usages & flag) !== 0).map(([, name]) => name);
    return { name: 'X509v3 Key Usage', value: [names.join(', ')] };
  }
  if (extension instanceof ExtendedKeyUsageExtension) {
    const names = extension.usages.map((usage) => EXTENDED_KEY_USAGES[String(usage)] ?? String(usage));
    return { name: 'X509v3 Extended Key Usage', value: [names.join(', ')] };
  }
  if (extension instanceof SubjectAlternativeNameExtension) {
    const names = extension.names.items.map((n) => `${GENERAL_NAME_PREFIX[n.type] ?? n.type}:${n.value}`);
    return { name: 'X509v3 Subject Alternative Name', value: [names.join(', ')] };
  }
  return { name: extension.type, value: hexLines(new Uint8Array(extension.value), 18, '') };
}
