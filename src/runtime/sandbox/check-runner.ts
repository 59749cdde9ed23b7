import type { CheckRunReport, Locale, Workspace } from '../types';
import type { Replies } from './protocol';
import { spawnSandboxWorker, type WorkerClient } from './worker-client';

/**
 * Runs checks in a Worker of their own so a runaway check (an infinite loop in learner code) cannot freeze
 * the page or the learner's cluster: past the time limit the Worker is terminated and a fresh one warmed up
 * for the next run. A spare Worker is always kept loaded, so a run does not pay for parsing the bundle.
 */
export class CheckRunner {
  private spare: Pick<WorkerClient, 'call' | 'terminate'> | undefined;

  constructor(
    private readonly labId: string,
    private readonly locale: Locale,
    /** The lab payload's checkTimeLimitMs. */
    private readonly limitMs: number,
    private readonly spawn: () => Pick<WorkerClient, 'call' | 'terminate'> = spawnSandboxWorker,
  ) {}

  /** Loads a Worker, and the grader in it, ahead of the first run. */
  warm(): void {
    this.spare ??= this.spawnWarm();
  }

  private spawnWarm(): Pick<WorkerClient, 'call' | 'terminate'> {
    const worker = this.spawn();
    worker.call({ type: 'warm' }).catch(() => undefined); // a failure shows when the check runs
    return worker;
  }

  /**
   * Grades one step (or every step when `step` is absent): the report, and the compiled code when the run
   * finished and the lab can put it into the terminal.
   */
  async run(workspace: Workspace, step?: string): Promise<Replies['check']> {
    const worker = this.spare ?? this.spawn();
    this.spare = undefined;
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const timed = (fields: Omit<CheckRunReport, 'durationMs'>): CheckRunReport => ({
      ...fields,
      durationMs: performance.now() - started,
    });
    const timeout = new Promise<Replies['check']>((resolve) => {
      timer = setTimeout(() => {
        stopped = true;
        worker.terminate('check time limit');
        resolve({
          report: timed({ status: 'timeout', results: [], errors: [], limitMs: this.limitMs, ...(step && { step }) }),
        });
      }, this.limitMs);
    });
    const run = worker
      .call({
        type: 'check',
        labId: this.labId,
        locale: this.locale,
        files: workspace.files,
        journal: workspace.journal,
        ...(step !== undefined && { step }),
      })
      .then((reply) => ({ ...reply, report: timed(reply.report) }))
      .catch((error: unknown) => ({
        report: timed({
          status: 'error',
          results: [],
          errors: [error instanceof Error ? error.message : String(error)],
          ...(step && { step }),
        }),
      }));
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
      // A Worker that finished is reused; one that was stopped is replaced.
      this.spare = stopped ? this.spawnWarm() : worker;
    }
  }

  dispose(): void {
    this.spare?.terminate();
  }
}
