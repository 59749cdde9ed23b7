/**
 * The lab authoring format. A lab is one folder in src/labs: `lab.ts` (metadata and the ordered steps, validated
 * by `labMetaSchema`), `checks.ts` (graders, each naming its step; `checkSchema`), `steps/` (each step's text in
 * Korean and English: Markdown with frontmatter, `stepTextSchema`), `files/` (what the learner starts from) and
 * `solution/<step id>/` (the files as they are after that step, only the ones it changes); a step text with `review:`
 * questions makes a quiz step. Input schemas describe
 * what an author writes; `Lab` is the runtime entity the registry assembles from a folder (assemble.ts).
 */
import { z } from 'zod';
import type { Shell, SimCluster } from './mesh';
import type { ReviewAnswer } from './review/grade';
import { reviewQuestionsSchema, type ReviewQuestion } from './review/review-schema';

export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Text a learner sees: both languages are required, and neither may be blank. */
export const bilingualSchema = z
  .object({
    ko: z.string().trim().min(1).describe('Korean text, written as a Korean engineer would (합니다체).'),
    en: z.string().trim().min(1).describe('English text.'),
  })
  .strict()
  .describe('A text shown to learners, in Korean and English.');
export type Bilingual = z.infer<typeof bilingualSchema>;

const kebabId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case');

/** A step as lab.ts lists it: its order is the learner's. */
export const stepMetaSchema = z
  .object({
    id: kebabId.describe('Stable id within the lab (kebab-case): names steps/<nn>-<id>.*.md and solution/<id>/.'),
    minutes: z.number().int().positive().max(60).describe('Estimated minutes a learner needs for the step.'),
    commands: z
      .array(z.string().trim().min(1))
      .default([])
      .describe(
        'The solution lines typed in the lab terminal, in order. A step whose solution has no files is a terminal ' +
          'step, graded on the learner’s own cluster (its journal replayed).',
      ),
  })
  .strict()
  .describe('One step of the lab: one idea, one edit or one to three commands.');
export type StepMeta = z.output<typeof stepMetaSchema>;

/** A path inside the lab folder's `files/`: relative, forward slashes, no `..`. */
const labPath = z
  .string()
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.\-/]+$/, 'a relative path inside files/ (no leading /, no ..)')
  .describe('A path relative to the lab folder’s files/ directory, e.g. "circuit-breaker.ts".');

