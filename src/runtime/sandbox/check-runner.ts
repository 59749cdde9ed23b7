import type { CheckReport, Locale } from '../types';
import { spawnSandboxWorker, type WorkerClient } from './worker-client';

export const CHECK_TIME_LIMIT_MS = 5000;

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
    private readonly limitMs = CHECK_TIME_LIMIT_MS,
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

  async run(files: Record<string, string>): Promise<CheckReport> {
    const worker = this.spare ?? this.spawn();
    this.spare = undefined;
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const timeout = new Promise<CheckReport>((resolve) => {
      timer = setTimeout(() => {
        stopped = true;
        worker.terminate('check time limit');
        resolve({
          status: 'timeout',
          results: [],
          errors: [String(this.limitMs)],
          durationMs: performance.now() - started,
        });
      }, this.limitMs);
    });
    const run = worker
      .call({ type: 'check', labId: this.labId, locale: this.locale, files })
      .then((report) => ({ ...report, durationMs: performance.now() - started }))
      .catch((error: unknown): CheckReport => ({
        status: 'error',
        results: [],
        errors: [error instanceof Error ? error.message : String(error)],
        durationMs: performance.now() - started,
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
