/**
 * The grader: learner files in, a bilingual report out. Compiles (code labs) or replays (config labs) the
 * learner's state on a fresh virtual-clock cluster with a fixed seed, runs each check in order, and turns
 * whatever goes wrong inside a check (a throw, a runaway simulation, simulated time running out) into that
 * check's result — never into a crash of the grader.
 */
import { checkOutcomeSchema, type Bilingual, type CheckReport, type CheckResult, type Lab } from '../schema';
import { GradingSession, ReplayError, VirtualBudgetExceeded } from './grading-session';
import { compileModules, ModuleNotFound, type CompiledModules } from './module-loader';
import { both, errorMessage } from './text';

/** The seed every grading run uses, so the same files always get the same report. */
export const GRADER_SEED = 20191;
export const DEFAULT_CHECK_BUDGET_MS = 120_000;

export type ProgressEvent =
  | { readonly type: 'start'; readonly index: number; readonly id: string }
  | { readonly type: 'end'; readonly index: number; readonly id: string; readonly result: CheckResult };

export interface RunChecksOptions {
  readonly seed?: number;
  /** Run from this check on (the Node runner resumes here after stopping a check that hung). */
  readonly startAt?: number;
  /** Told when each check starts and ends, so a supervisor can enforce a wall-clock limit. */
  readonly onProgress?: (event: ProgressEvent) => void;
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
  const workspace = workspaceFiles(lab, files);
  if (lab.meta.kind === 'config') return { report: await gradeOn(lab, workspace, undefined, options) };
  const compiled = compileModules(workspace);
  if (!compiled.ok) {
    const where = `${compiled.file}${compiled.line === undefined ? '' : `:${compiled.line}:${compiled.column ?? 1}`}`;
    return {
      report: {
        labId: lab.meta.id,
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
  return { report: await gradeOn(lab, workspace, compiled, options), modules: compiled };
}

async function gradeOn(
  lab: Lab,
  workspace: Readonly<Record<string, string>>,
  modules: CompiledModules | undefined,
  options: RunChecksOptions,
): Promise<CheckReport> {
  const session = new GradingSession(lab.meta, workspace, modules, { seed: options.seed ?? GRADER_SEED });
  try {
    if (lab.meta.kind === 'config') {
      try {
        await session.ready();
      } catch (error) {
        return setupError(lab, error);
      }
    }
    const results: CheckResult[] = [];
    for (const [index, check] of lab.checks.entries()) {
      if (index < (options.startAt ?? 0)) continue;
      options.onProgress?.({ type: 'start', index, id: check.id });
      const started = await session.now();
      const base = { id: check.id, title: check.title, hint: check.hint };
      let result: CheckResult;
      try {
        const outcome = checkOutcomeSchema.parse(
          await check.run(session.contextFor(check.budgetMs ?? DEFAULT_CHECK_BUDGET_MS)),
        );
        result = {
          ...base,
          status: outcome.pass ? 'pass' : 'fail',
          ...(outcome.expected !== undefined && { expected: outcome.expected }),
          ...(outcome.seen !== undefined && { seen: outcome.seen }),
          ...(outcome.message !== undefined && { message: outcome.message }),
          virtualMs: 0,
        };
      } catch (error) {
        result = { ...base, status: 'error', message: explain(error), virtualMs: 0 };
      }
      result = { ...result, virtualMs: (await session.now()) - started };
      results.push(result);
      options.onProgress?.({ type: 'end', index, id: check.id, result });
    }
    const firstFailure = results.find((r) => r.status !== 'pass');
    return {
      labId: lab.meta.id,
      status: firstFailure === undefined ? 'passed' : 'failed',
      results,
      ...(firstFailure !== undefined && { firstHint: firstFailure.hint }),
    };
  } finally {
    await session.dispose();
  }
}

function setupError(lab: Lab, error: unknown): CheckReport {
  if (error instanceof ReplayError) {
    return {
      labId: lab.meta.id,
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
  return {
    labId: lab.meta.id,
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
      `시뮬레이션 시간 ${s}초를 넘겨 검사를 중단했습니다. 응답하지 않는 요청이나 끝나지 않는 대기가 있는지 확인하세요.`,
      `The check used more than ${s} s of simulated time and was stopped: is a request never answered, or a wait never ending?`,
    );
  }
  if (error instanceof ModuleNotFound) {
    return both(
      `실습 파일이 아닌 모듈은 import할 수 없습니다. ${text}`,
      `Only the lab's own files can be imported. ${text}`,
    );
  }
  if (error instanceof Error && error.name === 'SimulationError') {
    return both(
      `시뮬레이션이 멈추지 않아 중단했습니다(이벤트 한도 초과). 끝없이 반복되는 코드가 있는지 확인하세요. ${text}`,
      `The simulation ran away and was stopped (event limit): look for code that repeats forever. ${text}`,
    );
  }
  return both(`코드에서 예외가 발생했습니다: ${text}`, `Your code threw an error: ${text}`);
}
