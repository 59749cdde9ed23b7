/**
 * Timestamps for objects and events. The mesh may not read the wall clock, so virtual time 0 is pinned to
 * MESH_EPOCH_MS and calendar dates come from sim/calendar.
 */

import { rfc3339Seconds, unixMsOf, MESH_EPOCH_MS } from '../sim';

/** RFC 3339 with second precision, as the API server writes metav1.Time (`2026-01-01T00:03:07Z`). */
export function rfc3339(clockMs: number): string {
  return rfc3339Seconds(MESH_EPOCH_MS + Math.floor(clockMs / 1000) * 1000);
}

/** Inverse of rfc3339 (accepts only the `YYYY-MM-DDTHH:MM:SSZ` form it writes); virtual milliseconds. */
export function parseRfc3339(timestamp: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(timestamp);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return unixMsOf(y, mo, d, h, mi, s) - MESH_EPOCH_MS;
}
