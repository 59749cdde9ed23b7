/**
 * The learner's check runs waiting to reach the workshop server: pure functions over the queue, which the
 * sender (report-sender.ts) keeps in localStorage so a reload, a closed laptop or a dropped Wi-Fi loses none.
 * Runs carry their own ids, so sending one twice is harmless (the server answers it as a duplicate).
 */
import type { CheckRun, ReportRunsAnswer } from '../../workshop/protocol';
import { MAX_BODY_BYTES } from '../../workshop/protocol/limits';

/** The most runs one request may carry (reportRunsSchema). */
export const MAX_RUNS_PER_REQUEST = 50;
/** A queue this long is a browser that has been offline all day: the oldest runs go first. */
export const MAX_QUEUED_RUNS = 2000;
/** Room left under the server's body limit for the JSON around the runs. */
const BODY_BUDGET = MAX_BODY_BYTES - 1024;

export function enqueue(queue: readonly CheckRun[], run: CheckRun): CheckRun[] {
  if (queue.some((queued) => queued.id === run.id)) return [...queue];
  return [...queue, run].slice(-MAX_QUEUED_RUNS);
}

/** The oldest runs that fit in one request: at most 50, and under the body limit (a run can hold 100 results). */
export function nextBatch(queue: readonly CheckRun[]): CheckRun[] {
  const batch: CheckRun[] = [];
  let bytes = 0;
  for (const run of queue.slice(0, MAX_RUNS_PER_REQUEST)) {
    const size = new TextEncoder().encode(JSON.stringify(run)).length + 1;
    if (batch.length > 0 && bytes + size > BODY_BUDGET) break;
    batch.push(run);
    bytes += size;
  }
  return batch;
}

/** Drops what the server recorded, now or before. */
export function settle(queue: readonly CheckRun[], answer: ReportRunsAnswer): CheckRun[] {
  const done = new Set([...answer.accepted, ...answer.duplicates]);
  return queue.filter((run) => !done.has(run.id));
}

/** Drops runs by id (a batch the server refused as invalid would otherwise block the queue for ever). */
export function without(queue: readonly CheckRun[], runs: readonly CheckRun[]): CheckRun[] {
  const ids = new Set(runs.map((run) => run.id));
  return queue.filter((run) => !ids.has(run.id));
}

/** Milliseconds before retry number `attempt` (1, 2, …): doubling from one second, at most a minute. */
export function retryDelay(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** A stored queue that does not parse is read as empty, never thrown. */
export function readQueue(text: string | null | undefined): CheckRun[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isRunLike) : [];
  } catch {
    return [];
  }
}

function isRunLike(value: unknown): value is CheckRun {
  if (typeof value !== 'object' || value === null) return false;
  const run = value as Record<string, unknown>;
  return typeof run['id'] === 'string' && typeof run['lab'] === 'string' && Array.isArray(run['results']);
}