export const labMetaSchema = z
  .object({
    id: kebabId.describe('Stable id, equal to the folder name; used in URLs, the CLI and lesson frontmatter `lab:`.'),
    lesson: z
      .string()
      .regex(/^\d+\.\d+$/)
      .describe('Lesson number from the course plan, e.g. "1.2".'),
    lessonSlug: z
      .string()
      .regex(/^part-\d+\/[a-z0-9-]+$/)
      .describe('The lesson page this lab belongs to, without locale: "part-1/circuit-breaker".'),
    title: bilingualSchema.describe('The lab’s title.'),
    summary: bilingualSchema.describe('One or two sentences: what the learner builds and how it is graded.'),
    kind: z
      .enum(['code', 'config'])
      .describe('`code`: the learner writes TypeScript loaded as a module; `config`: YAML applied to the cluster.'),
    difficulty: z
      .enum(['beginner', 'intermediate', 'advanced'])
      .describe('How hard the lab is for someone who has read its lesson (shown in the lab catalogue).'),
    preset: z
      .enum(['bare', 'istio', 'bookinfo'])
      .describe('What the simulated cluster has installed before anything else runs (createCluster preset).'),
    kubeconfig: z
      .boolean()
      .default(true)
      .describe(
        'Whether `~/.kube/config` already points kubectl at the cluster when the lab starts; false for a lab where ' +
          'the learner makes it (NKS: ncp-iam-authenticator create-kubeconfig), so kubectl first finds no server.',
      ),
    awaitLoadBalancers: z
      .boolean()
      .default(true)
      .describe(
        'Whether a terminal command that changed the cluster returns only once every LoadBalancer Service has its ' +
          'address; false for the lab that shows NKS’s `<pending>` while NCP provisions the load balancer.',
      ),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe('Shell commands run in a fresh cluster after the preset and before the learner’s state.'),
    editable: z.array(labPath).min(1).describe('Files the learner edits (all of them exist in files/).'),
    readOnly: z
      .array(labPath)
      .default([])
      .describe('Files shown but not editable (an interface, a sample manifest); the grader uses ours.'),
    main: labPath.describe('The file the editor opens first; for code labs, the module the checks load.'),
    apply: z
      .array(labPath)
      .default([])
      .describe('Config labs: the YAML files applied with `kubectl apply -f`, in this order.'),
    steps: z.array(stepMetaSchema).min(1).describe('The steps, in the order the learner takes them.'),
  })
  .strict()
  .superRefine((meta, ctx) => {
    const ids = meta.steps.map((step) => step.id);
    for (const [i, id] of ids.entries()) {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id ${id}` });
    }
    if (!meta.editable.includes(meta.main) && !meta.readOnly.includes(meta.main)) {
      ctx.addIssue({
        code: 'custom',
        path: ['main'],
        message: `main file ${meta.main} is neither editable nor read-only`,
      });
    }
    for (const file of meta.apply) {
      if (!meta.editable.includes(file) && !meta.readOnly.includes(file)) {
        ctx.addIssue({ code: 'custom', path: ['apply'], message: `${file} is applied but not listed as a file` });
      }
    }
  })
  .describe('What lab.ts exports by default.');
export type LabMetaInput = z.input<typeof labMetaSchema>;
export type LabMeta = z.output<typeof labMetaSchema>;

/** Language-free values a check measured: names are camelCase, values numbers or short text (a version, a flag). */
export const factsSchema = z.record(
  z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase fact name'),
  z.union([z.number().finite(), z.string().max(200)]),
);
export type Facts = z.output<typeof factsSchema>;

/** What one check concludes. `expected`/`seen` let the UI show a precise diff; `message` is for extra detail. */
export const checkOutcomeSchema = z
  .object({
    pass: z.boolean().describe('Whether the behaviour matches.'),
    expected: bilingualSchema.optional().describe('What the check wanted to observe.'),
    seen: bilingualSchema.optional().describe('What it observed instead (or also, when passing).'),
    message: bilingualSchema.optional().describe('Anything else worth saying (a note, not the hint).'),
    facts: factsSchema
      .optional()
      .describe(
        "What a passing run measured, as plain values (counts, seconds, percentages) that the step's `yourRun` " +
          'text quotes as {check-id.name}.',
      ),
  })
  .strict();
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

/** What a check gets to work with: the lab, the learner's files and module, the run's cluster and shell. */
export interface CheckContext {
  readonly lab: LabMeta;
  /** The learner's files (read-only files are ours, whatever the learner's copy says). */
  readonly files: Readonly<Record<string, string>>;
  /** Code labs: a fresh instance of the learner's main module (throws what the module throws on load). */
  load(): Record<string, unknown>;
  /** The cluster with the preset, the lab's setup and the learner's state; shared by one run's checks. */
  cluster(): Promise<SimCluster>;
  /** Runs simulated work on the cluster's virtual clock, within this check's budget of virtual time. */
  sim<T>(work: (cluster: SimCluster) => Promise<T>): Promise<T>;
  /** The learner's shell on that cluster (commands are driven on the cluster's clock one by one). */
  shell(): Promise<Shell>;
}

export type CheckRun = (ctx: CheckContext) => Promise<CheckOutcome> | CheckOutcome;

export const checkSchema = z
  .object({
    id: kebabId.describe('Stable id within the lab (kebab-case), used in reports and tests.'),
    step: kebabId.describe('The id of the step (lab.ts `steps`) whose solution makes this check pass.'),
    title: bilingualSchema.describe('What the check verifies, phrased as the behaviour wanted.'),
    hint: bilingualSchema.describe('What to look at when it fails; shown for the first failing check.'),
    budgetMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Virtual time this check may spend (default 120 s of simulated time).'),
    run: z
      .custom<CheckRun>((value) => typeof value === 'function', 'run must be a function')
      .describe('Grades behaviour: drives the learner’s module or traffic through the simulator.'),
  })
  .strict();
export type CheckInput = z.input<typeof checkSchema>;
export type Check = z.output<typeof checkSchema>;

export const checksSchema = z
  .array(checkSchema)
  .superRefine((checks, ctx) => {
    const seen = new Set<string>();
    for (const [i, check] of checks.entries()) {
      if (seen.has(check.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate check id ${check.id}` });
      seen.add(check.id);
    }
  })
  .describe('What checks.ts exports by default, in the order they run (a lab of quiz steps only has none).');

/** The frontmatter of one language's step text (steps/<nn>-<step id>.<ko|en>.md); the body is the instructions. */
export const stepTextSchema = z
  .object({
    title: z.string().trim().min(1).describe('The step’s title, e.g. "Send everyone to v1".'),
    hints: z
      .array(z.string().trim().min(1))
      .min(1)
      .max(3)
      .describe(
        'Markdown hints, revealed one at a time, from a nudge to nearly the answer (the same count in both languages).',
      ),
    why: z
      .string()
      .trim()
      .min(1)
      .describe('Markdown shown once the step passes: why it behaves so (it may quote what the checks saw).'),
    yourRun: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(
        "Markdown shown under the why once the step passes: what the learner's own run measured. " +
          '{check-id.name} stands for a fact of one of this step’s checks (CheckOutcome.facts); the text is shown ' +
          'only when every fact it names was measured (in both languages or neither).',
      ),
    review: reviewQuestionsSchema
      .optional()
      .describe(
        'A quiz step’s questions (the lessons’ review format): graded where the learner answers them, no checks, ' +
          'no solution. Both languages ask the same question ids with the same right answers.',
      ),
  })
  .strict()
  .describe('A step text’s YAML frontmatter. Its body: Markdown; ```sh blocks hold one command per line.');
