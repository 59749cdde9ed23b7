/**
 * Node only: `meshdojo check` grades in a sandboxed child process (spawn-grader.ts) and trusts only what that
 * process's grader reports on its own channel. Learner code stuck in `while (true)` cannot be interrupted from
 * its own thread, so the parent times each check, kills the process when one overstays, records that check as
 * stopped, and starts a fresh process at the next check. Whatever else makes the process untrustworthy (an exit,
 * a crash, an error nobody caught, a report line the grader did not write, checks out of order, silence between
 * checks) is handled the same way: the check it interrupted is an error (interrupted-checks.ts), so the run
 * fails. A run passes only when the grader reported every check, in order, and each passed. (The browser does
 * the same with its Web Worker.)
 */
import { CHECK_TIME_LIMIT_MS } from '../../grader/report';
import { checksToRun } from '../../grader/run-checks';
import { both } from '../../grader/text';
import type { GradedItem } from '../../grader/quiz';
import type { JournalEntry } from '../../mesh';
import type { CheckReport, CheckResult, Lab, QuizAnswers } from '../../schema';
import { findGradingNode } from './grading-node';
import { interruptedCheck, type Interruption } from './interrupted-checks';
import type { GraderMessage, GradingRequest } from './protocol';
import { MAX_HEAP_MB, spawnGrader } from './spawn-grader';

/** Real time a grading process may take to start its first check (loading meshdojo, building the cluster). */
export const GRADER_BOOT_LIMIT_MS = 60_000;

/** Real time the grader may say nothing between two checks (the next step's cluster may be built then). */
export const GRADER_SILENCE_LIMIT_MS = 30_000;

/** No Node with the permission model to grade in (grading-node.ts): nothing is run. */
export class SandboxUnavailable extends Error {
  constructor(readonly runningVersion: string) {
    super(`meshdojo check needs Node 24 (the npm package node) to grade; this is Node ${runningVersion}`);
    this.name = 'SandboxUnavailable';
  }
}

/** How one grading process went, for `--verbose`. */
export interface GraderLog {
  /** Index of the first check it was asked to run. */
  readonly startAt: number;
  /** Graded every check, stopped at a compile or setup error, or why the runner stopped trusting it. */
  readonly outcome: 'complete' | 'stopped' | Interruption['kind'];
  /** How it ended by itself (`exit code N`, `signal S`); absent when the runner stopped it. */
  readonly exit?: string;
  /** Why a report line was refused. */
  readonly refused?: string;
  /** Its stdout and stderr (the checked code's console, a crash's stack). */
  readonly output: string;
}

export interface SandboxRunOptions {
  /** Real milliseconds one check may run (default 5 s). */
  readonly limitMs?: number;
  /** Real milliseconds the grader may be silent between checks (default GRADER_SILENCE_LIMIT_MS). */
  readonly silenceLimitMs?: number;
  readonly seed?: number;
  /** The step to grade; all of them without it. */
  readonly step?: string;
  /** The journal of the learner's cluster (terminal steps). */
  readonly journal?: readonly JournalEntry[];
  /** The learner's answers to quiz steps. */
  readonly answers?: QuizAnswers;
  /** Told how each grading process went (`--verbose`). */
  readonly onGraderLog?: (log: GraderLog) => void;
}

type RunOutcome =
  | { readonly kind: 'complete'; readonly results: CheckResult[] }
  | { readonly kind: 'stopped'; readonly report: CheckReport }
  | {
      readonly kind: 'interrupted';
      readonly index: number;
      readonly interruption: Interruption;
      readonly results: CheckResult[];
    }
  /** The process failed before it said anything: the grader itself cannot run here. */
  | { readonly kind: 'unstartable'; readonly interruption: Interruption };

interface Limits {
  readonly checkMs: number;
  readonly silenceMs: number;
}

export async function runChecksInSandbox(
  lab: Lab,
  files: Readonly<Record<string, string>>,
  options: SandboxRunOptions = {},
): Promise<CheckReport> {
  const node = findGradingNode();
  if ('missing' in node) throw new SandboxUnavailable(node.running);
  const limits = {
    checkMs: options.limitMs ?? CHECK_TIME_LIMIT_MS,
    silenceMs: options.silenceLimitMs ?? GRADER_SILENCE_LIMIT_MS,
  };
  const { seed, step, journal, answers } = options;
  const checks = checksToRun(lab, step);
  const head = { labId: lab.meta.id, ...(step !== undefined && { step }) };
  const results: CheckResult[] = [];
  let startAt = 0;
  for (;;) {
    const request: GradingRequest = {
      labId: lab.meta.id,
      files,
      startAt,
      ...(seed !== undefined && { seed }),
      ...(step !== undefined && { step }),
      ...(journal !== undefined && { journal }),
      ...(answers !== undefined && { answers }),
    };
    const outcome = await gradeFrom(node.path, request, checks, limits, options.onGraderLog);
    if (outcome.kind === 'stopped') return outcome.report;
    if (outcome.kind === 'unstartable') return { ...head, ...graderCannotStart(outcome.interruption) };
    results.push(...outcome.results);
    if (outcome.kind === 'complete') break;
    const check = checks[outcome.index];
    if (check !== undefined) results.push(interruptedCheck(check, outcome.interruption));
    startAt = outcome.index + 1;
    if (startAt >= checks.length) break;
  }
  const firstFailure = results.find((r) => r.status !== 'pass');
  return {
    ...head,
    status: firstFailure === undefined ? 'passed' : 'failed',
    results,
    ...(firstFailure !== undefined && { firstHint: firstFailure.hint }),
  };
}

