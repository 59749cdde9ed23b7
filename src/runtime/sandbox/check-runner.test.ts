import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckRunReport, LabStepInfo } from '../types';
import { CheckRunner, SETTLE_WAIT_MS } from './check-runner';
import type { Replies } from './protocol';
import { WorkerEnded } from './worker-client';

const steps: LabStepInfo[] = [
  { id: 'predict', minutes: 1, kind: 'quiz', title: 'Predict', checkIds: ['q1'] },
  { id: 'open', minutes: 5, kind: 'files', title: 'Open', checkIds: ['opens', 'stays-open'] },
];
const lab = (checkTimeLimitMs: number) => ({ id: 'lab', locale: 'en' as const, checkTimeLimitMs, steps });
const report = (fields: Partial<CheckRunReport> = {}): Replies['check'] => ({
  report: { status: 'passed', results: [], errors: [], durationMs: 1, ...fields },
});
const passed = report({
  results: [
    { id: 'q1', step: 'predict', title: 'Q1', status: 'pass' },
    { id: 'opens', step: 'open', title: 'Opens', status: 'pass' },
    { id: 'stays-open', step: 'open', title: 'Stays open', status: 'pass' },
  ],
});

/** A stand-in for a sandbox Worker whose check run answers `reply` (a promise that never settles: a loop). */
function fakeWorker(reply: () => Promise<Replies['check']>) {
  const worker = {
    ended: undefined as WorkerEnded | undefined,
    call: vi.fn((request: { type: string }) => (request.type === 'check' ? reply() : Promise.resolve(null))),
    terminate: vi.fn(() => void (worker.ended = new WorkerEnded('stopped', 'stopped'))),
  };
  return worker;
}

// The time limit and the waits run on Vitest's fake timers: nothing here depends on how busy the machine is.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('CheckRunner', () => {
  it('stops a check past the time limit, reports it, and grades the next run in a fresh Worker', async () => {
    const workers = [fakeWorker(() => new Promise(() => {})), fakeWorker(() => Promise.resolve(passed))];
    const spawn = vi.fn(() => workers[spawn.mock.calls.length - 1] ?? fakeWorker(() => Promise.resolve(passed)));
    const runner = new CheckRunner(lab(50), spawn as never);
    const running = runner.run({ files: { 'a.ts': 'while (true) {}' }, journal: [] });
    await vi.advanceTimersByTimeAsync(50);
    const { report, compiled } = await running;
    expect(report.status).toBe('timeout');
    expect(report.limitMs).toBe(50);
    expect(compiled).toBeUndefined();
    expect(workers[0]!.terminate).toHaveBeenCalled();
    expect((await runner.run({ files: {}, journal: [] })).report.status).toBe('passed');
    expect(workers[1]!.call).toHaveBeenCalledWith(expect.objectContaining({ type: 'check' }));
  });

  it('never grades twice in one Worker: each run ends its Worker and the next takes the warm spare', async () => {
    const workers = [0, 1, 2, 3].map(() => fakeWorker(() => Promise.resolve(passed)));
    const spawn = vi.fn(() => workers[spawn.mock.calls.length - 1]!);
    const runner = new CheckRunner(lab(1000), spawn as never);
    runner.warm();
    await runner.run({ files: {}, journal: [] });
    await runner.run({ files: {}, journal: [] });
    const checked = workers.map((worker) => worker.call.mock.calls.filter(([r]) => r.type === 'check').length);
    expect(checked).toEqual([1, 1, 0, 0]);
    expect(workers[0]!.terminate).toHaveBeenCalledOnce();
    expect(workers[1]!.terminate).toHaveBeenCalledOnce();
    // The spare for the next run: loaded ahead ("warm": the grader, then a rehearsal), nothing of the learner's.
    expect(workers[2]!.call).toHaveBeenCalledWith({ type: 'warm', labId: 'lab' });
    expect(workers[2]!.terminate).not.toHaveBeenCalled();
  });

  it('counts the time limit from when the spare has loaded and stopped rehearsing, not from the click', async () => {
    const worker = fakeWorker(() => Promise.resolve(passed));
    const answers: Record<string, () => void> = {};
    worker.call.mockImplementation(((request: { type: string }) =>
      request.type === 'check'
        ? Promise.resolve(passed)
        : new Promise((resolve) => (answers[request.type] = () => resolve(null)))) as never);
    const others = () => fakeWorker(() => Promise.resolve(passed));
    const spawn = vi.fn(() => (spawn.mock.calls.length === 1 ? worker : others()));
    const runner = new CheckRunner(lab(50), spawn as never);
    runner.warm();
    const run = runner.run({ files: {}, journal: [] });
    await vi.advanceTimersByTimeAsync(1000);
    answers['warm']!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.call).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'check' }));
    answers['settle']!();
    expect((await run).report.status).toBe('passed');
  });

  it('goes on with the run when the spare does not settle (a fault of ours), after a while', async () => {
    const worker = fakeWorker(() => Promise.resolve(passed));
    worker.call.mockImplementation(((request: { type: string }) =>
      request.type === 'settle'
        ? new Promise(() => {})
        : request.type === 'check'
          ? Promise.resolve(passed)
          : Promise.resolve(null)) as never);
    const runner = new CheckRunner(lab(50), (() => worker) as never);
    const run = runner.run({ files: {}, journal: [] });
    await vi.advanceTimersByTimeAsync(SETTLE_WAIT_MS - 1);
    expect(worker.call).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'check' }));
    await vi.advanceTimersByTimeAsync(1);
    expect((await run).report.status).toBe('passed');
  });

  it('refuses a report the lab cannot have made: a check it does not have, a pass without all its checks', async () => {
    const forged = [
      report({ results: [{ id: 'all-of-them', step: 'open', title: 'All', status: 'pass' }] }),
      report({ results: [{ id: 'opens', step: 'open', title: 'Opens', status: 'fail' }] }),
      report({ results: [{ id: 'opens', step: 'open', title: 'Opens', status: 'pass' }] }),
      report(),
      report({ step: 'predict' }),
    ];
    for (const reply of forged) {
      const runner = new CheckRunner(lab(1000), (() => fakeWorker(() => Promise.resolve(reply))) as never);
      const { report: seen } = await runner.run({ files: {}, journal: [] });
      expect(seen).toMatchObject({ status: 'error', results: [], ended: { cause: 'refused' } });
    }
  });

  it('reports a run whose Worker the sandbox ended as such (the UI says why), a failed Worker as an error', async () => {
    const flood = new WorkerEnded('flood', 'more than 500 messages in one second', 500);
    const runner = new CheckRunner(lab(1000), (() => fakeWorker(() => Promise.reject(flood))) as never);
    expect((await runner.run({ files: {}, journal: [] }, 'open')).report).toMatchObject({
      status: 'error',
      step: 'open',
      errors: ['more than 500 messages in one second'],
      ended: { cause: 'flood', limit: 500 },
    });
    const failing = new CheckRunner(lab(1000), (() =>
      fakeWorker(() => Promise.reject(new Error('script failed')))) as never);
    const { report: failed } = await failing.run({ files: {}, journal: [] });
    expect(failed).toMatchObject({ status: 'error', errors: ['script failed'] });
    expect(failed.ended).toBeUndefined();
  });
});
