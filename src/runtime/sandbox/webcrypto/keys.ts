import type { pki } from 'node-forge';
import type { AlgorithmParams } from './algorithm';

/** What a fallback key holds; WebCrypto's CryptoKey shows none of it. */
export type KeyMaterial =
  | { readonly kind: 'ec'; readonly curve: CurveName; readonly point: Uint8Array; readonly secret?: Uint8Array }
  | { readonly kind: 'rsa'; readonly publicKey: pki.rsa.PublicKey; readonly privateKey?: pki.rsa.PrivateKey }
  | { readonly kind: 'hmac'; readonly secret: Uint8Array };

export type CurveName = 'P-256' | 'P-384' | 'P-521';

const materials = new WeakMap<CryptoKey, KeyMaterial>();

/**
 * A CryptoKey look-alike: the global `CryptoKey` class does not exist where the fallback is needed (it is
 * secure-context only too), and @peculiar/x509 recognises keys by these four fields.
 */
export function makeKey(
  type: KeyType,
  algorithm: AlgorithmParams,
  extractable: boolean,
  usages: readonly KeyUsage[],
  material: KeyMaterial,
): CryptoKey {
  const key = Object.freeze({ type, algorithm: Object.freeze({ ...algorithm }), extractable, usages: [...usages] });
  materials.set(key as CryptoKey, material);
  return key as CryptoKey;
}

export function materialOf(key: CryptoKey, usage?: KeyUsage): KeyMaterial {
  const material = materials.get(key);
  if (material === undefined) throw new DOMException('Not a key of the WebCrypto fallback', 'InvalidAccessError');
  if (usage !== undefined && !key.usages.includes(usage))
    throw new DOMException(`The key does not allow ${usage}`, 'InvalidAccessError');
  return material;
}

/** WebCrypto's split of usages between the halves of a signing key pair. */
export function signingPair(
  algorithm: AlgorithmParams,
  extractable: boolean,
  usages: readonly KeyUsage[],
  publicMaterial: KeyMaterial,
  privateMaterial: KeyMaterial,
): CryptoKeyPair {
  return {
    publicKey: makeKey('public', algorithm, true, usages.includes('verify') ? ['verify'] : [], publicMaterial),
    privateKey: makeKey('private', algorithm, extractable, usages.includes('sign') ? ['sign'] : [], privateMaterial),
  };
}
