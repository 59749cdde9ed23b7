import { describe, expect, it } from 'vitest';
import { civilTime, isoTimestamp, rfc3339Seconds, unixMsOf } from './calendar';
import { MESH_EPOCH_MS } from './epoch';

describe('calendar', () => {
  it('the mesh epoch is 2026-01-01T00:00:00Z, a Thursday', () => {
    expect(rfc3339Seconds(MESH_EPOCH_MS)).toBe('2026-01-01T00:00:00Z');
    expect(civilTime(MESH_EPOCH_MS).weekday).toBe(4);
  });

  it('formats seconds and milliseconds across month, leap-day and year boundaries', () => {
    expect(isoTimestamp(MESH_EPOCH_MS + 187_042)).toBe('2026-01-01T00:03:07.042Z');
    expect(rfc3339Seconds(unixMsOf(2028, 2, 29, 23, 59, 59))).toBe('2028-02-29T23:59:59Z');
    expect(rfc3339Seconds(unixMsOf(2026, 12, 31, 23, 59, 59) + 1000)).toBe('2027-01-01T00:00:00Z');
  });

  it('unixMsOf inverts civilTime', () => {
    for (const ms of [0, MESH_EPOCH_MS, MESH_EPOCH_MS + 86_400_000 * 400 + 12_345_000]) {
      const t = civilTime(ms);
      expect(unixMsOf(t.year, t.month, t.day, t.hour, t.minute, t.second) + t.millisecond).toBe(ms);
    }
  });
});
