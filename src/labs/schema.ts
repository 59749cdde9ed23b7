/**
 * The lab authoring format. A lab is one folder in src/labs: `lab.ts` (metadata, validated by `labMetaSchema`),
 * `checks.ts` (graders, validated by `checkSchema`), `files/` (what the learner starts from) and `solution/`
 * (the files a learner could end with; only the ones that differ from the starter). Input schemas describe
 * what an author writes; `Lab` is the runtime entity the registry assembles from a folder.
 */
import { z } from 'zod';
import type { Shell, SimCluster } from './mesh';

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

/** A path inside the lab folder's `files/`: relative, forward slashes, no `..`. */
const labPath = z
  .string()
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.\-/]+$/, 'a relative path inside files/ (no leading /, no ..)')
  .describe('A path relative to the lab folder’s files/ directory, e.g. "circuit-breaker.ts".');

export const labMetaSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'kebab-case')
      .describe('Stable id, equal to the folder name; used in URLs, the CLI and lesson frontmatter `lab:`.'),
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
    preset: z
      .enum(['bare', 'istio', 'bookinfo'])
      .describe('What the simulated cluster has installed before anything else runs (createCluster preset).'),
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
  })
  .strict()
  .superRefine((meta, ctx) => {
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

/** What one check concludes. `expected`/`seen` let the UI show a precise diff; `message` is for extra detail. */
export const checkOutcomeSchema = z
  .object({
    pass: z.boolean().describe('Whether the behaviour matches.'),
    expected: bilingualSchema.optional().describe('What the check wanted to observe.'),
    seen: bilingualSchema.optional().describe('What it observed instead (or also, when passing).'),
    message: bilingualSchema.optional().describe('Anything else worth saying (a note, not the hint).'),
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
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .describe('Stable id within the lab (kebab-case), used in reports and tests.'),
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
  .min(1)
  .superRefine((checks, ctx) => {
    const seen = new Set<string>();
    for (const [i, check] of checks.entries()) {
      if (seen.has(check.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate check id ${check.id}` });
      seen.add(check.id);
    }
  })
  .describe('What checks.ts exports by default, in the order they run.');

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

/** The runtime entity: metadata, checks and file contents, as the registry assembles a folder. */
export interface Lab {
  readonly meta: LabMeta;
  readonly checks: readonly Check[];
  /** checks.ts's `live` export, for code labs whose code can run in the learner's cluster. */
  readonly live?: LiveHook;
  /** Every file the learner starts with (editable and read-only), by path relative to files/. */
  readonly starter: Readonly<Record<string, string>>;
  /** The starter with solution/ laid over it: what a finished lab looks like. */
  readonly solution: Readonly<Record<string, string>>;
}

/** One check's result, as the workbench and the CLI show it. */
export interface CheckResult {
  readonly id: string;
  readonly title: Bilingual;
  /** `error`: the check could not finish (learner code threw, ran out of budget); counts as a failure. */
  readonly status: 'pass' | 'fail' | 'error';
  readonly expected?: Bilingual;
  readonly seen?: Bilingual;
  readonly message?: Bilingual;
  readonly hint: Bilingual;
  /** Virtual milliseconds the check spent (0 for checks that never touch the cluster). */
  readonly virtualMs: number;
}

export interface CheckReport {
  readonly labId: string;
  /** `compile-error`: the learner's code did not compile; `setup-error`: their state could not be replayed. */
  readonly status: 'passed' | 'failed' | 'compile-error' | 'setup-error';
  readonly results: readonly CheckResult[];
  /** Set for compile-error and setup-error: what went wrong, with file and position when known. */
  readonly error?: { readonly title: Bilingual; readonly detail: string; readonly file?: string };
  /** The hint of the first failing check (what the UI shows under the results). */
  readonly firstHint?: Bilingual;
}
