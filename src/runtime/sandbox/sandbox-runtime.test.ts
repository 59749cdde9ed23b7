import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalEntry, LabPayload, SandboxEnd } from '../types';
import type { Request } from './protocol';
import { bootSandbox } from './sandbox-runtime';
import { HEARTBEAT_MS, STALL_MS } from './watchdog';
import { WorkerEnded } from './worker-client';
import type * as WorkerClientModule from './worker-client';

/** A stand-in for one sandbox Worker: answers as the real one would, and freezes when told to (`stall`). */
class FakeWorker {
  static isolatedBootFails = false;
  readonly requests: Request[] = [];
  ended: WorkerEnded | undefined;
  stalled = false;
  private readonly events = new Set<(event: unknown) => void>();
  private readonly endings = new Set<(ended: WorkerEnded) => void>();

  constructor(readonly kind: 'plain' | 'isolated-terminal' | 'check') {}

  call(request: Request): Promise<unknown> {
    this.requests.push(request);
    if (this.ended) return Promise.reject(this.ended);
    if (this.stalled) return new Promise(() => {});
    switch (request.type) {
      case 'boot':
        if (this.kind === 'isolated-terminal' && FakeWorker.isolatedBootFails)
          return Promise.reject(new Error('Failed to fetch dynamically imported module'));
        return Promise.resolve({ cwd: '/home/user/lab', banner: '', timings: {} });
      case 'check':
        return Promise.resolve({ report: passed, compiled: { 'breaker.ts': 'exports.x = 1' } });
      case 'live':
        return Promise.resolve({ installed: true });
      default:
        return Promise.resolve(null);
    }
  }
  cancel(): void {}
  onEvent(listener: (event: unknown) => void) {
    this.events.add(listener);
    return () => void this.events.delete(listener);
  }
  onEnded(listener: (ended: WorkerEnded) => void) {
    this.endings.add(listener);
    return () => void this.endings.delete(listener);
  }
  emit(event: unknown): void {
    this.events.forEach((listener) => listener(event));
  }
  terminate(reason = 'stopped'): void {
    this.end('stopped', reason);
  }
  end(cause: WorkerEnded['kind'], detail: string, limit?: number): void {
    if (this.ended) return;
    this.ended = new WorkerEnded(cause, detail, limit);
    this.endings.forEach((listener) => listener(this.ended!));
  }
  boots(): Array<Extract<Request, { type: 'boot' }>> {
    return this.requests.filter((r): r is Extract<Request, { type: 'boot' }> => r.type === 'boot');
  }
}

const spawned: FakeWorker[] = [];
vi.mock('./worker-client', async (original) => ({
  ...(await original<typeof WorkerClientModule>()),
  plainTerminalWorker: () => remember(new FakeWorker('plain')),
  spawnIsolatedWorker: (role: 'terminal' | 'check') =>
    remember(new FakeWorker(role === 'check' ? 'check' : 'isolated-terminal')),
}));
function remember(worker: FakeWorker): FakeWorker {
  spawned.push(worker);
  return worker;
}
const terminals = () => spawned.filter((worker) => worker.kind !== 'check');

const steps = [{ id: 'open', minutes: 5, kind: 'files' as const, title: 'Open', checkIds: ['opens'] }];
const passed = {
  status: 'passed',
  results: [{ id: 'opens', step: 'open', title: 'Opens', status: 'pass' }],
  errors: [],
  durationMs: 1,
  step: 'open',
};
const payload = {
  id: 'breaker-lab',
  locale: 'en',
  kind: 'code',
  checkTimeLimitMs: 5000,
  steps,
  shell: { preset: 'istio', seed: 1, setup: [], kubeconfig: true, awaitLoadBalancers: true },
} as unknown as LabPayload;
const reason = { ko: '', en: '' } as never;

// The watchdog's heartbeat and the check's time limit run on Vitest's fake timers: no wall clock.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  spawned.length = 0;
  FakeWorker.isolatedBootFails = false;
});

