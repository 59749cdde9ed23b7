import forge from 'node-forge/lib/forge.js';
import 'node-forge/lib/rsa.js';
import 'node-forge/lib/pss.js';
import 'node-forge/lib/mgf.js';
import 'node-forge/lib/sha1.js';
import 'node-forge/lib/sha256.js';
import 'node-forge/lib/sha512.js';
import { hashName, notSupported, type AlgorithmParams } from './algorithm';
import { base64url, fromBase64url, fromBinaryString, toBinaryString } from './bytes';
import { makeKey, signingPair, type KeyMaterial } from './keys';

/**
 * RSASSA-PKCS1-v1_5 and RSA-PSS with node-forge: key generation, signatures, and the key formats (PKCS#8, SPKI,
 * JWK). @noble has no RSA; forge's prime search draws on crypto.getRandomValues, which every page has.
 */
type RsaMaterial = KeyMaterial & { kind: 'rsa' };

const FORGE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

function messageDigest(params: AlgorithmParams, data: Uint8Array): forge.md.MessageDigest {
  const md = forge.md[FORGE_HASH[hashName(params.hash)]].create();
  md.update(toBinaryString(data));
  return md;
}

/** The key's algorithm as WebCrypto reports it (the hash is fixed when the key is made or imported). */
function keyAlgorithm(params: AlgorithmParams, publicKey: forge.pki.rsa.PublicKey): AlgorithmParams {
  return {
    name: params.name,
    modulusLength: publicKey.n.bitLength(),
    publicExponent: Uint8Array.from(publicKey.e.toByteArray()),
    hash: { name: hashName(params.hash) },
  };
}

function pssScheme(keyParams: AlgorithmParams, saltLength: number | undefined): forge.pss.PSS {
  const hash = FORGE_HASH[hashName(keyParams.hash)];
  return forge.pss.create({
    md: forge.md[hash].create(),
    mgf: forge.mgf.mgf1.create(forge.md[hash].create()),
    saltLength: saltLength ?? 0,
  });
}

export function generateRsaKeyPair(params: AlgorithmParams, extractable: boolean, usages: readonly KeyUsage[]) {
  const exponent = params.publicExponent ?? Uint8Array.of(1, 0, 1);
  const e = exponent.reduce((value, byte) => value * 256 + byte, 0);
  // Naming forge's own generator keeps it on its JavaScript prime search: without one it would hand the work to
  // Node's crypto (tests) through parts of forge this file leaves out, or to a WebCrypto the page lacks.
  const bits = params.modulusLength ?? 2048;
  const { publicKey, privateKey } = forge.pki.rsa.generateKeyPair({ bits, e, prng: forge.random });
  return signingPair(
    keyAlgorithm(params, publicKey),
    extractable,
    usages,
    { kind: 'rsa', publicKey },
    {
      kind: 'rsa',
      publicKey,
      privateKey,
    },
  );
}

export function rsaSign(params: AlgorithmParams, key: CryptoKey, material: RsaMaterial, data: Uint8Array) {
  if (material.privateKey === undefined) throw new DOMException('A public key cannot sign', 'InvalidAccessError');
  const keyParams = key.algorithm as AlgorithmParams;
  const md = messageDigest(keyParams, data);
  const scheme = params.name === 'RSA-PSS' ? pssScheme(keyParams, params.saltLength) : 'RSASSA-PKCS1-V1_5';
  return fromBinaryString(material.privateKey.sign(md, scheme));
}

export function rsaVerify(
  params: AlgorithmParams,
  key: CryptoKey,
  material: RsaMaterial,
  signature: Uint8Array,
  data: Uint8Array,
): boolean {
  const keyParams = key.algorithm as AlgorithmParams;
  const digest = messageDigest(keyParams, data).digest().getBytes();
  try {
    if (params.name === 'RSA-PSS')
      return material.publicKey.verify(digest, toBinaryString(signature), pssScheme(keyParams, params.saltLength));
    return material.publicKey.verify(digest, toBinaryString(signature), 'RSASSA-PKCS1-V1_5');
  } catch {
    return false;
  }
}

const der = (object: forge.asn1.Asn1) => fromBinaryString(forge.asn1.toDer(object).getBytes());
const bigInteger = (b64url: string | undefined) =>
  new forge.jsbn.BigInteger(forge.util.bytesToHex(toBinaryString(fromBase64url(b64url ?? ''))), 16);
/** JWK integers are unsigned big-endian: no sign byte. */
const unsigned = (value: forge.jsbn.BigInteger) => {
  const bytes = Uint8Array.from(value.toByteArray(), (b) => b & 0xff);
  return base64url(bytes[0] === 0 ? bytes.slice(1) : bytes);
};

export function exportRsaKey(format: KeyFormat, key: CryptoKey, material: RsaMaterial) {
  const { publicKey, privateKey } = material;
  if (format === 'spki' && key.type === 'public') return der(forge.pki.publicKeyToAsn1(publicKey));
  if (format === 'pkcs8' && privateKey !== undefined)
    return der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey)));
  if (format === 'jwk') {
    const jwk: JsonWebKey = { kty: 'RSA', n: unsigned(publicKey.n), e: unsigned(publicKey.e), ext: true };
    jwk.key_ops = [...key.usages];
    if (privateKey !== undefined && key.type === 'private')
      Object.assign(jwk, {
        d: unsigned(privateKey.d),
        p: unsigned(privateKey.p),
        q: unsigned(privateKey.q),
        dp: unsigned(privateKey.dP),
        dq: unsigned(privateKey.dQ),
        qi: unsigned(privateKey.qInv),
      });
    return jwk;
  }
  throw notSupported(`exporting an RSA ${key.type} key as ${format}`);
}

export function importRsaKey(
  format: KeyFormat,
  keyData: Uint8Array | JsonWebKey,
  params: AlgorithmParams,
  extractable: boolean,
  usages: readonly KeyUsage[],
): CryptoKey {
  let material: RsaMaterial;
  try {
    if (format === 'pkcs8') {
      const privateKey = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(toBinaryString(keyData as Uint8Array)));
      material = { kind: 'rsa', privateKey, publicKey: forge.pki.rsa.setPublicKey(privateKey.n, privateKey.e) };
    } else if (format === 'spki') {
      const publicKey = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(toBinaryString(keyData as Uint8Array)));
      material = { kind: 'rsa', publicKey: publicKey as forge.pki.rsa.PublicKey };
    } else if (format === 'jwk' && (keyData as JsonWebKey).d === undefined) {
      const jwk = keyData as JsonWebKey;
      if (jwk.kty !== 'RSA') throw new Error('not an RSA JWK');
      material = { kind: 'rsa', publicKey: forge.pki.rsa.setPublicKey(bigInteger(jwk.n), bigInteger(jwk.e)) };
    } else {
      throw notSupported(`importing an RSA key from ${format}`);
    }
  } catch (error) {
    if (error instanceof DOMException) throw error;
    throw new DOMException('Invalid RSA key data', 'DataError');
  }
  const type = material.privateKey === undefined ? 'public' : 'private';
  return makeKey(type, keyAlgorithm(params, material.publicKey), extractable, usages, material);
}
