import { describe, expect, it, vi } from 'vitest';
import { CheckRunner } from './check-runner';
import type { Replies } from './protocol';

const passed: Replies['check'] = { report: { status: 'passed', results: [], errors: [], durationMs: 1 } };

/** A stand-in for a sandbox Worker: `hang` makes its check never answer, like learner code stuck in a loop. */
function fakeWorker(hang: boolean) {
  return {
    call: vi.fn(() => (hang ? new Promise<never>(() => {}) : Promise.resolve(passed))),
    terminate: vi.fn(),
  };
}

describe('CheckRunner', () => {
  it('stops a check past the time limit, reports it, and grades the next run in a fresh Worker', async () => {
    const workers = [fakeWorker(true), fakeWorker(false)];
    const spawn = vi.fn(() => workers[spawn.mock.calls.length - 1]!);
    const runner = new CheckRunner('lab', 'en', 50, spawn as never);
    const { report, compiled } = await runner.run({ files: { 'a.ts': 'while (true) {}' }, journal: [] });
    expect(report.status).toBe('timeout');
    expect(report.limitMs).toBe(50);
    expect(compiled).toBeUndefined();
    expect(workers[0]!.terminate).toHaveBeenCalledOnce();
    expect((await runner.run({ files: {}, journal: [] })).report.status).toBe('passed');
    expect(spawn).toHaveBeenCalledTimes(2);
  });

  it('reuses a Worker that finished in time', async () => {
    const worker = fakeWorker(false);
    const spawn = vi.fn(() => worker);
    const runner = new CheckRunner('lab', 'en', 1000, spawn as never);
    await runner.run({ files: {}, journal: [] });
    await runner.run({ files: {}, journal: [] });
    expect(spawn).toHaveBeenCalledOnce();
    expect(worker.terminate).not.toHaveBeenCalled();
  });
});
