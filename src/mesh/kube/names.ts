import type { Random } from '../sim';

/**
 * Kubernetes' name alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels and no look-alike characters, so
 * generated suffixes never spell words or confuse 0/o and 1/l.
 */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix like the `-x7k2q` of a pod name. */
export function randomSuffix(random: Random, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMS[random.int(ALPHANUMS.length)];
  return out;
}

/** Like rand.SafeEncodeString: maps each character onto the alphabet, turning a decimal hash into a label. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** FNV-1a, 32 bits: the hash the deployment controller uses for pod-template-hash. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** JSON with object keys sorted, so equal objects always hash alike whatever order their keys were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Random lowercase hex digits. */
export function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += random.int(16).toString(16);
  return out;
}

/** A version-4-shaped UUID drawn from the seeded Random, so uids replay with the seed. */
export function randomUid(random: Random): string {
  const variant = (8 + random.int(4)).toString(16);
  return (
    `${randomHex(random, 8)}-${randomHex(random, 4)}-4${randomHex(random, 3)}-` +
    `${variant}${randomHex(random, 3)}-${randomHex(random, 12)}`
  );
}
