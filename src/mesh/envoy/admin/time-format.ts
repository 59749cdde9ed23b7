import { isoTimestamp } from '../../sim';

/**
 * ISO-8601 UTC text for a point on the mesh clock, without reading the wall clock: `epochMs` is the
 * calendar instant the clock's 0 stands for.
 */
export function formatIsoTime(epochMs: number, clockMs: number): string {
  return isoTimestamp(Math.floor(epochMs + clockMs));
}
