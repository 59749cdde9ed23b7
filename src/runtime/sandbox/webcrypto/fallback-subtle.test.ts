import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import { X509Certificate as NodeX509 } from 'node:crypto';
import {
  BasicConstraintsExtension,
  Pkcs10CertificateRequest,
  Pkcs10CertificateRequestGenerator,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { fallbackSubtle } from './fallback-subtle';
import { installWebCryptoFallback } from './index';

// The fallback must be indistinguishable from the browser's WebCrypto for what the mesh does: each case makes
// something with one implementation and reads it with the other (Node's WebCrypto stands in for the browser's).
const native = globalThis.crypto.subtle;
const fallback = fallbackSubtle as unknown as SubtleCrypto;
const fallbackCrypto = {
  subtle: fallback,
  getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
  randomUUID: () => globalThis.crypto.randomUUID(),
} as Crypto;
const data = new TextEncoder().encode('GET /productpage HTTP/1.1');
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 1024,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

async function toNative(key: CryptoKey, algorithm: RsaHashedImportParams | EcKeyImportParams) {
  const format = key.type === 'private' ? 'pkcs8' : 'spki';
  const usage: KeyUsage = key.type === 'private' ? 'sign' : 'verify';
  return native.importKey(format, (await fallback.exportKey(format, key)) as ArrayBuffer, algorithm, true, [usage]);
}

describe('the WebCrypto fallback', () => {
  it('digests as WebCrypto does', async () => {
    for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'])
      expect(new Uint8Array(await fallback.digest(hash, data))).toEqual(
        new Uint8Array(await native.digest(hash, data)),
      );
  });

  it('makes ECDSA P-256 keys whose signatures WebCrypto verifies, and verifies WebCrypto signatures', async () => {
    const keys = await fallback.generateKey(ECDSA, true, ['sign', 'verify']);
    expect(keys.publicKey.usages).toEqual(['verify']);
    const publicKey = await toNative(keys.publicKey, ECDSA);
    const signature = await fallback.sign(ECDSA, keys.privateKey, data);
    expect(await native.verify(ECDSA, publicKey, signature, data)).toBe(true);
    // The PKCS#8 export carries the same key: WebCrypto signs with it, the fallback verifies.
    const privateKey = await toNative(keys.privateKey, ECDSA);
    const theirs = await native.sign(ECDSA, privateKey, data);
    expect(await fallback.verify(ECDSA, keys.publicKey, theirs, data)).toBe(true);
    expect(await fallback.verify(ECDSA, keys.publicKey, theirs, new TextEncoder().encode('other'))).toBe(false);
    expect(await fallback.exportKey('jwk', keys.publicKey)).toMatchObject(await native.exportKey('jwk', publicKey));
  });

  it('makes RSA keys that sign byte for byte as WebCrypto does (PKCS#1 v1.5 is deterministic)', async () => {
    const keys = await fallback.generateKey(RSA, true, ['sign', 'verify']);
    expect(keys.publicKey.algorithm).toMatchObject({ modulusLength: 1024, hash: { name: 'SHA-256' } });
    const privateKey = await toNative(keys.privateKey, RSA);
    const ours = new Uint8Array(await fallback.sign(RSA, keys.privateKey, data));
    expect(ours).toEqual(new Uint8Array(await native.sign(RSA, privateKey, data)));
    expect(await fallback.verify(RSA, keys.publicKey, ours, data)).toBe(true);
    const jwk = await native.exportKey('jwk', await toNative(keys.publicKey, RSA));
    expect(await fallback.exportKey('jwk', keys.publicKey)).toMatchObject({ kty: 'RSA', n: jwk.n, e: jwk.e });
  });

  it('reads PKCS#8 and JWK keys WebCrypto wrote, and verifies RSA-PSS and HMAC as a JWT provider needs', async () => {
    const pss = { name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    const theirs = await native.generateKey(pss, true, ['sign', 'verify']);
    const signature = await native.sign({ name: 'RSA-PSS', saltLength: 32 }, theirs.privateKey, data);
    const jwk = await native.exportKey('jwk', theirs.publicKey);
    const publicKey = await fallback.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
    expect(await fallback.verify({ name: 'RSA-PSS', saltLength: 32 }, publicKey, signature, data)).toBe(true);

    const pkcs8 = await native.exportKey('pkcs8', theirs.privateKey);
    const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    expect((await fallback.importKey('pkcs8', pkcs8, rsa, false, ['sign'])).type).toBe('private');

    const hmac = { name: 'HMAC', hash: 'SHA-256' };
    const secret = await native.importKey('raw', new Uint8Array(32).fill(7), hmac, true, ['sign']);
    const tag = await native.sign('HMAC', secret, data);
    const ours = await fallback.importKey('jwk', await native.exportKey('jwk', secret), hmac, false, ['verify']);
    expect(await fallback.verify('HMAC', ours, tag, data)).toBe(true);
  });

  it('lets @peculiar/x509 issue what the CA and openssl issue, which OpenSSL reads and verifies', async () => {
    const keys = await fallback.generateKey(ECDSA, true, ['sign', 'verify']);
    const root = await X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: '01',
        name: 'O=cluster.local',
        keys,
        signingAlgorithm: ECDSA,
        extensions: [
          new BasicConstraintsExtension(true, undefined, true),
          await SubjectKeyIdentifierExtension.create(keys.publicKey, false, fallbackCrypto),
        ],
      },
      fallbackCrypto,
    );
    const openssl = new NodeX509(root.toString('pem'));
    expect(openssl.subject).toBe('O=cluster.local');
    expect(openssl.verify(openssl.publicKey)).toBe(true);

    const rsaKeys = await fallback.generateKey(RSA, true, ['sign', 'verify']);
    const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const request = await Pkcs10CertificateRequestGenerator.create(
      { name: 'CN=example.com', keys: rsaKeys, signingAlgorithm: rsa },
      fallbackCrypto,
    );
    expect(await new Pkcs10CertificateRequest(request.toString('pem')).verify(fallbackCrypto)).toBe(true);
  });

  it('rejects what it does not implement as a browser lacking it would', async () => {
    await expect(fallback.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt'])).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
  });

  it('is installed only where WebCrypto is missing, and loads on first use', async () => {
    expect(installWebCryptoFallback(globalThis.crypto)).toBe(false);
    expect(globalThis.crypto.subtle).toBe(native);
    const insecure = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as Crypto;
    expect(installWebCryptoFallback(insecure)).toBe(true);
    expect(Object.keys(insecure.subtle)).toEqual(Object.keys(fallbackSubtle));
    const digest = await insecure.subtle.digest('SHA-256', data);
    expect(new Uint8Array(digest)).toEqual(new Uint8Array(await native.digest('SHA-256', data)));
    expect(insecure.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
