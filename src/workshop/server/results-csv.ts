/**
 * GET /api/workshops/:id/results.csv: one row per seat × lab step, folded from the workshop's events. A step's
 * status is its checks' in the last run that graded it; times are the learner's (when the run ended), which is what
 * the learner saw even when the browser's queue sent the run later.
 */
import type { Seat, Workshop, WorkshopEvent } from '../protocol';

/** Lab id → its step ids, in order. */
export type LabSteps = ReadonlyMap<string, readonly string[]>;

interface StepRecord {
  lastRunAt: number;
  lastPassed: boolean;
  firstPassedAt?: number;
}

export const CSV_HEADER = ['name', 'lab', 'step', 'status', 'first-passed-at', 'last-run-at'] as const;

/** Rows (header first) of the results table. */
export function resultRows(workshop: Workshop, events: readonly WorkshopEvent[], labSteps: LabSteps): string[][] {
  const seats: Seat[] = [];
  const records = new Map<string, StepRecord>();
  const keyOf = (seatId: string, lab: string, step: string) => JSON.stringify([seatId, lab, step]);
  for (const event of events) {
    if (event.type === 'learner-joined') seats.push(event.seat);
    if (event.type !== 'check-run') continue;
    const byStep = new Map<string, boolean>();
    for (const result of event.run.results)
      byStep.set(result.step, (byStep.get(result.step) ?? true) && result.status === 'pass');
    for (const [step, passed] of byStep) {
      const key = keyOf(event.seatId, event.run.lab, step);
      const record = records.get(key);
      // Runs can arrive out of order (a queue flushed late): the latest by the learner's clock decides the status.
      if (record && record.lastRunAt > event.run.at) {
        if (passed && (record.firstPassedAt ?? Infinity) > event.run.at) record.firstPassedAt = event.run.at;
        continue;
      }
      const firstPassedAt = passed ? Math.min(record?.firstPassedAt ?? Infinity, event.run.at) : record?.firstPassedAt;
      records.set(key, {
        lastRunAt: event.run.at,
        lastPassed: passed,
        ...(firstPassedAt === undefined ? {} : { firstPassedAt }),
      });
    }
  }
  // A learner's clock can say anything; a time no Date can hold is left blank rather than failing the export.
  const iso = (ms: number | undefined) =>
    ms === undefined || !Number.isFinite(new Date(ms).getTime()) ? '' : new Date(ms).toISOString();
  const rows: string[][] = [[...CSV_HEADER]];
  for (const seat of seats)
    for (const lab of workshop.labs)
      for (const step of labSteps.get(lab) ?? []) {
        const record = records.get(keyOf(seat.id, lab, step));
        const status = record === undefined ? 'not-tried' : record.lastPassed ? 'pass' : 'fail';
        rows.push([seat.name, lab, step, status, iso(record?.firstPassedAt), iso(record?.lastRunAt)]);
      }
  return rows;
}

/**
 * A cell as spreadsheets read it: quoted when it holds a comma, quote or line break; and a leading = + - @ (or a
 * tab or carriage return, which some spreadsheets skip before them) made text with a ', so a learner's display
 * name cannot become a formula on the instructor's machine.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The file: UTF-8 with a byte-order mark, so Excel reads Korean names as Korean; CRLF as RFC 4180 says. */
export function resultsCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