export type StepText = z.output<typeof stepTextSchema>;

/** Helpers so an author's file is typed and validated where it is written. */
export function defineLab(meta: LabMetaInput): LabMetaInput {
  return meta;
}
export function defineChecks(checks: readonly CheckInput[]): readonly CheckInput[] {
  return checks;
}

/**
 * A code lab's way into the learner's running cluster (the terminal's, not the grader's): given the learner's
 * module and the cluster, plug the code in (lab 1.2: every sidecar uses the learner's breaker). Exported as
 * `live` from checks.ts; it runs after a check run that finished, so the code has already run in a Worker
 * that could be stopped. Returns what went wrong, if anything, for the learner.
 */
export type LiveHook = (input: { load: () => Record<string, unknown>; cluster: SimCluster }) => Bilingual | undefined;

/** One step as the learner takes it and the grader grades it. */
export interface LabStep {
  readonly id: string;
  readonly minutes: number;
  /**
   * `files`: graded on a fresh cluster (setup + earlier steps' solutions + the learner's files);
   * `terminal`: graded on a virtual-clock copy of the learner's own cluster (its journal replayed);
   * `quiz`: its questions, graded on the learner's answers (no cluster, no checks, no solution).
   */
  readonly kind: 'files' | 'terminal' | 'quiz';
  readonly title: Bilingual;
  /** Markdown, frontmatter removed. */
  readonly body: Bilingual;
  readonly hints: readonly Bilingual[];
  readonly why: Bilingual;
  /** What the learner's own run measured, with {check-id.name} for the checks' facts (your-run.ts fills them). */
  readonly yourRun?: Bilingual;
  /** The step's checks (none for a quiz step: its questions are graded instead). */
  readonly checks: readonly Check[];
  /** The files as they are after this step (only those it changes) and the lines typed in the terminal. */
  readonly solution: { readonly files: Readonly<Record<string, string>>; readonly commands: readonly string[] };
  /** A quiz step's questions in each language (same ids, same right answers); absent for other steps. */
  readonly questions?: QuizQuestions;
}

/** A quiz step's questions, as each language writes them. */
export type QuizQuestions = Readonly<Record<Lang, readonly ReviewQuestion[]>>;

/** The learner's answers to quiz steps: step id → question id → what they chose or typed. */
export type QuizAnswers = Readonly<Record<string, Readonly<Record<string, ReviewAnswer>>>>;

/** The runtime entity: metadata, steps, checks and file contents, as the registry assembles a folder. */
export interface Lab {
  readonly meta: LabMeta;
  readonly steps: readonly LabStep[];
  /** Every check, step by step in the steps' order. */
  readonly checks: readonly Check[];
  /** checks.ts's `live` export, for code labs whose code can run in the learner's cluster. */
  readonly live?: LiveHook;
  /** Every file the learner starts with (editable and read-only), by path relative to files/. */
  readonly starter: Readonly<Record<string, string>>;
  /** The starter with every step's solution files laid over it in order: what a finished lab looks like. */
  readonly solution: Readonly<Record<string, string>>;
}

/** One check's result, as the workbench and the CLI show it. */
export interface CheckResult {
  readonly id: string;
  /** The step the check belongs to. */
  readonly step: string;
  readonly title: Bilingual;
  /** `error`: the check could not finish (learner code threw, ran out of budget); counts as a failure. */
  readonly status: 'pass' | 'fail' | 'error';
  readonly expected?: Bilingual;
  readonly seen?: Bilingual;
  readonly message?: Bilingual;
  readonly hint: Bilingual;
  /** What a passing check measured, for the step's `yourRun` text. */
  readonly facts?: Facts;
  /** Virtual milliseconds the check spent (0 for checks that never touch the cluster). */
  readonly virtualMs: number;
  /** Ticks the learner's code spent (grader/work-meter.ts), when it ran any. */
  readonly work?: number;
}

export interface CheckReport {
  readonly labId: string;
  /** The step graded, when one was (`runChecks(…, { step })`); absent for "Check all". */
  readonly step?: string;
  /** `compile-error`: the learner's code did not compile; `setup-error`: their state could not be replayed. */
  readonly status: 'passed' | 'failed' | 'compile-error' | 'setup-error';
  readonly results: readonly CheckResult[];
  /** Set for compile-error and setup-error: what went wrong, with file and position when known. */
  readonly error?: { readonly title: Bilingual; readonly detail: string; readonly file?: string };
  /** The hint of the first failing check (what the UI shows under the results). */
  readonly firstHint?: Bilingual;
}
