/**
 * The one place src/runtime reaches into src/labs: looking a lab up, building the page's payload from it at
 * build time, and grading in a Worker. The result is turned into the runtime's own, single-language report.
 */
import { getLab, goLive, LAB_DIR, labs, runChecks, type Bilingual, type CheckReport as LabReport } from '../labs';
import type { SimCluster } from '../mesh';
import type { CheckReport, LabPayload, Locale } from './types';

/** The learner's cluster differs from the grader's (which uses its own fixed seed) only in its seed. */
export const SHELL_SEED = 7;

/** Every lab id, for the pages' static paths. */
export function labIds(): string[] {
  return labs.map((lab) => lab.meta.id);
}

/** The lab as plain data for one language (what the page serialises for the runtime and the editor). */
export function labPayload(id: string, locale: Locale): LabPayload {
  const lab = getLab(id);
  if (lab === undefined) throw new Error(`no lab ${id}`);
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
    shell: { cwd: LAB_DIR, preset: lab.meta.preset, seed: SHELL_SEED, setup: [...lab.meta.setup] },
    lessonSlug: lab.meta.lessonSlug,
    summary: lab.meta.summary[locale],
  };
}

/** Grades `files` with the lab's checks (in a Worker; the page enforces the wall-clock limit). */
export async function gradeLab(request: {
  labId: string;
  locale: Locale;
  files: Record<string, string>;
}): Promise<CheckReport> {
  const lab = getLab(request.labId);
  if (lab === undefined) throw new Error(`no lab ${request.labId}`);
  const started = performance.now();
  const report = await runChecks(lab, request.files);
  return localize(report, request.locale, performance.now() - started);
}

/**
 * Puts the learner's code into the terminal's cluster (code labs with a live hook). `installed` is false with
 * a reason in the page's language when it could not; undefined when the lab has nothing to plug in.
 */
export function useLearnerCode(
  request: { labId: string; locale: Locale; files: Record<string, string> },
  cluster: SimCluster,
): { installed: boolean; message?: string } | undefined {
  const lab = getLab(request.labId);
  if (lab === undefined) throw new Error(`no lab ${request.labId}`);
  const outcome = goLive(lab, request.files, cluster);
  if (outcome === undefined) return undefined;
  return outcome.ok ? { installed: true } : { installed: false, message: outcome.why[request.locale] };
}

function localize(report: LabReport, locale: Locale, durationMs: number): CheckReport {
  const text = (value: Bilingual | undefined) => value?.[locale];
  const status = report.status === 'setup-error' ? 'error' : report.status;
  return {
    status,
    results: report.results.map((result) => ({
      id: result.id,
      title: result.title[locale],
      passed: result.status === 'pass',
      ...(result.expected && { expected: result.expected[locale] }),
      ...(result.seen && { seen: result.seen[locale] }),
      message: text(result.message) ?? '',
      hint: result.hint[locale],
    })),
    errors: report.error ? [`${report.error.title[locale]}\n${report.error.detail}`] : [],
    durationMs,
  };
}
