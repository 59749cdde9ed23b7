/**
 * A 32-bit string hash for the ring (Envoy uses 64-bit xxHash; any well-mixed hash gives the same
 * behaviour at our scale). FNV-1a over the UTF-16 code units, then MurmurHash3's finalizer so that keys
 * differing only in their last character (`10.0.0.1:80_0`, `_1`, …) land far apart.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
