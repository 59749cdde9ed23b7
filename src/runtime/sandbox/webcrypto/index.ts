import type { fallbackSubtle } from './fallback-subtle';

type FallbackSubtle = typeof fallbackSubtle;

/**
 * The fallback's methods, each loading the fallback (node-forge and @noble: a chunk of its own) on first use:
 * a secure page never downloads it, an insecure one only once a lab needs a key.
 */
const lazySubtle = Object.fromEntries(
  (['digest', 'generateKey', 'importKey', 'exportKey', 'sign', 'verify'] as const).map((method) => [
    method,
    async (...args: unknown[]) => {
      const { fallbackSubtle } = await import('./fallback-subtle');
      return (fallbackSubtle[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  ]),
) as unknown as FallbackSubtle;

/** crypto.randomUUID (secure-context only too) from getRandomValues, which every page has: RFC 9562 version 4. */
function randomUUID(this: void): `${string}-${string}-${string}-${string}-${string}` {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` as const;
}

/**
 * Gives `crypto` the WebCrypto parts a page served over plain http lacks (a workshop on a LAN: only https,
 * localhost and 127.0.0.1 are secure contexts), on that same object, so @peculiar/x509, which keeps a reference
 * to it, sees them too. Leaves a native implementation alone. Returns whether it filled anything in.
 */
export function installWebCryptoFallback(target: Crypto = globalThis.crypto): boolean {
  let installed = false;
  if (target.subtle === undefined) {
    Object.defineProperty(target, 'subtle', { value: lazySubtle, configurable: true });
    installed = true;
  }
  if (typeof target.randomUUID !== 'function') {
    Object.defineProperty(target, 'randomUUID', { value: randomUUID, configurable: true });
    installed = true;
  }
  return installed;
}
