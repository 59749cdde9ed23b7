/**
 * Timestamps for objects and events. The mesh may not read the wall clock, so virtual time 0 is pinned to a
 * fixed instant and calendar dates are computed by hand (Howard Hinnant's civil-from-days algorithm).
 */

import { MESH_EPOCH_MS } from '../sim/epoch';

const MS_PER_DAY = 86_400_000;

/** RFC 3339 with second precision, as the API server writes metav1.Time (`2026-01-01T00:03:07Z`). */
export function rfc3339(clockMs: number): string {
  const unixMs = MESH_EPOCH_MS + Math.floor(clockMs / 1000) * 1000;
  const days = Math.floor(unixMs / MS_PER_DAY);
  const msOfDay = unixMs - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const seconds = Math.floor(msOfDay / 1000);
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T` +
    `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}Z`
  );
}

/** Inverse of rfc3339 (accepts only the `YYYY-MM-DDTHH:MM:SSZ` form it writes); virtual milliseconds. */
export function parseRfc3339(timestamp: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(timestamp);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const unixMs = daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
  return unixMs - MESH_EPOCH_MS;
}

function civilFromDays(daysSinceUnixEpoch: number): { year: number; month: number; day: number } {
  const z = daysSinceUnixEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
