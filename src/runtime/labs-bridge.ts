/**
 * The one place src/runtime reaches into src/labs' registry and grader: looking a lab up, building the page's
 * payload from it at build time, grading in a Worker, and putting the graded code into the terminal's cluster.
 * Results are turned into the runtime's own, single-language types. (The terminal's lab session comes from
 * src/labs/lab-session.ts, which needs none of this.)
 */
import {
  CHECK_TIME_LIMIT_MS,
  checksToRun,
  getLab,
  goLive,
  gradeWorkspace,
  labs,
  localizeReport,
  type CheckReport,
  type Lab,
} from '../labs';
import { TERMINAL_SEED } from '../labs/lab-session';
import type { SimCluster } from '../mesh';
import type { CompiledCode, Replies } from './sandbox/protocol';
import type { CheckRunReport, JournalEntry, LabPayload, LiveCodeOutcome, Locale } from './types';

/** Every lab id, for the pages' static paths. */
export function labIds(): string[] {
  return labs.map((lab) => lab.meta.id);
}

/** The lab as plain data for one language (what the page serialises for the runtime and the editor). */
export function labPayload(id: string, locale: Locale): LabPayload {
  const lab = requireLab(id);
  const readOnly = new Set(lab.meta.readOnly);
  const order = [lab.meta.main, ...lab.meta.editable, ...lab.meta.readOnly];
  const paths = [...new Set(order.filter((path) => lab.starter[path] !== undefined))];
  return {
    id,
    locale,
    title: lab.meta.title[locale],
    kind: lab.meta.kind,
    files: paths.map((path) => ({ path, content: lab.starter[path]!, readOnly: readOnly.has(path) })),
    solution: Object.fromEntries(
      lab.meta.editable.map((path) => [path, lab.solution[path] ?? lab.starter[path] ?? '']),
    ),
    types: {},
    // The terminal's cluster has its own seed (the grader's fresh clusters another): a copy of the learner's
    // cluster replays their journal on the same one.
    shell: {
      preset: lab.meta.preset,
      seed: TERMINAL_SEED,
      setup: [...lab.meta.setup],
      kubeconfig: lab.meta.kubeconfig,
      awaitLoadBalancers: lab.meta.awaitLoadBalancers,
    },
    checkTimeLimitMs: CHECK_TIME_LIMIT_MS,
    lessonSlug: lab.meta.lessonSlug,
    summary: lab.meta.summary[locale],
    difficulty: lab.meta.difficulty,
    steps: lab.steps.map((step) => ({
      id: step.id,
      minutes: step.minutes,
      kind: step.kind,
      title: step.title[locale],
      // A quiz step's questions are its checks, as far as reports and progress go.
      checkIds: checksToRun(lab, step.id).map((item) => item.id),
    })),
  };
}

/** Every check of the lab (quiz questions too) with its title and hint in one language, for the workshop board. */
export function labCheckTexts(id: string, locale: Locale): { step: string; id: string; title: string; hint: string }[] {
  return checksToRun(requireLab(id), undefined).map((item) => ({
    step: item.step,
    id: item.id,
    title: item.title[locale],
    hint: item.hint[locale],
  }));
}

/**
 * Grades one step of the lab, or every step (in a Worker; the page enforces the time limit); terminal steps on
 * a copy of the learner's cluster made from its journal. A run that finished hands back the code it compiled
 * when the lab can plug it into the terminal's cluster.
 */
export async function gradeLab(request: {
  labId: string;
  locale: Locale;
  files: Record<string, string>;
  journal: readonly JournalEntry[];
  step?: string;
}): Promise<Replies['check']> {
  const lab = requireLab(request.labId);
  const started = performance.now();
  const { report, modules } = await gradeWorkspace(lab, request.files, {
    journal: request.journal,
    ...(request.step !== undefined && { step: request.step }),
  });
  const localized = localize(report, request.locale, performance.now() - started);
  const finished = report.status === 'passed' || report.status === 'failed';
  if (lab.live === undefined || !finished || modules === undefined) return { report: localized };
  return { report: localized, compiled: Object.fromEntries(modules.code) };
}

/**
 * Grades the lab's own solution once and forgets the report. A check Worker serves one run only, and one whose
 * grader, mesh and shell have run once grades about three times faster than a cold one (its code compiled and
 * optimised, its lazy tables built), which keeps a fair run well inside the time limit on a slow machine; the
 * spare Worker does this before its run. The last step is enough: a files or code step is graded after every
 * earlier step's solution, so most of the grader's and the mesh's code runs. Only the lab's own files run here.
 */
export async function rehearse(labId: string): Promise<void> {
  const lab = requireLab(labId);
  await gradeWorkspace(lab, lab.solution, { journal: [], step: lab.steps.at(-1)!.id });
}

/**
 * Puts the code a check run compiled into the terminal's cluster (code labs with a live hook). `installed` is
 * false with a reason in the page's language when it could not; null when the lab has nothing to plug in.
 */
export function useLearnerCode(
  request: { labId: string; locale: Locale; compiled: CompiledCode },
  cluster: SimCluster,
): LiveCodeOutcome | null {
  const lab = requireLab(request.labId);
  const outcome = goLive(lab, { ok: true, code: new Map(Object.entries(request.compiled)) }, cluster);
  if (outcome === undefined) return null;
  return outcome.ok ? { installed: true } : { installed: false, message: outcome.why[request.locale] };
}

function requireLab(id: string): Lab {
  const lab = getLab(id);
  if (lab === undefined) throw new Error(`no lab ${id}`);
  return lab;
}

function localize(report: CheckReport, locale: Locale, durationMs: number): CheckRunReport {
  const { status, results, error } = localizeReport(report, locale);
  return {
    status: status === 'setup-error' ? 'error' : status,
    results: [...results],
    // A compile error's title is the summary line's own words ("Your code does not compile"): said once.
    errors: error ? [status === 'compile-error' ? error.detail : `${error.title}\n${error.detail}`] : [],
    durationMs,
    ...(report.step !== undefined && { step: report.step }),
  };
}
