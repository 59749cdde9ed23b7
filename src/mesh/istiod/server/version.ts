import { type Random, MESH_EPOCH_MS, rfc3339Seconds } from '../../sim';

/** Istio's push version: the push's time (RFC 3339, UTC) and a counter, e.g. `2026-01-01T00:00:05Z/7`. */
export function pushVersion(clockMs: number, counter: number, epochMs: number = MESH_EPOCH_MS): string {
  return `${rfc3339Seconds(epochMs + clockMs)}/${counter}`;
}

/** A version-4 UUID from the seeded random source, as Istio's nonces (replayable under a fixed seed). */
export function nonce(random: Random): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += random.int(16).toString(16);
  const variant = ((random.int(4) + 8) >>> 0).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
