/**
 * Turns one lab folder's pieces into a validated Lab. Both registries (Vite's import.meta.glob and the
 * Node directory scan) call this, so a folder is held to the same rules wherever it is loaded.
 */
import { z } from 'zod';
import { LabDefinitionError } from './definition-error';
import {
  checksSchema,
  LANGS,
  labMetaSchema,
  type Bilingual,
  type Check,
  type Lab,
  type Lang,
  type LabMeta,
  type LabStep,
  type LiveHook,
} from './schema';
import { readStepTexts } from './step-text';
import { factRefs } from './your-run';

export { LabDefinitionError };

export interface LabFolder {
  readonly folder: string;
  /** lab.ts's default export. */
  readonly meta: unknown;
  /** checks.ts's default export. */
  readonly checks: unknown;
  /** checks.ts's `live` export, if any. */
  readonly live?: unknown;
  /** files/ by relative path. */
  readonly starter: Readonly<Record<string, string>>;
  /** steps/ by file name (`01-route-all-v1.ko.md`). */
  readonly steps: Readonly<Record<string, string>>;
  /** solution/ by relative path (`<step id>/virtual-services.yaml`). */
  readonly solution: Readonly<Record<string, string>>;
}

export function assembleLab(input: LabFolder): Lab {
  const { folder } = input;
  const meta = parse(folder, 'lab.ts', labMetaSchema, input.meta);
  const checks = parse(folder, 'checks.ts', checksSchema, input.checks);
  if (meta.id !== folder) throw new LabDefinitionError(folder, `lab.ts id "${meta.id}" differs from the folder name`);
  for (const path of [...meta.editable, ...meta.readOnly]) {
    if (input.starter[path] === undefined)
      throw new LabDefinitionError(folder, `files/${path} is listed in lab.ts but missing`);
  }
  if (input.live !== undefined && typeof input.live !== 'function')
    throw new LabDefinitionError(folder, 'checks.ts: `live` must be a function (see LiveHook)');
  if (input.live !== undefined && meta.kind !== 'code')
    throw new LabDefinitionError(folder, 'checks.ts: only code labs export `live`');
  const stepIds = meta.steps.map((step) => step.id);
  const texts = readStepTexts(folder, stepIds, input.steps);
  const solutions = solutionsByStep(folder, meta, input.solution);
  const checksByStep = groupChecks(folder, stepIds, checks);
  const steps = meta.steps.map((step): LabStep => {
    const files = solutions.get(step.id) ?? {};
    const stepChecks = checksByStep.get(step.id) ?? [];
    const text = texts.get(step.id)!;
    const solution = { files, commands: step.commands };
    if (text.yourRun !== undefined) yourRunRules(folder, step.id, text.yourRun, stepChecks);
    if (text.questions !== undefined) {
      quizStepRules(folder, step.id, stepChecks, solution);
      return { id: step.id, minutes: step.minutes, kind: 'quiz', ...text, checks: [], solution };
    }
    if (stepChecks.length === 0) throw new LabDefinitionError(folder, `step "${step.id}" has no check (checks.ts)`);
    if (Object.keys(files).length === 0 && step.commands.length === 0) {
      throw new LabDefinitionError(
        folder,
        `step "${step.id}" has no solution: files in solution/${step.id}/ or commands in lab.ts`,
      );
    }
    return {
      id: step.id,
      minutes: step.minutes,
      kind: Object.keys(files).length > 0 ? 'files' : 'terminal',
      ...text,
      checks: stepChecks,
      solution,
    };
  });
  uniqueQuestionIds(folder, steps);
  return {
    meta,
    steps,
    checks: steps.flatMap((step) => step.checks),
    ...(input.live !== undefined && { live: input.live as LiveHook }),
    starter: { ...input.starter },
    solution: Object.assign({ ...input.starter }, ...steps.map((step) => step.solution.files)) as Record<
      string,
      string
    >,
  };
}

