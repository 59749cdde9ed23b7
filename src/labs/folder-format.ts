/**
 * A lab folder on disk, as `meshdojo lab` writes it and the workbench's exported zip holds it: the lab's files,
 * `.meshdojo/lab.json` naming the lab (and this format's version), `.meshdojo/journal.json`, the journal of the
 * learner's cluster (a JSON list of journal entries, see src/mesh/cli/journal.ts), and `.meshdojo/answers.json`,
 * the learner's answers to the quiz steps (`meshdojo check` keeps them). No Node here: the page uses it.
 */
import type { QuizAnswers } from './schema';

export const LAB_MARKER_PATH = '.meshdojo/lab.json';
export const JOURNAL_PATH = '.meshdojo/journal.json';
export const ANSWERS_PATH = '.meshdojo/answers.json';
export const LAB_FOLDER_VERSION = 1;

/** What `.meshdojo/lab.json` holds. */
export interface LabMarker {
  readonly lab: string;
  readonly version: number;
}

export function labMarkerText(labId: string): string {
  const marker: LabMarker = { lab: labId, version: LAB_FOLDER_VERSION };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

/** The lab id in a marker's text, or why it is not one we can read. */
export function readLabMarker(
  text: string,
): { readonly ok: true; readonly lab: string } | { readonly ok: false; readonly why: 'unreadable' | 'newer' } {
  let marker: Partial<LabMarker> | undefined;
  try {
    marker = JSON.parse(text) as Partial<LabMarker>;
  } catch {
    return { ok: false, why: 'unreadable' };
  }
  if (typeof marker?.lab !== 'string' || typeof marker.version !== 'number') return { ok: false, why: 'unreadable' };
  if (marker.version > LAB_FOLDER_VERSION) return { ok: false, why: 'newer' };
  return { ok: true, lab: marker.lab };
}

export function journalText(journal: readonly unknown[]): string {
  return `${JSON.stringify(journal)}\n`;
}

/** `{ "<step id>": { "<question id>": { "choices": [0] } | { "text": "23" } } }`: choices by index from 0. */
export function answersText(answers: QuizAnswers): string {
  return `${JSON.stringify(answers, null, 2)}\n`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isAnswer = (value: unknown): boolean =>
  isRecord(value) &&
  ((Object.keys(value).join() === 'choices' &&
    Array.isArray(value['choices']) &&
    value['choices'].every((index) => Number.isInteger(index) && (index as number) >= 0)) ||
    (Object.keys(value).join() === 'text' && typeof value['text'] === 'string'));

/** The answers in an answers file's text, or undefined when it is not one. */
export function readAnswers(text: string): QuizAnswers | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const steps = Object.values(value);
  return steps.every((step) => isRecord(step) && Object.values(step).every(isAnswer))
    ? (value as QuizAnswers)
    : undefined;
}
