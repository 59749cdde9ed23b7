/**
 * Node only: grades in a worker_thread and stops any check that runs longer than the wall-clock limit.
 * Learner code stuck in `while (true)` cannot be interrupted from its own thread, so the parent watches the
 * worker's progress messages, terminates it when a check overstays, records that check as stopped, and starts
 * a fresh worker at the next check. (The browser runtime does the same with its Web Worker.)
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { wallClockTimeout, CHECK_TIME_LIMIT_MS } from '../grader/report';
import { checksToRun } from '../grader/run-checks';
import type { JournalEntry } from '../mesh';
import type { CheckReport, CheckResult, Lab, QuizAnswers } from '../schema';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';

// The worker starts as a tiny CommonJS script that loads worker-main.ts through tsx, as bin/meshdojo does.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.boot.tsx)
  .then((api) => (api.tsImport ?? api.default.tsImport)(workerData.boot.main, workerData.boot.parent))
  .then((main) => main.start());
`;

export interface WorkerRunOptions {
  /** Real milliseconds one check may run (default 5 s). */
  readonly limitMs?: number;
  readonly seed?: number;
  /** The step to grade; all of them without it. */
  readonly step?: string;
  /** The journal of the learner's cluster (terminal steps). */
  readonly journal?: readonly JournalEntry[];
  /** The learner's answers to quiz steps. */
  readonly answers?: QuizAnswers;
}

type RunOutcome =
  | { readonly kind: 'report'; readonly report: CheckReport; readonly results: CheckResult[] }
  | { readonly kind: 'stopped'; readonly index: number; readonly results: CheckResult[] };

export async function runChecksInWorker(
  lab: Lab,
  files: Readonly<Record<string, string>>,
  options: WorkerRunOptions = {},
): Promise<CheckReport> {
  const limitMs = options.limitMs ?? CHECK_TIME_LIMIT_MS;
  const { seed, step, journal, answers } = options;
  const checks = checksToRun(lab, step);
  const results: CheckResult[] = [];
  let startAt = 0;
  for (;;) {
    const request: WorkerRequest = {
      labId: lab.meta.id,
      files,
      startAt,
      ...(seed !== undefined && { seed }),
      ...(step !== undefined && { step }),
      ...(journal !== undefined && { journal }),
      ...(answers !== undefined && { answers }),
    };
    const outcome = await runOnce(lab, request, limitMs);
    results.push(...outcome.results);
    if (outcome.kind === 'report') {
      if (outcome.report.status === 'compile-error' || outcome.report.status === 'setup-error') return outcome.report;
      break;
    }
    const check = checks[outcome.index];
    if (check !== undefined) results.push(wallClockTimeout(check, limitMs));
    startAt = outcome.index + 1;
    if (startAt >= checks.length) break;
  }
  const firstFailure = results.find((r) => r.status !== 'pass');
  return {
    labId: lab.meta.id,
    ...(step !== undefined && { step }),
    status: firstFailure === undefined ? 'passed' : 'failed',
    results,
    ...(firstFailure !== undefined && { firstHint: firstFailure.hint }),
  };
}

function runOnce(lab: Lab, request: WorkerRequest, limitMs: number): Promise<RunOutcome> {
  const require = createRequire(import.meta.url);
  const boot = {
    // The ESM build of tsx's API: its CommonJS twin cannot register hooks from inside a worker on Node 20.
    tsx: pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href,
    main: './worker-main.ts',
    parent: import.meta.url,
  };
  const worker = new Worker(BOOT, { eval: true, workerData: { ...request, boot } });
  const results: CheckResult[] = [];
  return new Promise<RunOutcome>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (outcome: RunOutcome | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        clearTimeout(timer);
        const { event } = message;
        if (event.type === 'start') {
          timer = setTimeout(() => finish({ kind: 'stopped', index: event.index, results }), limitMs);
        } else results.push(event.result);
      } else if (message.type === 'report') finish({ kind: 'report', report: message.report, results });
      else finish(new Error(`the grader crashed while checking ${lab.meta.id}: ${message.message}`));
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`the grading worker exited (code ${code}) before reporting`)));
  });
}
