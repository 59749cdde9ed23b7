import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../workshop/protocol';
import { queueKey, ReportSender, type PostOutcome } from './report-sender';

const run = (id: string): CheckRun => ({
  id,
  lab: 'request-routing',
  at: 1,
  results: [{ step: 'subsets', check: 'v1-only', status: 'pass' }],
});

/** A storage, a server whose answers the test sets, and timers the test fires. */
function harness() {
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
  };
  const sent: string[][] = [];
  let answer: (runs: readonly CheckRun[]) => PostOutcome = (runs) => ({
    status: 200,
    answer: { accepted: runs.map((r) => r.id), duplicates: [] },
  });
  const timers: { run: () => void; ms: number }[] = [];
  const deps = {
    storage,
    post: async (runs: readonly CheckRun[]) => {
      sent.push(runs.map((r) => r.id));
      return answer(runs);
    },
    setTimer: (run: () => void, ms: number) => timers.push({ run, ms }),
    clearTimer: () => {},
  };
  return {
    stored,
    sent,
    timers,
    deps,
    answerWith: (next: typeof answer) => (answer = next),
  };
}

describe('sending check runs', () => {
  it('sends a run and forgets it once the server recorded it', async () => {
    const h = harness();
    const sender = new ReportSender('w1', h.deps);
    await sender.add(run('a'));
    expect(h.sent).toEqual([['a']]);
    expect(sender.queued).toEqual([]);
  });

  it('keeps runs through a network failure and a reload, then sends them with backoff', async () => {
    const h = harness();
    h.answerWith(() => undefined);
    await new ReportSender('w1', h.deps).add(run('a'));
    await new ReportSender('w1', h.deps).add(run('b'));
    expect(JSON.parse(h.stored.get(queueKey('w1'))!).map((r: CheckRun) => r.id)).toEqual(['a', 'b']);
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 1000]);

    // A new page (a reload) finds the queue; the server is back.
    const reloaded = new ReportSender('w1', h.deps);
    h.answerWith((runs) => ({ status: 200, answer: { accepted: [], duplicates: runs.map((r) => r.id) } }));
    await reloaded.wake();
    expect(h.sent.at(-1)).toEqual(['a', 'b']);
    expect(reloaded.queued).toEqual([]);
  });

  it('doubles the wait while the server keeps failing (429, 5xx) and retries from the timer', async () => {
    const h = harness();
    h.answerWith(() => ({ status: 503 }));
    const sender = new ReportSender('w1', h.deps);
    await sender.add(run('a'));
    h.timers.at(-1)!.run();
    await sender.flush();
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    h.answerWith((runs) => ({ status: 200, answer: { accepted: runs.map((r) => r.id), duplicates: [] } }));
    h.timers.at(-1)!.run();
    await sender.flush();
    expect(sender.queued).toEqual([]);
  });

  it('drops a batch the server refuses as invalid or closed, keeps it when the seat is unknown', async () => {
    const h = harness();
    h.answerWith(() => ({ status: 400 }));
    const sender = new ReportSender('w1', h.deps);
    await sender.add(run('a'));
    expect(sender.queued).toEqual([]);
    h.answerWith(() => ({ status: 401 }));
    await sender.add(run('b'));
    expect(sender.queued.map((r) => r.id)).toEqual(['b']);
    expect(h.timers).toEqual([]);
  });

  it('keeps working in memory when storage throws', async () => {
    const h = harness();
    h.answerWith(() => undefined);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const sender = new ReportSender('w1', { ...h.deps, storage: broken });
    await sender.add(run('a'));
    expect(sender.queued.map((r) => r.id)).toEqual(['a']);
  });
});
