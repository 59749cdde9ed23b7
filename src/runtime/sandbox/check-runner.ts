import type { CheckRunReport, LabPayload, Workspace } from '../types';
import type { Replies } from './protocol';
import { spawnIsolatedWorker, WorkerEnded, type WorkerClient } from './worker-client';

type CheckWorker = Pick<WorkerClient, 'call' | 'terminate' | 'ended'>;
/** A Worker loading the grader; `loaded` settles once it has (or failed to). */
type Spare = { worker: CheckWorker; loaded: Promise<unknown> };

/**
 * How long a run waits for its spare's rehearsal: the lab's last step graded once on its solution, on a cold
 * Worker (about a second; a few on a busy machine). Only a fault of ours makes it take longer.
 */
export const SETTLE_WAIT_MS = 20_000;

/**
 * Runs checks in isolated Workers of their own so a runaway check (an infinite loop in learner code) cannot
 * freeze the page or the learner's cluster: past the time limit the Worker is ended. Every run gets a fresh
 * Worker and ends it afterwards — globals the learner's code set or patched (`Array.prototype`) die with it —
 * while a spare Worker is kept ready: it loads the grader and then rehearses on the lab's solution (labs-bridge
 * `rehearse`), so a run pays neither for loading nor for cold code. The time limit counts from when the spare is
 * done.
 */
export class CheckRunner {
  private spare: Spare | undefined;
  private disposed = false;
  /** Each step's check ids: a report may name no other. */
  private readonly checkIds: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    private readonly payload: Pick<LabPayload, 'id' | 'locale' | 'checkTimeLimitMs' | 'steps'>,
    private readonly spawn: () => CheckWorker = () => spawnIsolatedWorker('check'),
  ) {
    this.checkIds = new Map(payload.steps.map((step) => [step.id, new Set(step.checkIds)]));
  }

  /** Loads a Worker, and the grader in it, ahead of the first run. */
  warm(): void {
    this.spare ??= this.spawnWarm();
  }

  private spawnWarm(): Spare {
    const worker = this.spawn();
    // A failure shows when the check runs.
    return { worker, loaded: worker.call({ type: 'warm', labId: this.payload.id }).catch(() => undefined) };
  }

  /**
   * Grades one step (or every step when `step` is absent): the report, and the compiled code when the run
   * finished and the lab can put it into the terminal.
   */
  async run(workspace: Workspace, step?: string): Promise<Replies['check']> {
    const spare = this.spare && !this.spare.worker.ended ? this.spare : this.spawnWarm();
    this.spare = undefined;
    const { worker } = spare;
    // The time limit is the learner's run's, not the spare's loading (one started just now is still loading) nor
    // its rehearsal; a spare that does not settle (a fault of ours) gets the run all the same after a while.
    await spare.loaded;
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      worker.call({ type: 'settle' }).catch(() => undefined),
      new Promise((resolve) => (waited = setTimeout(resolve, SETTLE_WAIT_MS))),
    ]);
    clearTimeout(waited);
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timed = (fields: Omit<CheckRunReport, 'durationMs'>): CheckRunReport => ({
      ...fields,
      durationMs: performance.now() - started,
      ...(step && { step }),
    });
    const limitMs = this.payload.checkTimeLimitMs;
    const timeout = new Promise<Replies['check']>((resolve) => {
      timer = setTimeout(() => {
        worker.terminate('check time limit');
        resolve({ report: timed({ status: 'timeout', results: [], errors: [], limitMs }) });
      }, limitMs);
    });
    const run = worker
      .call({
        type: 'check',
        labId: this.payload.id,
        locale: this.payload.locale,
        files: workspace.files,
        journal: workspace.journal,
        ...(step !== undefined && { step }),
      })
      .then((reply) => {
        const problem = this.reportProblem(reply.report, step);
        if (problem !== undefined) throw new WorkerEnded('refused', problem);
        return { ...reply, report: { ...reply.report, durationMs: performance.now() - started } };
      })
      .catch((error: unknown) => ({ report: timed(failure(error)) }));
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
      // Never reused: the next run gets a spare, in which nothing of the learner's has run. It starts now, not
      // alongside this run, which keeps the CPU to itself (a run is timed: on a busy 2-core laptop, loading and
      // rehearsing next to it could push a fair run past the limit).
      worker.terminate('the check run is over');
      if (!this.disposed) this.spare = this.spawnWarm();
    }
  }

  /**
   * What is wrong with a report for this lab and step: another step's, a check the lab does not have, a pass
   * without every check of the graded steps passing (learner code that patched the grader's built-ins could
   * empty the list).
   */
  private reportProblem(report: CheckRunReport, step: string | undefined): string | undefined {
    if (report.step !== step) return `a report of step ${report.step ?? 'all'} for step ${step ?? 'all'}`;
    const stranger = report.results.find((result) => !this.checkIds.get(result.step)?.has(result.id));
    if (stranger !== undefined) return `a report with a check the lab does not have (${stranger.step}/${stranger.id})`;
    if (report.status !== 'passed') return undefined;
    const passed = new Set(report.results.filter((r) => r.status === 'pass').map((r) => `${r.step}/${r.id}`));
    const graded = step === undefined ? [...this.checkIds.keys()] : [step];
    const missing = graded.flatMap((id) => [...(this.checkIds.get(id) ?? [])].map((check) => `${id}/${check}`));
    const unpassed = missing.find((check) => !passed.has(check));
    return unpassed === undefined ? undefined : `a report that passed without check ${unpassed} passing`;
  }

  dispose(): void {
    this.disposed = true;
    this.spare?.worker.terminate();
  }
}

/** A run that did not come back with a report: the page ended its Worker, or the Worker failed. */
function failure(error: unknown): Omit<CheckRunReport, 'durationMs'> {
  if (error instanceof WorkerEnded && error.kind !== 'stopped')
    return {
      status: 'error',
      results: [],
      errors: [error.detail],
      ended: { cause: error.kind, ...(error.limit !== undefined && { limit: error.limit }) },
    };
  return { status: 'error', results: [], errors: [error instanceof Error ? error.message : String(error)] };
}
