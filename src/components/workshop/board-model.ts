/**
 * The instructor's board as a fold of the workshop's events (the snapshot's, then the live stream's): one row
 * per seat, one cell per lab step. Pure, so the page and the tests fold the same way; the page redraws from it.
 *
 * A step's cell passes once one run passed all of its checks (as the learner's own progress counts it), and stays
 * passed; until then it is failing (with the first failing check) or not tried.
 */
import type { CheckRun, Message, Seat, Workshop, WorkshopEvent } from '../../workshop/protocol';

export type CellStatus = 'pass' | 'fail' | 'not-tried';

export interface Cell {
  readonly status: CellStatus;
  /** The first check of the step that failed in its last failing run (while the step has not passed). */
  readonly failingCheck?: string;
  readonly firstPassedAt?: number;
  readonly lastRunAt?: number;
}

/** The check a learner keeps failing: `since` is the server time of the first run in a row that failed it. */
export interface Failure {
  readonly lab: string;
  readonly step: string;
  readonly check: string;
  readonly since: number;
}

export interface LearnerRow {
  readonly seat: Seat;
  /** By `cellKey(lab, step)`. */
  readonly cells: ReadonlyMap<string, Cell>;
  readonly lastRunAt?: number;
  readonly failure?: Failure;
}

export interface BoardState {
  readonly workshop: Workshop;
  /** In the order they joined. */
  readonly learners: ReadonlyMap<string, LearnerRow>;
  readonly messages: readonly Message[];
  readonly seq: number;
}

export const cellKey = (lab: string, step: string): string => `${lab}/${step}`;

export function emptyBoard(workshop: Workshop): BoardState {
  return { workshop, learners: new Map(), messages: [], seq: 0 };
}

/** Applies events in order; an event at or below the board's seq (a replay after reconnecting) changes nothing. */
export function foldEvents(state: BoardState, events: readonly WorkshopEvent[]): BoardState {
  return events.reduce(foldEvent, state);
}

export function foldEvent(state: BoardState, event: WorkshopEvent): BoardState {
  if (event.seq <= state.seq) return state;
  const next = { ...state, seq: event.seq };
  switch (event.type) {
    case 'learner-joined': {
      const learners = new Map(state.learners);
      const row = learners.get(event.seat.id);
      // Joining again from the same browser keeps the seat: only the name may change.
      learners.set(event.seat.id, row ? { ...row, seat: event.seat } : { seat: event.seat, cells: new Map() });
      return { ...next, learners };
    }
    case 'check-run': {
      const row = state.learners.get(event.seatId);
      if (row === undefined) return next;
      const learners = new Map(state.learners);
      learners.set(event.seatId, applyRun(row, event.run, event.at));
      return { ...next, learners };
    }
    case 'message':
      return { ...next, messages: [...state.messages, event.message] };
    case 'unlocked':
      return { ...next, workshop: { ...state.workshop, unlockedThrough: event.through } };
    case 'closed':
      return { ...next, workshop: { ...state.workshop, closedAt: event.at } };
  }
}

function applyRun(row: LearnerRow, run: CheckRun, at: number): LearnerRow {
  const cells = new Map(row.cells);
  const byStep = new Map<string, CheckRun['results'][number][]>();
  for (const result of run.results) byStep.set(result.step, [...(byStep.get(result.step) ?? []), result]);
  for (const [step, results] of byStep) {
    const key = cellKey(run.lab, step);
    const cell = cells.get(key) ?? { status: 'not-tried' };
    const failing = results.find((result) => result.status !== 'pass');
    if (cell.status === 'pass') cells.set(key, { ...cell, lastRunAt: at });
    else if (failing === undefined) cells.set(key, { status: 'pass', firstPassedAt: at, lastRunAt: at });
    else cells.set(key, { status: 'fail', failingCheck: failing.check, lastRunAt: at });
  }
  const { failure: _previous, ...rest } = row;
  const failure = nextFailure(row.failure, run, at);
  return { ...rest, cells, lastRunAt: at, ...(failure !== undefined && { failure }) };
}

function nextFailure(previous: Failure | undefined, run: CheckRun, at: number): Failure | undefined {
  const failing = run.results.find((result) => result.status !== 'pass');
  if (failing !== undefined) {
    const same = previous?.lab === run.lab && previous.check === failing.check;
    return same ? previous : { lab: run.lab, step: failing.step, check: failing.check, since: at };
  }
  // A run that passed the failing check ends it; a run of other checks (another step) leaves it as it was.
  const ran = previous !== undefined && run.lab === previous.lab && run.results.some((r) => r.check === previous.check);
  return ran ? undefined : previous;
}

export interface StuckRules {
  /** The same check failing for this long. */
  readonly failingMs: number;
  /** No check run for this long (since joining when none yet). */
  readonly idleMs: number;
}

export const DEFAULT_STUCK_RULES: StuckRules = { failingMs: 5 * 60_000, idleMs: 10 * 60_000 };

export type Stuck =
  { readonly kind: 'failing'; readonly failure: Failure } | { readonly kind: 'idle'; readonly since: number };

/** Why a learner needs a look now, if they do: a check failing for too long first, then being idle. */
export function stuckReason(row: LearnerRow, now: number, rules: StuckRules = DEFAULT_STUCK_RULES): Stuck | undefined {
  if (row.failure !== undefined && now - row.failure.since >= rules.failingMs) {
    return { kind: 'failing', failure: row.failure };
  }
  const since = row.lastRunAt ?? row.seat.joinedAt;
  return now - since >= rules.idleMs ? { kind: 'idle', since } : undefined;
}

export interface StepCompletion {
  readonly passed: number;
  readonly total: number;
  /** Whole percent, 0 when nobody has joined. */
  readonly percent: number;
}

export function stepCompletion(state: BoardState, lab: string, step: string): StepCompletion {
  const total = state.learners.size;
  const key = cellKey(lab, step);
  let passed = 0;
  for (const row of state.learners.values()) if (row.cells.get(key)?.status === 'pass') passed += 1;
  return { passed, total, percent: total === 0 ? 0 : Math.round((passed / total) * 100) };
}

/** The message whose countdown is running at `now`, if any (the latest message with one). */
export function runningCountdown(messages: readonly Message[], now: number): Message | undefined {
  const last = messages.findLast((message) => message.countdownEndsAt !== undefined);
  return last !== undefined && last.countdownEndsAt! > now ? last : undefined;
}
