import { hashFunction, normalize, notSupported, type AlgorithmParams } from './algorithm';
import { toArrayBuffer, toBytes } from './bytes';
import { ecSign, ecVerify, exportEcKey, generateEcKeyPair, importEcPublicKey } from './ecdsa';
import { exportHmacKey, hmacSign, hmacVerify, importHmacKey } from './hmac';
import { materialOf } from './keys';
import { exportRsaKey, generateRsaKeyPair, importRsaKey, rsaSign, rsaVerify } from './rsa';

type Params = AlgorithmIdentifier | AlgorithmParams;

/**
 * The part of SubtleCrypto the mesh and @peculiar/x509 call (the CA's ECDSA certificates, `openssl`'s RSA ones,
 * JWT verification, digests), for pages where the browser hides WebCrypto: it is secure-context only, and a
 * workshop on a LAN serves plain http. Anything else rejects with NotSupportedError, as a browser lacking an
 * algorithm does. Async like the real one, so callers cannot tell them apart.
 */
export const fallbackSubtle = {
  async digest(algorithm: Params, data: BufferSource): Promise<ArrayBuffer> {
    return toArrayBuffer(hashFunction(normalize(algorithm).name as HashAlgorithmIdentifier)(toBytes(data)));
  },

  async generateKey(algorithm: Params, extractable: boolean, usages: KeyUsage[]): Promise<CryptoKeyPair> {
    const params = normalize(algorithm);
    if (params.name === 'ECDSA') return generateEcKeyPair(params, extractable, usages);
    if (params.name === 'RSASSA-PKCS1-v1_5' || params.name === 'RSA-PSS')
      return generateRsaKeyPair(params, extractable, usages);
    throw notSupported(`generating ${params.name} keys`);
  },

  async importKey(
    format: KeyFormat,
    keyData: BufferSource | JsonWebKey,
    algorithm: Params,
    extractable: boolean,
    usages: KeyUsage[],
  ): Promise<CryptoKey> {
    const params = normalize(algorithm);
    const data = format === 'jwk' ? (keyData as JsonWebKey) : toBytes(keyData as BufferSource);
    if (params.name === 'ECDSA') return importEcPublicKey(format, data, params, usages);
    if (params.name === 'HMAC') return importHmacKey(format, data, params, extractable, usages);
    if (params.name === 'RSASSA-PKCS1-v1_5' || params.name === 'RSA-PSS')
      return importRsaKey(format, data, params, extractable, usages);
    throw notSupported(`importing ${params.name} keys`);
  },

  async exportKey(format: KeyFormat, key: CryptoKey): Promise<ArrayBuffer | JsonWebKey> {
    if (!key.extractable) throw new DOMException('The key is not extractable', 'InvalidAccessError');
    const material = materialOf(key);
    const exported =
      material.kind === 'ec'
        ? exportEcKey(format, key, material)
        : material.kind === 'rsa'
          ? exportRsaKey(format, key, material)
          : exportHmacKey(format, key, material);
    return exported instanceof Uint8Array ? toArrayBuffer(exported) : exported;
  },

  async sign(algorithm: Params, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
    const params = normalize(algorithm);
    const material = materialOf(key, 'sign');
    const bytes = toBytes(data);
    if (material.kind === 'ec') return toArrayBuffer(ecSign(params, material, bytes));
    if (material.kind === 'rsa') return toArrayBuffer(rsaSign(params, key, material, bytes));
    return toArrayBuffer(hmacSign(key, material, bytes));
  },

  async verify(algorithm: Params, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean> {
    const params = normalize(algorithm);
    const material = materialOf(key, 'verify');
    const [sig, bytes] = [toBytes(signature), toBytes(data)];
    if (material.kind === 'ec') return ecVerify(params, material, sig, bytes);
    if (material.kind === 'rsa') return rsaVerify(params, key, material, sig, bytes);
    return hmacVerify(key, material, sig, bytes);
  },
};
