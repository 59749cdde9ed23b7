import type { Clock } from '../sim/clock';
import { MESH_EPOCH_MS } from '../sim/epoch';

// The mesh never reads the real date: Date headers and log stamps are MESH_EPOCH_MS plus the simulation
// clock, replayable to the byte.

/** Epoch milliseconds as seen through `clock`. */
export function wallClockOf(clock: Clock, epochMs = MESH_EPOCH_MS): () => number {
  return () => epochMs + clock.now();
}

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

const MS_PER_DAY = 86_400_000;

/** UTC calendar fields for epoch milliseconds (Howard Hinnant's civil_from_days; no Date object needed). */
export function civilTime(epochMs: number): CivilTime {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: Math.floor(msOfDay) % 1000,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** RFC 7231 IMF-fixdate, as in a `Date` header: `Thu, 01 Jan 2026 00:00:00 GMT`. */
export function httpDate(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${DAY_NAMES[t.weekday]}, ${pad(t.day)} ${MONTH_NAMES[t.month - 1]} ${t.year} ${clock(t)} GMT`;
}

/** ISO 8601 in UTC with milliseconds: `2026-01-01T00:00:00.000Z`. */
export function isoTimestamp(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${clock(t)}.${pad(t.millisecond, 3)}Z`;
}

/** Common Log Format stamp, as gunicorn and werkzeug write it: `01/Jan/2026:00:00:00 +0000`. */
export function commonLogTimestamp(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${pad(t.day)}/${MONTH_NAMES[t.month - 1]}/${t.year}:${clock(t)} +0000`;
}

/** `HH:MM:SS` of the day in UTC. */
export function timeOfDay(epochMs: number): string {
  return clock(civilTime(epochMs));
}

function clock(t: CivilTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
