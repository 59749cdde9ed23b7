import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  Name,
  PemConverter,
  Pkcs10CertificateRequest,
  Pkcs10CertificateRequestGenerator,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
  type JsonName,
} from '@peculiar/x509';

/** The RSA keys `-newkey rsa:N` makes, signed with SHA-256 (`-sha256`, and OpenSSL 3's default). */
function rsaAlgorithm(bits: number): RsaHashedKeyGenParams {
  return { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
}

const SIGNING = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export class OpensslError extends Error {}

/** `-subj '/O=example Inc./CN=example.com'`: the fields in the order written (`\/` escapes a slash). */
export function parseSubject(text: string): JsonName {
  if (!text.startsWith('/'))
    throw new OpensslError(
      `name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${text}'`,
    );
  const fields: JsonName = [];
  for (const part of text.slice(1).split(/(?<!\\)\//)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new OpensslError(`Hit end of string before finding the '='`);
    fields.push({ [part.slice(0, eq)]: [part.slice(eq + 1).replaceAll('\\/', '/')] });
  }
  return fields;
}

/** A name as OpenSSL 3.0 prints it: `O = example Inc., CN = example.com`. */
export function formatName(name: Name): string {
  return name
    .toJSON()
    .flatMap((rdn) => Object.entries(rdn).flatMap(([type, values]) => values.map((v) => `${type} = ${v}`)))
    .join(', ');
}

export interface KeyPair {
  keys: CryptoKeyPair;
  /** PKCS#8 PEM, unencrypted (`-nodes`), as OpenSSL 3 writes it. */
  pem: string;
}

export async function newRsaKey(bits: number): Promise<KeyPair> {
  const keys = await crypto.subtle.generateKey(rsaAlgorithm(bits), true, ['sign', 'verify']);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { keys, pem: `${PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n` };
}

/** Reads an unencrypted PKCS#8 RSA key (what `-keyout` wrote); its public half comes from the certificate. */
export async function readPrivateKey(pem: string): Promise<CryptoKey> {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) throw new OpensslError('Could not read private key');
  try {
    return await crypto.subtle.importKey('pkcs8', PemConverter.decodeFirst(pem), SIGNING, false, ['sign']);
  } catch {
    throw new OpensslError('Could not read private key');
  }
}

export function readCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new OpensslError('Could not read certificate');
  }
}

export function readRequest(pem: string): Pkcs10CertificateRequest {
  try {
    return new Pkcs10CertificateRequest(pem);
  } catch {
    throw new OpensslError('Could not read certificate request');
  }
}

/** What a certificate needs besides its keys: who, how long, and its serial (hex). */
export interface Validity {
  notBefore: Date;
  notAfter: Date;
  serialNumber: string;
}

/**
 * The crypto the certificate generator draws on. @peculiar/x509 swaps an all-zero serial for random bytes taken
 * from it, where OpenSSL writes `-set_serial 0` as given; for such a serial the bytes it draws are zeros, so the
 * zero stays. Signing still uses the real keys.
 */
function keepingSerial(serialNumber: string): Crypto {
  if (/[1-9a-f]/i.test(serialNumber)) return crypto;
  return {
    subtle: crypto.subtle,
    getRandomValues: <T extends ArrayBufferView | null>(array: T): T => {
      if (array !== null) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0);
      return array;
    },
    randomUUID: () => crypto.randomUUID(),
  };
}

/** `req -x509`: a self-signed CA certificate with OpenSSL's v3_ca extensions. */
export async function selfSigned(subject: JsonName, key: KeyPair, validity: Validity): Promise<string> {
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      ...validity,
      name: new Name(subject),
      keys: key.keys,
      signingAlgorithm: SIGNING,
      extensions: [
        await SubjectKeyIdentifierExtension.create(key.keys.publicKey),
        await AuthorityKeyIdentifierExtension.create(key.keys.publicKey),
        new BasicConstraintsExtension(true, undefined, true),
      ],
    },
    keepingSerial(validity.serialNumber),
  );
  return `${cert.toString('pem')}\n`;
}

/** `req -new`: a PKCS#10 request signed with the new key. */
export async function certificateRequest(subject: JsonName, key: KeyPair): Promise<string> {
  const request = await Pkcs10CertificateRequestGenerator.create({
    name: new Name(subject),
    keys: key.keys,
    signingAlgorithm: SIGNING,
  });
  return `${request.toString('pem')}\n`;
}

/** `x509 -req -CA … -CAkey …`: the request's subject and key, signed by the CA, with OpenSSL 3's key identifiers. */
export async function signRequest(
  request: Pkcs10CertificateRequest,
  ca: X509Certificate,
  caKey: CryptoKey,
  validity: Validity,
): Promise<string> {
  if (!(await request.verify())) throw new OpensslError('Certificate request self-signature did not match');
  const publicKey = await request.publicKey.export();
  const cert = await X509CertificateGenerator.create(
    {
      ...validity,
      subject: request.subjectName,
      issuer: ca.subjectName,
      publicKey,
      signingKey: caKey,
      signingAlgorithm: SIGNING,
      extensions: [
        await SubjectKeyIdentifierExtension.create(publicKey),
        await AuthorityKeyIdentifierExtension.create(ca),
      ],
    },
    keepingSerial(validity.serialNumber),
  );
  return `${cert.toString('pem')}\n`;
}
