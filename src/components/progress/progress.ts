/**
 * The learner's progress (issue #10's contract): check results per step and lab, answers per review,
 * kept in localStorage under one key for both languages. Every write tells the listeners of this tab at
 * once and other tabs through the `storage` event. When storage cannot be used (blocked, full, private
 * mode) progress lives in memory for as long as the page does; a stored value that does not parse is
 * read as no progress, never thrown.
 */
import {
  emptyProgress,
  isNewerProgress,
  mergeProgress,
  own,
  PROGRESS_FORMAT,
  readProgressValue,
  type CheckStatus,
  type Progress,
} from './progress-data';

export { labStatus, stepsPassed, type CheckStatus, type LabStatus, type Progress } from './progress-data';

export const PROGRESS_KEY = 'meshdojo.progress.v1';
/** Larger than any real progress file by far; anything bigger is not one, and is not parsed. */
const MAX_IMPORT_CHARS = 2_000_000;

type Listener = (progress: Progress) => void;

const listeners = new Set<Listener>();
/** Progress kept here once storage failed us, so this page keeps working. */
let inMemory: Progress | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // reading `localStorage` throws where the browser forbids it
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

export function readProgress(): Progress {
  if (inMemory !== undefined) return structuredClone(inMemory);
  let text: string | null | undefined;
  try {
    text = storage()?.getItem(PROGRESS_KEY);
  } catch {
    text = undefined;
  }
  return (text ? readProgressValue(parse(text)) : undefined) ?? emptyProgress();
}

function write(progress: Progress): void {
  const store = inMemory === undefined ? storage() : undefined;
  try {
    if (store === undefined) throw new Error('no storage');
    store.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    inMemory = structuredClone(progress);
  }
}

function update(change: (progress: Progress) => Progress | void): void {
  const current = readProgress();
  const next = change(current) ?? current;
  write(next);
  for (const listener of listeners) listener(next);
}

/**
 * After a check run: the results of one step (or of all steps). `stepIds`: every step of the lab, in order.
 * A step has passed when all its checks in a run passed; the lab is complete when all its steps have.
 */
export function recordChecks(
  labId: string,
  stepIds: readonly string[],
  results: readonly { step: string; id: string; status: CheckStatus }[],
): void {
  update((progress) => {
    const now = Date.now();
    const lab = own(progress.labs, labId) ?? { steps: {} };
    progress.labs[labId] = lab;
    const runPassed = new Map<string, boolean>();
    for (const { step: stepId, id, status } of results) {
      const step = own(lab.steps, stepId) ?? { checks: {} };
      lab.steps[stepId] = step;
      step.checks[id] = status;
      runPassed.set(stepId, (runPassed.get(stepId) ?? true) && status === 'pass');
    }
    for (const [stepId, passed] of runPassed) {
      const step = lab.steps[stepId]!;
      if (passed && step.passedAt === undefined) step.passedAt = now;
    }
    const complete = stepIds.length > 0 && stepIds.every((id) => own(lab.steps, id)?.passedAt !== undefined);
    if (complete && lab.completedAt === undefined) lab.completedAt = now;
  });
}

/** The learner's answer to one question of a review. `questionIds`: every question of the review. */
export function recordAnswer(
  reviewId: string,
  questionIds: readonly string[],
  questionId: string,
  correct: boolean,
): void {
  update((progress) => {
    const now = Date.now();
    const review = own(progress.reviews, reviewId) ?? { answers: {} };
    progress.reviews[reviewId] = review;
    review.answers[questionId] = { correct, at: now };
    const complete = questionIds.length > 0 && questionIds.every((id) => own(review.answers, id)?.correct === true);
    if (complete && review.completedAt === undefined) review.completedAt = now;
  });
}

function onStorage(event: StorageEvent): void {
  // `key` is null when another tab cleared the whole storage.
  if (event.key !== PROGRESS_KEY && event.key !== null) return;
  const progress = readProgress();
  for (const listener of listeners) listener(progress);
}

/** Calls `listener` with the new progress after every change, in this tab and in others. Returns the unsubscribe. */
export function onProgress(listener: Listener): () => void {
  if (listeners.size === 0) globalThis.addEventListener?.('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) globalThis.removeEventListener?.('storage', onStorage);
  };
}

/** The progress as the JSON text of a file the learner can keep and import elsewhere. */
export function exportProgress(): string {
  return `${JSON.stringify({ format: PROGRESS_FORMAT, ...readProgress() }, null, 2)}\n`;
}

export type ImportResult = { ok: true } | { ok: false; reason: 'not-json' | 'not-progress' | 'newer-version' };

/** Merges an exported file into the progress kept here (nothing is lost); a file that is not one changes nothing. */
export function importProgress(text: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, reason: 'not-progress' };
  const value = parse(text);
  if (value === undefined) return { ok: false, reason: 'not-json' };
  if (isNewerProgress(value)) return { ok: false, reason: 'newer-version' };
  const incoming = readProgressValue(value);
  if (incoming === undefined) return { ok: false, reason: 'not-progress' };
  update((progress) => mergeProgress(progress, incoming));
  return { ok: true };
}
