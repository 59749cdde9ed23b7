import { hmac } from '@noble/hashes/hmac.js';
import { hashFunction, hashName, notSupported, type AlgorithmParams } from './algorithm';
import { base64url, equalBytes, fromBase64url } from './bytes';
import { makeKey, type KeyMaterial } from './keys';

/** HMAC with @noble/hashes: what a JWT provider's `oct` keys (HS256…) verify with. */
type HmacMaterial = KeyMaterial & { kind: 'hmac' };

export function importHmacKey(
  format: KeyFormat,
  keyData: Uint8Array | JsonWebKey,
  params: AlgorithmParams,
  extractable: boolean,
  usages: readonly KeyUsage[],
): CryptoKey {
  let secret: Uint8Array;
  if (format === 'raw') secret = keyData as Uint8Array;
  else if (format === 'jwk' && (keyData as JsonWebKey).kty === 'oct')
    secret = fromBase64url((keyData as JsonWebKey).k ?? '');
  else throw notSupported(`importing an HMAC key from ${format}`);
  const algorithm = { name: 'HMAC', hash: { name: hashName(params.hash) }, length: secret.length * 8 };
  return makeKey('secret', algorithm, extractable, usages, { kind: 'hmac', secret });
}

export function hmacSign(key: CryptoKey, material: HmacMaterial, data: Uint8Array): Uint8Array {
  return hmac(hashFunction((key.algorithm as AlgorithmParams).hash), material.secret, data);
}

export function hmacVerify(key: CryptoKey, material: HmacMaterial, signature: Uint8Array, data: Uint8Array) {
  return equalBytes(hmacSign(key, material, data), signature);
}

export function exportHmacKey(format: KeyFormat, key: CryptoKey, material: HmacMaterial) {
  if (format === 'raw') return material.secret;
  if (format === 'jwk') return { kty: 'oct', k: base64url(material.secret), ext: true, key_ops: [...key.usages] };
  throw notSupported(`exporting an HMAC key as ${format}`);
}