describe('the sandbox runtime’s terminal Workers', () => {
  it('runs learner code only in an isolated Worker; a stall there brings back a plain one from the journal', async () => {
    const runtime = await bootSandbox(payload, { files: { 'breaker.ts': '' }, journal: [] }, reason);
    const restarts: SandboxEnd[] = [];
    runtime.onRestart((why) => restarts.push(why));
    const [plain] = terminals();
    expect(plain!.kind).toBe('plain');
    const typed: JournalEntry = { at: 10, run: 'kubectl create namespace mine', ms: 3 };
    plain!.emit({ event: 'journal', entry: typed });

    const { report, live } = await runtime.runChecks(
      { 'breaker.ts': 'export class CircuitBreaker {}' },
      { step: 'open' },
    );
    expect(report.status).toBe('passed');
    expect(await live).toEqual({ installed: true });
    // The learner's code went live in a fresh isolated Worker, booted from the journal; the plain one is gone.
    const isolated = terminals()[1]!;
    expect(isolated.kind).toBe('isolated-terminal');
    expect(isolated.boots()[0]!.workspace.journal).toEqual([typed]);
    expect(isolated.requests.map((r) => r.type)).toEqual(['boot', 'live']);
    expect(plain!.ended?.kind).toBe('stopped');
    expect(spawned.filter((worker) => worker.kind === 'check').every((worker) => worker.requests.length > 0)).toBe(
      true,
    );

    // Answering the heartbeat: left alone.
    await vi.advanceTimersByTimeAsync(10 * HEARTBEAT_MS);
    expect(isolated.ended).toBeUndefined();
    // Its code loops: the heartbeat goes unanswered, and the watchdog ends it within STALL_MS and a beat.
    isolated.stalled = true;
    await vi.advanceTimersByTimeAsync(STALL_MS + 2 * HEARTBEAT_MS);
    expect(isolated.ended).toMatchObject({ kind: 'stalled', limit: STALL_MS / 1000 });
    expect(restarts).toEqual([{ cause: 'stalled', limit: STALL_MS / 1000 }]);
    const back = terminals()[2]!;
    expect(back.kind).toBe('plain');
    expect(back.boots()[0]!.workspace.journal).toEqual([typed]);
    // The plain one runs no learner code, so no watchdog pings it.
    await vi.advanceTimersByTimeAsync(10 * HEARTBEAT_MS);
    expect(back.requests.map((r) => r.type)).toEqual(['boot']);
    runtime.dispose();
  });

  it('goes on in a plain Worker, and says why, when the isolated one does not boot', async () => {
    const runtime = await bootSandbox(payload, { files: {}, journal: [] }, reason);
    FakeWorker.isolatedBootFails = true;
    const { live } = await runtime.runChecks({ 'breaker.ts': '' }, { step: 'open' });
    expect(await live).toEqual({ installed: false, message: 'Failed to fetch dynamically imported module' });
    const [plain, isolated, back] = terminals();
    expect([plain!.kind, isolated!.kind, back!.kind]).toEqual(['plain', 'isolated-terminal', 'plain']);
    expect(isolated!.ended?.kind).toBe('stopped');
    expect(back!.requests.map((r) => r.type)).toEqual(['boot']);
    runtime.dispose();
  });

  it('puts each new version of the code live in a Worker of its own', async () => {
    const runtime = await bootSandbox(payload, { files: {}, journal: [] }, reason);
    for (let run = 0; run < 2; run++) {
      const { live } = await runtime.runChecks({ 'breaker.ts': `// version ${run}` }, { step: 'open' });
      await live;
    }
    const [plain, first, second] = terminals();
    expect([plain!.kind, first!.kind, second!.kind]).toEqual(['plain', 'isolated-terminal', 'isolated-terminal']);
    expect(first!.ended?.kind).toBe('stopped');
    expect(second!.ended).toBeUndefined();
    expect(second!.requests.filter((r) => r.type === 'live')).toHaveLength(1);
    runtime.dispose();
  });
});