/** A step's "your run" text quotes only its own checks' facts, and quotes at least one (else it is more why). */
function yourRunRules(folder: string, stepId: string, yourRun: Bilingual, checks: readonly Check[]): void {
  const own = new Set(checks.map((check) => check.id));
  for (const lang of LANGS) {
    const refs = factRefs(yourRun[lang]);
    if (refs.length === 0)
      throw new LabDefinitionError(folder, `step "${stepId}": yourRun (${lang}) quotes no {check-id.fact}`);
    const stranger = refs.find((ref) => !own.has(ref.check));
    if (stranger !== undefined)
      throw new LabDefinitionError(
        folder,
        `step "${stepId}": yourRun (${lang}) quotes {${stranger.check}.${stranger.fact}}, not a check of this step`,
      );
  }
  const names = (lang: Lang) => [...new Set(factRefs(yourRun[lang]).map((r) => `${r.check}.${r.fact}`))].sort().join();
  if (names('ko') !== names('en'))
    throw new LabDefinitionError(
      folder,
      `step "${stepId}": yourRun quotes other facts in ko (${names('ko')}) than in en (${names('en')})`,
    );
}

/** A quiz step is graded on the learner's answers: a check or a solution for it is a mistake. */
function quizStepRules(folder: string, stepId: string, checks: readonly Check[], solution: LabStep['solution']): void {
  const quiz = `step "${stepId}" is a quiz (its texts have review: questions)`;
  if (checks.length > 0) {
    const ids = checks.map((check) => `"${check.id}"`).join(', ');
    throw new LabDefinitionError(folder, `${quiz}, so it has no checks, but checks.ts gives it ${ids}`);
  }
  if (Object.keys(solution.files).length > 0)
    throw new LabDefinitionError(folder, `${quiz}, so it has no solution, but solution/${stepId}/ holds files`);
  if (solution.commands.length > 0)
    throw new LabDefinitionError(folder, `${quiz}, so it has no solution, but lab.ts gives it commands`);
}

/** Question ids name one question in the lab (`meshdojo check --answer <id>=…`) and are no check's id. */
function uniqueQuestionIds(folder: string, steps: readonly LabStep[]): void {
  const checkIds = new Set(steps.flatMap((step) => step.checks.map((check) => check.id)));
  const seen = new Map<string, string>();
  for (const step of steps) {
    for (const { id } of step.questions?.en ?? []) {
      const other = seen.get(id);
      if (other !== undefined)
        throw new LabDefinitionError(folder, `question "${id}" is asked in step "${other}" and in "${step.id}"`);
      if (checkIds.has(id))
        throw new LabDefinitionError(folder, `question "${id}" of step "${step.id}" has the id of a check`);
      seen.set(id, step.id);
    }
  }
}

/** solution/<step id>/<path> → each step's files (editable ones: a read-only file there only lets it type-check). */
function solutionsByStep(
  folder: string,
  meta: LabMeta,
  solution: Readonly<Record<string, string>>,
): Map<string, Record<string, string>> {
  const byStep = new Map<string, Record<string, string>>();
  for (const [key, text] of Object.entries(solution)) {
    const slash = key.indexOf('/');
    const [step, path] = slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
    if (!meta.steps.some((s) => s.id === step)) {
      throw new LabDefinitionError(
        folder,
        slash < 0
          ? `solution/${key} is outside a step's folder (solution/<step id>/${key})`
          : `solution/${step}/ is the folder of no step in lab.ts`,
      );
    }
    if (meta.readOnly.includes(path)) continue;
    if (!meta.editable.includes(path)) throw new LabDefinitionError(folder, `solution/${key} is not an editable file`);
    byStep.set(step, { ...byStep.get(step), [path]: text });
  }
  return byStep;
}

function groupChecks(folder: string, stepIds: readonly string[], checks: readonly Check[]): Map<string, Check[]> {
  const byStep = new Map<string, Check[]>();
  for (const check of checks) {
    if (!stepIds.includes(check.step)) {
      throw new LabDefinitionError(folder, `checks.ts: check "${check.id}" names step "${check.step}", not in lab.ts`);
    }
    byStep.set(check.step, [...(byStep.get(check.step) ?? []), check]);
  }
  return byStep;
}

function parse<T extends z.ZodType>(folder: string, file: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new LabDefinitionError(folder, `${file}: ${z.prettifyError(result.error)}`);
}

/** Labs in course order (by lesson number, then id). */
export function sortLabs(labs: readonly Lab[]): Lab[] {
  const key = (lab: Lab): number[] => lab.meta.lesson.split('.').map(Number);
  return [...labs].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka[0] ?? 0) - (kb[0] ?? 0) || (ka[1] ?? 0) - (kb[1] ?? 0) || a.meta.id.localeCompare(b.meta.id);
  });
}
