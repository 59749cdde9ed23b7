import { describe, expect, it } from 'vitest';
import type { CheckRun, Workshop, WorkshopEvent } from '../../workshop/protocol';
import {
  cellKey,
  emptyBoard,
  foldEvents,
  runningCountdown,
  stepCompletion,
  stuckReason,
  type BoardState,
} from './board-model';

const MINUTE = 60_000;
const workshop: Workshop = {
  id: 'workshop-1',
  code: 'ABCDEF',
  title: 'Istio day',
  labs: ['request-routing', 'circuit-breaker'],
  locale: 'en',
  pacing: 'unlocked',
  unlockedThrough: 0,
  createdAt: 0,
};

let seq = 0;
const joined = (id: string, name: string, at = 0): WorkshopEvent => ({
  seq: ++seq,
  at,
  type: 'learner-joined',
  seat: { id, workshopId: workshop.id, name, joinedAt: at },
});
const run = (seatId: string, at: number, results: CheckRun['results'], lab = 'request-routing'): WorkshopEvent => ({
  seq: ++seq,
  at,
  type: 'check-run',
  seatId,
  run: { id: crypto.randomUUID(), lab, at, results },
});

function board(...events: WorkshopEvent[]): BoardState {
  return foldEvents(emptyBoard(workshop), events);
}

describe('the board fold', () => {
  it('has a row per seat, once, even when a learner joins again', () => {
    const state = board(joined('seat-a', 'Ana'), joined('seat-b', 'Bo'), joined('seat-a', 'Ana K'));
    expect([...state.learners.values()].map((row) => row.seat.name)).toEqual(['Ana K', 'Bo']);
  });

  it('marks a step failing with its first failing check, then passed, and passed stays passed', () => {
    const failing = board(
      joined('seat-a', 'Ana'),
      run('seat-a', MINUTE, [
        { step: 'subsets', check: 'has-subsets', status: 'pass' },
        { step: 'subsets', check: 'v1-only', status: 'fail' },
      ]),
    );
    expect(failing.learners.get('seat-a')!.cells.get(cellKey('request-routing', 'subsets'))).toMatchObject({
      status: 'fail',
      failingCheck: 'v1-only',
    });
    const passed = foldEvents(failing, [
      run('seat-a', 2 * MINUTE, [{ step: 'subsets', check: 'v1-only', status: 'pass' }]),
      run('seat-a', 3 * MINUTE, [{ step: 'subsets', check: 'v1-only', status: 'error' }]),
    ]);
    expect(passed.learners.get('seat-a')!.cells.get(cellKey('request-routing', 'subsets'))).toEqual({
      status: 'pass',
      firstPassedAt: 2 * MINUTE,
      lastRunAt: 3 * MINUTE,
    });
  });

  it('ignores events it has already folded (a stream resumed from an older id)', () => {
    const first = joined('seat-a', 'Ana');
    const state = board(first);
    expect(foldEvents(state, [first])).toBe(state);
  });

  it('follows unlocks, messages and closing', () => {
    const state = board(
      { seq: ++seq, at: 5, type: 'unlocked', through: 1 },
      { seq: ++seq, at: 6, type: 'message', message: { id: 'message-1', text: 'Break', at: 6 } },
      { seq: ++seq, at: 7, type: 'closed' },
    );
    expect(state.workshop.unlockedThrough).toBe(1);
    expect(state.messages.map((m) => m.text)).toEqual(['Break']);
    expect(state.workshop.closedAt).toBe(7);
  });
});

describe('stuck learners', () => {
  const failOnce = (at: number) => run('seat-a', at, [{ step: 'subsets', check: 'v1-only', status: 'fail' }]);

  it('is stuck when the same check has failed for the threshold, counted from its first failure', () => {
    const state = board(joined('seat-a', 'Ana'), failOnce(MINUTE), failOnce(4 * MINUTE));
    const row = state.learners.get('seat-a')!;
    expect(stuckReason(row, 5 * MINUTE)).toBeUndefined();
    expect(stuckReason(row, 6 * MINUTE)).toMatchObject({
      kind: 'failing',
      failure: { check: 'v1-only', since: MINUTE },
    });
    expect(stuckReason(row, 3 * MINUTE, { failingMs: 2 * MINUTE, idleMs: 60 * MINUTE })?.kind).toBe('failing');
  });

  it('starts over when another check fails, and ends when the check passes', () => {
    const moved = board(
      joined('seat-a', 'Ana'),
      failOnce(MINUTE),
      run('seat-a', 4 * MINUTE, [{ step: 'subsets', check: 'has-subsets', status: 'fail' }]),
    );
    expect(moved.learners.get('seat-a')!.failure?.since).toBe(4 * MINUTE);
    const fixed = foldEvents(moved, [
      run('seat-a', 5 * MINUTE, [{ step: 'subsets', check: 'has-subsets', status: 'pass' }]),
    ]);
    expect(fixed.learners.get('seat-a')!.failure).toBeUndefined();
  });

  it('is idle after ten minutes without a run, counted from joining when there is none', () => {
    const state = board(joined('seat-a', 'Ana', MINUTE));
    const row = state.learners.get('seat-a')!;
    expect(stuckReason(row, 10 * MINUTE)).toBeUndefined();
    expect(stuckReason(row, 11 * MINUTE)).toEqual({ kind: 'idle', since: MINUTE });
  });
});

describe('completion and countdowns', () => {
  it('counts who passed each step, out of everyone seated', () => {
    const state = board(
      joined('seat-a', 'Ana'),
      joined('seat-b', 'Bo'),
      joined('seat-c', 'Cy'),
      run('seat-a', 1, [{ step: 'subsets', check: 'v1-only', status: 'pass' }]),
    );
    expect(stepCompletion(state, 'request-routing', 'subsets')).toEqual({ passed: 1, total: 3, percent: 33 });
    expect(stepCompletion(emptyBoard(workshop), 'request-routing', 'subsets').percent).toBe(0);
  });

  it('shows the latest countdown until it ends', () => {
    const messages = [
      { id: 'message-1', text: 'Start', at: 0, countdownEndsAt: 10 * MINUTE },
      { id: 'message-2', text: 'Hello', at: MINUTE },
    ];
    expect(runningCountdown(messages, 2 * MINUTE)?.id).toBe('message-1');
    expect(runningCountdown(messages, 10 * MINUTE)).toBeUndefined();
  });
});
