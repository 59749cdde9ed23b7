/**
 * The grader: learner files (and the journal of their cluster, and their quiz answers) in, a bilingual report
 * out. Grades one step or, for "Check all", every step in order, each where its kind says (step-sessions.ts; a
 * quiz step on its answers, quiz.ts): compiles the learner's code once (code labs), runs each check in order, and
 * turns whatever goes wrong inside a check (a throw, a runaway simulation, simulated time running out) into that
 * check's result — never into a crash of the grader.
 */
import { TERMINAL_SEED } from '../lab-session';
import { JournalError, type JournalEntry } from '../mesh';
import {
  checkOutcomeSchema,
  type Bilingual,
  type Check,
  type CheckReport,
  type CheckResult,
  type Lab,
  type LabStep,
  type QuizAnswers,
} from '../schema';
import { GradingSession, ReplayError, VirtualBudgetExceeded } from './grading-session';
import { compileModules, ModuleNotFound, type CompiledModules } from './module-loader';
import { gradeQuestion, quizItems, type GradedItem } from './quiz';
import { freshClusterPlan, learnerClusterPlan, type SessionPlan } from './step-sessions';
import { both, errorMessage } from './text';
import { WorkBudgetExceeded, WorkMeter } from './work-meter';

/** The seed every fresh grading cluster uses, so the same files always get the same report. */
export const GRADER_SEED = 20191;
export const DEFAULT_CHECK_BUDGET_MS = 120_000;

export type ProgressEvent =
  | { readonly type: 'start'; readonly index: number; readonly id: string }
  | { readonly type: 'end'; readonly index: number; readonly id: string; readonly result: CheckResult };

