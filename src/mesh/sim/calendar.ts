/**
 * Calendar arithmetic for the mesh's printed dates, without the host's Date (only sim/ may touch it, and
 * nothing here needs to): Howard Hinnant's civil_from_days / days_from_civil on Unix milliseconds.
 * Callers add MESH_EPOCH_MS to a virtual-clock reading first.
 */

const MS_PER_DAY = 86_400_000;

export interface CivilTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
}

/** UTC calendar fields of a Unix-milliseconds instant. */
export function civilTime(unixMs: number): CivilTime {
  const days = Math.floor(unixMs / MS_PER_DAY);
  const msOfDay = unixMs - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: Math.floor(msOfDay) % 1000,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/** Unix milliseconds of a UTC calendar date and time (the inverse of civilTime). */
export function unixMsOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `HH:MM:SS` of the day. */
export function timeOfDay(t: CivilTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** RFC 3339 to the second, as Kubernetes and istiod write it: `2026-01-01T00:03:07Z`. */
export function rfc3339Seconds(unixMs: number): string {
  const t = civilTime(unixMs);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${timeOfDay(t)}Z`;
}

/** ISO 8601 with milliseconds, as Envoy's access log and config_dump write it: `2026-01-01T00:00:00.000Z`. */
export function isoTimestamp(unixMs: number): string {
  const t = civilTime(unixMs);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${timeOfDay(t)}.${pad(t.millisecond, 3)}Z`;
}
