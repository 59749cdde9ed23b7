/**
 * The learner's progress as data: its shape (issue #10's contract), how a stored or imported value is read
 * back (anything malformed is dropped, never trusted), how two records merge, and what a lab's status is.
 * Pure: progress.ts keeps it in localStorage.
 */

export type CheckStatus = 'pass' | 'fail' | 'error';
export type LabStatus = 'not-started' | 'in-progress' | 'done';

export interface StepProgress {
  /** The last status each check of the step had. */
  checks: Record<string, CheckStatus>;
  /** When every check of the step first passed in one run; a later failing run changes `checks`, not this. */
  passedAt?: number;
}

export interface LabProgress {
  steps: Record<string, StepProgress>;
  /** When every step of the lab had passed. */
  completedAt?: number;
}

export interface ReviewProgress {
  /** The learner's last answer to each question: right or wrong, and when. */
  answers: Record<string, { correct: boolean; at: number }>;
  /** When every question had been answered right. */
  completedAt?: number;
}

export interface Progress {
  version: 1;
  labs: Record<string, LabProgress>;
  reviews: Record<string, ReviewProgress>;
}

export const PROGRESS_VERSION = 1;
/** Written into exported files so an import can tell a progress file from any other JSON. */
export const PROGRESS_FORMAT = 'meshdojo-progress';

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, labs: {}, reviews: {} };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids are kebab-case or lesson numbers; anything else (including `__proto__`) is not ours. */
function isId(key: string): boolean {
  return key !== '__proto__' && /^[\w.:-]{1,120}$/.test(key);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The entries of a record whose key is an id and whose value `read` accepts. */
function readRecord<T>(value: unknown, read: (entry: unknown) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    const kept = isId(key) ? read(entry) : undefined;
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function readStatus(value: unknown): CheckStatus | undefined {
  return value === 'pass' || value === 'fail' || value === 'error' ? value : undefined;
}

function readStep(value: unknown): StepProgress | undefined {
  if (!isRecord(value)) return undefined;
  const step: StepProgress = { checks: readRecord(value.checks, readStatus) };
  if (isTime(value.passedAt)) step.passedAt = value.passedAt;
  return step;
}

function readLab(value: unknown): LabProgress | undefined {
  if (!isRecord(value)) return undefined;
  const lab: LabProgress = { steps: readRecord(value.steps, readStep) };
  if (isTime(value.completedAt)) lab.completedAt = value.completedAt;
  return lab;
}

function readAnswer(value: unknown): { correct: boolean; at: number } | undefined {
  if (!isRecord(value) || typeof value.correct !== 'boolean' || !isTime(value.at)) return undefined;
  return { correct: value.correct, at: value.at };
}

function readReview(value: unknown): ReviewProgress | undefined {
  if (!isRecord(value)) return undefined;
  const review: ReviewProgress = { answers: readRecord(value.answers, readAnswer) };
  if (isTime(value.completedAt)) review.completedAt = value.completedAt;
  return review;
}

/**
 * A parsed JSON value as progress: undefined unless it has progress's shape at the top (this version, `labs`
 * and `reviews` objects); inside, any malformed entry is left out and the rest kept.
 */
export function readProgressValue(value: unknown): Progress | undefined {
  if (!isRecord(value) || value.version !== PROGRESS_VERSION) return undefined;
  if (!isRecord(value.labs) || !isRecord(value.reviews)) return undefined;
  return {
    version: PROGRESS_VERSION,
    labs: readRecord(value.labs, readLab),
    reviews: readRecord(value.reviews, readReview),
  };
}

/** Whether a parsed JSON value is progress written by a later version of the course than this one. */
export function isNewerProgress(value: unknown): boolean {
  if (!isRecord(value) || typeof value.version !== 'number' || value.version <= PROGRESS_VERSION) return false;
  return value.format === PROGRESS_FORMAT || isRecord(value.labs) || isRecord(value.reviews);
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/** Adds `time` under `key` when there is one (optional properties must be absent, not undefined). */
function withTime<T extends object>(target: T, key: 'passedAt' | 'completedAt', time: number | undefined): T {
  return time === undefined ? target : { ...target, [key]: time };
}

function mergeLab(base: LabProgress | undefined, incoming: LabProgress): LabProgress {
  const steps: Record<string, StepProgress> = { ...base?.steps };
  for (const [id, step] of Object.entries(incoming.steps)) {
    const known = steps[id];
    steps[id] = withTime(
      { checks: { ...known?.checks, ...step.checks } },
      'passedAt',
      earliest(known?.passedAt, step.passedAt),
    );
  }
  return withTime({ steps }, 'completedAt', earliest(base?.completedAt, incoming.completedAt));
}

function mergeReview(base: ReviewProgress | undefined, incoming: ReviewProgress): ReviewProgress {
  const answers = { ...base?.answers };
  for (const [id, answer] of Object.entries(incoming.answers)) {
    const known = answers[id];
    if (known === undefined || answer.at >= known.at) answers[id] = answer;
  }
  return withTime({ answers }, 'completedAt', earliest(base?.completedAt, incoming.completedAt));
}

/**
 * Two records of progress as one, losing nothing either holds: checks and answers take the later word
 * (the incoming one, or the later answer), a step, lab or review keeps the earliest time it was done.
 */
export function mergeProgress(base: Progress, incoming: Progress): Progress {
  const labs = { ...base.labs };
  for (const [id, lab] of Object.entries(incoming.labs)) labs[id] = mergeLab(own(base.labs, id), lab);
  const reviews = { ...base.reviews };
  for (const [id, review] of Object.entries(incoming.reviews)) reviews[id] = mergeReview(own(base.reviews, id), review);
  return { version: PROGRESS_VERSION, labs, reviews };
}

/** `record[key]` when the record itself holds it (never something inherited, like `constructor`). */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** How many of the lab's steps have passed. */
export function stepsPassed(progress: Progress, labId: string, stepIds: readonly string[]): number {
  const lab = own(progress.labs, labId);
  if (lab === undefined) return 0;
  return stepIds.filter((id) => own(lab.steps, id)?.passedAt !== undefined).length;
}

/** `done` when every step has passed, `in-progress` once anything of the lab was checked, else `not-started`. */
export function labStatus(progress: Progress, labId: string, stepIds: readonly string[]): LabStatus {
  if (own(progress.labs, labId) === undefined) return 'not-started';
  const done = stepIds.length > 0 && stepsPassed(progress, labId, stepIds) === stepIds.length;
  return done ? 'done' : 'in-progress';
}
