import { type Clock, civilTime, pad, timeOfDay as hms, MESH_EPOCH_MS } from '../sim';

// The mesh never reads the real date: Date headers and log stamps are MESH_EPOCH_MS plus the simulation
// clock, replayable to the byte.

/** Epoch milliseconds as seen through `clock`. */
export function wallClockOf(clock: Clock, epochMs = MESH_EPOCH_MS): () => number {
  return () => epochMs + clock.now();
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 7231 IMF-fixdate, as in a `Date` header: `Thu, 01 Jan 2026 00:00:00 GMT`. */
export function httpDate(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${DAY_NAMES[t.weekday]}, ${pad(t.day)} ${MONTH_NAMES[t.month - 1]} ${t.year} ${hms(t)} GMT`;
}

/** Common Log Format stamp, as gunicorn and werkzeug write it: `01/Jan/2026:00:00:00 +0000`. */
export function commonLogTimestamp(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${pad(t.day)}/${MONTH_NAMES[t.month - 1]}/${t.year}:${hms(t)} +0000`;
}

/** `HH:MM:SS` of the day in UTC. */
export function timeOfDay(epochMs: number): string {
  return hms(civilTime(epochMs));
}

/** Go's standard logger prefix (`log.Printf`): `2026/01/01 00:00:00`. */
export function goLogStamp(epochMs: number): string {
  const t = civilTime(epochMs);
  return `${t.year}/${pad(t.month)}/${pad(t.day)} ${hms(t)}`;
}
