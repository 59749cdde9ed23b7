import { describe, expect, it } from 'vitest';
import type { LearnerView } from '../../workshop/protocol';
import { cellKey, type LearnerRow } from './board-model';
import { formatRemaining } from './countdown';
import { isLabLocked, joinedFromView } from './joined-workshop';
import { lastFailingCheck } from './learner-detail';

const view: LearnerView = {
  workshop: {
    id: 'workshop-1',
    code: 'ABCDEF',
    title: 'Istio day',
    labs: ['circuit-breaker', 'request-routing'],
    locale: 'en',
    pacing: 'unlocked',
    unlockedThrough: 0,
    createdAt: 0,
  },
  seat: { id: 'seat-1', workshopId: 'workshop-1', name: 'Ana', joinedAt: 0 },
  messages: [
    { id: 'message-1', text: 'Hello', at: 1 },
    { id: 'message-2', text: 'Break', at: 2, countdownEndsAt: 300_000 },
  ],
  seq: 4,
  now: 10_000,
};

describe('what the learner pages keep of a workshop', () => {
  it('keeps the latest message and the server clock offset', () => {
    const joined = joinedFromView(view, 4_000);
    expect(joined.latest?.text).toBe('Break');
    expect(joined.clockOffsetMs).toBe(6_000);
    expect(joined.seatName).toBe('Ana');
  });

  it('locks the labs after the unlocked one, only when the instructor paces the room', () => {
    const joined = joinedFromView(view, 0);
    expect(isLabLocked(joined, 'circuit-breaker')).toBe(false);
    expect(isLabLocked(joined, 'request-routing')).toBe(true);
    expect(isLabLocked(joined, 'fault-injection')).toBe(false); // not a lab of the workshop
    expect(isLabLocked({ ...joined, unlockedThrough: 1 }, 'request-routing')).toBe(false);
    expect(isLabLocked({ ...joined, pacing: 'open' }, 'request-routing')).toBe(false);
  });
});

describe("a learner's last failing check", () => {
  const seat = view.seat;
  it('is the check they keep failing, else the failing step they ran last', () => {
    const failure = { lab: 'circuit-breaker', step: 'open', check: 'opens-after-5', since: 1 };
    expect(lastFailingCheck({ seat, cells: new Map(), failure })).toEqual(failure);
    const row: LearnerRow = {
      seat,
      cells: new Map([
        [cellKey('circuit-breaker', 'open'), { status: 'fail', failingCheck: 'opens-after-5', lastRunAt: 5 }],
        [cellKey('circuit-breaker', 'half-open'), { status: 'fail', failingCheck: 'probe', lastRunAt: 9 }],
        [cellKey('circuit-breaker', 'closed'), { status: 'pass', firstPassedAt: 12, lastRunAt: 12 }],
      ]),
    };
    expect(lastFailingCheck(row)).toEqual({ lab: 'circuit-breaker', step: 'half-open', check: 'probe' });
    expect(lastFailingCheck({ seat, cells: new Map() })).toBeUndefined();
  });
});

describe('countdowns', () => {
  it('read m:ss, h:mm:ss from an hour, and never below zero', () => {
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(500)).toBe('0:01');
    expect(formatRemaining(3_600_000 + 5_000)).toBe('1:00:05');
    expect(formatRemaining(-5)).toBe('0:00');
  });
});
