import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

/** The fields of WebCrypto's algorithm dictionaries the fallback reads (names as the callers write them). */
export interface AlgorithmParams {
  readonly name: string;
  readonly hash?: HashAlgorithmIdentifier;
  readonly namedCurve?: string;
  readonly modulusLength?: number;
  readonly publicExponent?: Uint8Array;
  readonly saltLength?: number;
  readonly length?: number;
}

/** `'ECDSA'` or `{ name: 'ecdsa', … }` → the dictionary with WebCrypto's canonical name. */
export function normalize(algorithm: AlgorithmIdentifier | AlgorithmParams): AlgorithmParams {
  const params = typeof algorithm === 'string' ? { name: algorithm } : (algorithm as AlgorithmParams);
  const canonical = CANONICAL_NAMES.find((name) => name.toUpperCase() === params.name.toUpperCase());
  if (canonical === undefined) throw notSupported(`algorithm ${params.name}`);
  return { ...params, name: canonical };
}

const CANONICAL_NAMES = ['ECDSA', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'HMAC', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const HASHES = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

export function hashName(hash: HashAlgorithmIdentifier | undefined): HashName {
  const name = normalize(hash ?? 'SHA-256').name;
  if (!(name in HASHES)) throw notSupported(`hash ${name}`);
  return name as HashName;
}

export function hashFunction(hash: HashAlgorithmIdentifier | undefined) {
  return HASHES[hashName(hash)];
}

/** The error a browser's SubtleCrypto rejects with for an algorithm it lacks. */
export function notSupported(what: string): DOMException {
  return new DOMException(`The WebCrypto fallback does not support ${what}`, 'NotSupportedError');
}