/** One grading process, from `request.startAt` until every check ended or something interrupted it. */
function gradeFrom(
  node: string,
  request: GradingRequest,
  checks: readonly GradedItem[],
  limits: Limits,
  onGraderLog: SandboxRunOptions['onGraderLog'],
): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const results: CheckResult[] = [];
    let next = request.startAt; // the check the grader must start next
    let running: number | undefined; // the check it started and has not ended
    let heard = false;
    let outcome: RunOutcome | undefined;
    let refused: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const settle = (settled: RunOutcome): void => {
      if (outcome !== undefined) return;
      outcome = settled;
      clearTimeout(timer);
      grader.stop();
    };
    const interrupt = (interruption: Interruption): void =>
      settle(
        heard
          ? { kind: 'interrupted', index: running ?? next, interruption, results }
          : { kind: 'unstartable', interruption },
      );
    const within = (ms: number, interruption: Interruption): void => {
      clearTimeout(timer);
      timer = setTimeout(() => interrupt(interruption), ms);
    };

    const accept = (message: GraderMessage): void => {
      heard = true;
      const expected = checks[running ?? next];
      switch (message.type) {
        case 'start':
          if (running !== undefined || message.index !== next || message.id !== expected?.id) break;
          running = next;
          within(limits.checkMs, { kind: 'overran', limitMs: limits.checkMs });
          return;
        case 'end': {
          const { result } = message;
          if (running === undefined || message.index !== running || message.id !== expected?.id) break;
          if (result.id !== expected.id || result.step !== expected.step) break;
          results.push(result);
          running = undefined;
          next += 1;
          if (next >= checks.length) settle({ kind: 'complete', results });
          else within(limits.silenceMs, { kind: 'silent', limitMs: limits.silenceMs });
          return;
        }
        case 'stopped':
          return settle({ kind: 'stopped', report: message.report });
        case 'fault':
          return interrupt({ kind: 'fault', message: message.message });
      }
      refused = `a ${message.type} message out of order`;
      interrupt({ kind: 'refused' });
    };

    const grader = spawnGrader(node, request, (event) => {
      if (event.kind === 'message') {
        if (outcome === undefined) accept(event.message);
      } else if (event.kind === 'refused') {
        refused = event.reason;
        interrupt({ kind: 'refused' });
      } else {
        const endedByItself = outcome === undefined;
        if (next >= checks.length) settle({ kind: 'complete', results });
        interrupt(
          event.outOfMemory
            ? { kind: 'out-of-memory', heapMb: MAX_HEAP_MB }
            : { kind: 'ended', code: event.code, signal: event.signal },
        );
        const settled = outcome as RunOutcome;
        onGraderLog?.({
          startAt: request.startAt,
          outcome: 'interruption' in settled ? settled.interruption.kind : settled.kind,
          ...(endedByItself && { exit: event.signal === null ? `exit code ${event.code}` : `signal ${event.signal}` }),
          ...(refused !== undefined && { refused }),
          output: grader.output(),
        });
        resolve(settled);
      }
    });
    within(GRADER_BOOT_LIMIT_MS, { kind: 'silent', limitMs: GRADER_BOOT_LIMIT_MS });
  });
}

/** The report of a run whose grader could not start (the pinned Node or meshdojo's files broken or missing). */
function graderCannotStart(interruption: Interruption): Pick<CheckReport, 'status' | 'results' | 'error'> {
  const why =
    interruption.kind === 'silent'
      ? `it said nothing for ${interruption.limitMs / 1000} s`
      : interruption.kind === 'ended'
        ? `it ended (${interruption.signal ?? `exit code ${interruption.code}`})`
        : interruption.kind === 'fault'
          ? interruption.message
          : interruption.kind;
  return {
    status: 'setup-error',
    results: [],
    error: {
      title: both('채점 프로세스를 시작하지 못했습니다', 'The grading process could not start'),
      detail: `${why}. meshdojo check --verbose shows its output.`,
    },
  };
}
