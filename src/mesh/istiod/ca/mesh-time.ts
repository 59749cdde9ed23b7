/**
 * Mesh time is the virtual clock's milliseconds counted from 2026-01-01T00:00:00Z. Certificates and push
 * versions carry calendar time; these helpers turn clock readings into it. Nothing here reads the wall clock.
 */

import { MESH_EPOCH_MS } from '../../sim/epoch';

/**
 * The X.509 library takes validity as Date values. This is the only place istiod builds one, always
 * from a virtual-clock reading, never from the host's clock.
 */
export function meshDate(clockMs: number, epochMs: number = MESH_EPOCH_MS): Date {
  // eslint-disable-next-line no-restricted-globals -- a Date built from the virtual clock, as the X.509 API requires
  return new Date(epochMs + clockMs);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** RFC 3339 in UTC to the second (`2026-01-01T00:00:05Z`), computed from the days-since-epoch civil calendar. */
export function formatRfc3339(epochMs: number): string {
  const totalSeconds = Math.floor(epochMs / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const secondsOfDay = totalSeconds - days * 86_400;
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  const s = secondsOfDay % 60;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(s)}Z`;
}