export interface RunChecksOptions {
  /** Grade this step only ("Check"); without it every step, in order ("Check all"). */
  readonly step?: string;
  /** The journal of the learner's own cluster: terminal steps are graded on a copy of it. */
  readonly journal?: readonly JournalEntry[];
  /** The learner's answers to the quiz steps (a question without one is "not answered yet"). */
  readonly answers?: QuizAnswers;
  /** The seed of the fresh clusters files steps are graded on (default GRADER_SEED). */
  readonly seed?: number;
  /** The seed of the learner's own cluster, which its copy replays on (default TERMINAL_SEED). */
  readonly terminalSeed?: number;
  /** Run from this check on, counted in `checksToRun` (the Node runner resumes here after stopping a check that hung). */
  readonly startAt?: number;
  /** Told when each check starts and ends, so a supervisor can enforce a wall-clock limit. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** The steps a run grades: the one named, or all of them. */
export function stepsToGrade(lab: Lab, step: string | undefined): readonly LabStep[] {
  if (step === undefined) return lab.steps;
  const found = lab.steps.find((s) => s.id === step);
  if (found === undefined) throw new Error(`lab ${lab.meta.id} has no step "${step}"`);
  return [found];
}

/** What a run grades, in order: checks, and quiz steps' questions (what `startAt` and progress indexes count). */
export function checksToRun(lab: Lab, step: string | undefined): readonly GradedItem[] {
  return stepsToGrade(lab, step).flatMap((s): readonly GradedItem[] => (s.kind === 'quiz' ? quizItems(s) : s.checks));
}

/** The learner's editable files over the starter; read-only files are always ours. */
export function workspaceFiles(lab: Lab, files: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = { ...lab.starter };
  for (const path of lab.meta.editable) {
    const text = files[path];
    if (text !== undefined) merged[path] = text;
  }
  return merged;
}

export async function runChecks(
  lab: Lab,
  files: Readonly<Record<string, string>>,
  options: RunChecksOptions = {},
): Promise<CheckReport> {
  return (await gradeWorkspace(lab, files, options)).report;
}

/** A check run, and the learner's modules it compiled (code labs), so they can go live without compiling again. */
export interface GradedWorkspace {
  readonly report: CheckReport;
  readonly modules?: CompiledModules;
}

export async function gradeWorkspace(
  lab: Lab,
  files: Readonly<Record<string, string>>,
  options: RunChecksOptions = {},
): Promise<GradedWorkspace> {
  const steps = stepsToGrade(lab, options.step);
  const workspace = workspaceFiles(lab, files);
  // A quiz does not need the learner's code to compile.
  if (lab.meta.kind === 'config' || steps.every((step) => step.kind === 'quiz'))
    return { report: await gradeSteps(lab, steps, workspace, undefined, options) };
  const compiled = compileModules(workspace);
  if (!compiled.ok) {
    const where = `${compiled.file}${compiled.line === undefined ? '' : `:${compiled.line}:${compiled.column ?? 1}`}`;
    return {
      report: {
        ...reportHead(lab, options),
        status: 'compile-error',
        results: [],
        error: {
          title: both('코드를 컴파일하지 못했습니다', 'Your code does not compile'),
          detail: `${where} ${compiled.message}`,
          file: compiled.file,
        },
      },
    };
  }
  return { report: await gradeSteps(lab, steps, workspace, compiled, options), modules: compiled };
}

function reportHead(lab: Lab, options: RunChecksOptions): Pick<CheckReport, 'labId' | 'step'> {
  return { labId: lab.meta.id, ...(options.step !== undefined && { step: options.step }) };
}

async function gradeSteps(
  lab: Lab,
  steps: readonly LabStep[],
  workspace: Readonly<Record<string, string>>,
  modules: CompiledModules | undefined,
  options: RunChecksOptions,
): Promise<CheckReport> {
  const plan = (step: LabStep): SessionPlan =>
    step.kind === 'terminal'
      ? learnerClusterPlan(lab, workspace, options.journal ?? [], options.terminalSeed ?? TERMINAL_SEED)
      : freshClusterPlan(lab, lab.steps.indexOf(step), workspace, options.seed ?? GRADER_SEED);
  // Consecutive steps with the same plan share a session (a code lab's unit-tested steps, all of them).
  let current: { key: string; session: GradingSession } | undefined;
  const results: CheckResult[] = [];
  let index = 0;
  try {
    for (const step of steps) {
      if (step.kind === 'quiz') {
        for (const item of quizItems(step)) {
          const at = index++;
          if (at < (options.startAt ?? 0)) continue;
          options.onProgress?.({ type: 'start', index: at, id: item.id });
          const result = gradeQuestion(step, item.id, options.answers?.[step.id]?.[item.id]);
          results.push(result);
          options.onProgress?.({ type: 'end', index: at, id: item.id, result });
        }
        continue;
      }
      const checks = step.checks.map((check) => ({ check, index: index++ }));
      const due = checks.filter((c) => c.index >= (options.startAt ?? 0));
      if (due.length === 0) continue;
      const { key, build } = plan(step);
      if (current?.key !== key) {
        await current?.session.dispose();
        current = { key, session: new GradingSession(lab.meta, workspace, modules, build) };
      }
      const session = current.session;
      if (lab.meta.kind === 'config' || step.kind === 'terminal') {
        try {
          await session.ready();
        } catch (error) {
          return setupError(lab, options, error);
        }
      }
      for (const { check, index: at } of due) {
        options.onProgress?.({ type: 'start', index: at, id: check.id });
        const result = await runCheck(session, step, check);
        results.push(result);
        options.onProgress?.({ type: 'end', index: at, id: check.id, result });
      }
    }
  } finally {
    await current?.session.dispose();
  }
  const firstFailure = results.find((r) => r.status !== 'pass');
  return {
    ...reportHead(lab, options),
    status: firstFailure === undefined ? 'passed' : 'failed',
    results,
    ...(firstFailure !== undefined && { firstHint: firstFailure.hint }),
  };
}

async function runCheck(session: GradingSession, step: LabStep, check: Check): Promise<CheckResult> {
  const started = await session.now();
  const base = { id: check.id, step: step.id, title: check.title, hint: check.hint };
  const meter = new WorkMeter();
  let result: CheckResult;
  try {
    const outcome = checkOutcomeSchema.parse(
      await check.run(session.contextFor(check.budgetMs ?? DEFAULT_CHECK_BUDGET_MS, meter)),
    );
    result = {
      ...base,
      status: outcome.pass ? 'pass' : 'fail',
      ...(outcome.expected !== undefined && { expected: outcome.expected }),
      ...(outcome.seen !== undefined && { seen: outcome.seen }),
      ...(outcome.message !== undefined && { message: outcome.message }),
      ...(outcome.pass && outcome.facts !== undefined && { facts: outcome.facts }),
      virtualMs: 0,
    };
  } catch (error) {
    result = { ...base, status: 'error', message: explain(error), virtualMs: 0 };
  }
  // Whatever the check made of it — the mesh may have turned the error into a 500 the check then graded — code
  // that ran over its budget is a loop, and is reported as one.
  if (meter.exceeded)
    result = { ...base, status: 'error', message: explain(new WorkBudgetExceeded(meter.budget)), virtualMs: 0 };
  return { ...result, virtualMs: (await session.now()) - started, ...(meter.used > 0 && { work: meter.used }) };
}

function setupError(lab: Lab, options: RunChecksOptions, error: unknown): CheckReport {
  if (error instanceof ReplayError) {
    return {
      ...reportHead(lab, options),
      status: 'setup-error',
      results: [],
      error: {
        title: both(
          `${error.file}을(를) 클러스터에 적용하지 못했습니다`,
          `${error.file} could not be applied to the cluster`,
        ),
        detail: error.output,
        file: error.file,
      },
    };
  }
  if (error instanceof JournalError) {
    return {
      ...reportHead(lab, options),
      status: 'setup-error',
      results: [],
      error: {
        title: both(
          '터미널에서 한 작업을 채점용 클러스터에 다시 실행하지 못했습니다',
          'What you did in the terminal could not be replayed on a copy of your cluster',
        ),
        detail: error.message,
      },
    };
  }
  return {
    ...reportHead(lab, options),
    status: 'setup-error',
    results: [],
    error: {
      title: both('실습 환경을 준비하지 못했습니다', 'The lab environment could not be prepared'),
      detail: errorMessage(error),
    },
  };
}

/** What went wrong inside a check, in words that point at the cause. */
export function explain(error: unknown): Bilingual {
  const text = errorMessage(error);
  if (error instanceof VirtualBudgetExceeded) {
    const s = error.budgetMs / 1000;
    return both(
      `시뮬레이션 시간 ${s}초를 넘겨 검사를 중단했습니다. 응답하지 않는 요청이나 끝나지 않는 대기가 있는지 확인하십시오.`,
      `The check used more than ${s} s of simulated time and was stopped: is a request never answered, or a wait never ending?`,
    );
  }
  if (error instanceof WorkBudgetExceeded) {
    const ko = error.budget.toLocaleString('ko');
    const en = error.budget.toLocaleString('en');
    return both(
      `코드의 반복문과 함수 호출이 ${ko}번을 넘어 검사를 중단했습니다. 끝나지 않는 반복문(while (true) 등)이나 끝없는 재귀가 있는지 확인하십시오.`,
      `Your code went round its loops and called its functions more than ${en} times, so the check was stopped. Look for a loop that never ends (while (true), …) or a recursion without end.`,
    );
  }
  if (error instanceof ModuleNotFound) {
    return both(
      `실습 파일이 아닌 모듈은 import할 수 없습니다. ${text}`,
      `Only the lab's own files can be imported. ${text}`,
    );
  }
  if (error instanceof Error && (error as { code?: unknown }).code === 'ERR_ACCESS_DENIED') {
    // `meshdojo check` runs code under Node's permission model (labs/node/sandbox): Node's message names flags
    // the learner cannot pass, so say what was refused instead.
    const { permission, resource } = error as { permission?: string; resource?: string };
    const what = permission === undefined ? text : `${permission}${resource ? ` ${resource}` : ''}`;
    return both(
      `meshdojo check가 실행하는 코드에는 허용되지 않는 일입니다(${what}). 검사받는 코드는 프로그램을 실행하거나, 컴퓨터의 다른 파일을 읽고 쓰거나, 네트워크를 쓸 수 없습니다.`,
      `Code that meshdojo check runs may not do this (${what}): it cannot start programs, read or write your machine's files, or use the network.`,
    );
  }
  if (error instanceof Error && error.name === 'SimulationError') {
    return both(
      `시뮬레이션이 멈추지 않아 중단했습니다(이벤트 한도 초과). 끝없이 반복되는 코드가 있는지 확인하십시오. ${text}`,
      `The simulation ran away and was stopped (event limit): look for code that repeats forever. ${text}`,
    );
  }
  return both(`코드에서 예외가 발생했습니다: ${text}`, `Your code threw an error: ${text}`);
}
