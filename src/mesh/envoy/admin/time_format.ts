/**
 * ISO-8601 UTC text for a point on the mesh clock, without reading the wall clock (only sim/ may touch
 * Date): `epochMs` is the calendar instant the clock's 0 stands for.
 */
export function formatIsoTime(epochMs: number, clockMs: number): string {
  const t = Math.floor(epochMs + clockMs);
  const ms = ((t % 1000) + 1000) % 1000;
  const totalSeconds = Math.floor(t / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const secOfDay = totalSeconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad(m, 2)}-${pad(d, 2)}T${pad(Math.floor(secOfDay / 3600), 2)}:${pad(Math.floor((secOfDay % 3600) / 60), 2)}:${pad(secOfDay % 60, 2)}.${pad(ms, 3)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Days since 1970-01-01 → [year, month, day] (Howard Hinnant's civil_from_days). */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
