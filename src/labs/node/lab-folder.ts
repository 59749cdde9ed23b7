/**
 * Node only: a lab folder on disk (folder-format.ts): which lab it holds, the learner's files in it, the journal
 * of the cluster `meshdojo shell` keeps there, and the answers to its quiz steps `meshdojo check` keeps. A folder
 * unpacked from the workbench's zip is one too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ANSWERS_PATH,
  answersText,
  JOURNAL_PATH,
  journalText,
  LAB_MARKER_PATH,
  readAnswers,
  readLabMarker,
} from '../folder-format';
import { checkJournal, type JournalEntry } from '../mesh';
import type { Lab, QuizAnswers } from '../schema';

/** Why a folder cannot be used as a lab folder; cli-text.ts says it in the learner's language. */
export type FolderProblem =
  | { readonly kind: 'no-marker'; readonly dir: string }
  | { readonly kind: 'bad-marker'; readonly path: string }
  | { readonly kind: 'newer-format'; readonly path: string }
  | { readonly kind: 'unknown-lab'; readonly id: string; readonly ids: readonly string[] }
  | { readonly kind: 'bad-journal'; readonly path: string; readonly message: string }
  | { readonly kind: 'bad-answers'; readonly path: string };

export interface LabFolder {
  readonly dir: string;
  readonly lab: Lab;
  /** The lab's editable files found in the folder, by path. */
  readonly files: Readonly<Record<string, string>>;
  /** Editable files the folder lacks (full paths). */
  readonly missing: readonly string[];
  /** The journal of the folder's cluster (empty before the first `meshdojo shell`). */
  readonly journal: readonly JournalEntry[];
  /** The answers to the lab's quiz steps given so far. */
  readonly answers: QuizAnswers;
}

export function readLabFolder(
  dir: string,
  labs: readonly Lab[],
): { readonly ok: true; readonly folder: LabFolder } | { readonly ok: false; readonly problem: FolderProblem } {
  const markerPath = join(dir, LAB_MARKER_PATH);
  if (!existsSync(markerPath)) return { ok: false, problem: { kind: 'no-marker', dir } };
  const marker = readLabMarker(readFileSync(markerPath, 'utf8'));
  if (!marker.ok) {
    return { ok: false, problem: { kind: marker.why === 'newer' ? 'newer-format' : 'bad-marker', path: markerPath } };
  }
  const lab = labs.find((l) => l.meta.id === marker.lab);
  if (lab === undefined) {
    return { ok: false, problem: { kind: 'unknown-lab', id: marker.lab, ids: labs.map((l) => l.meta.id) } };
  }
  const { files, missing } = readEditableFiles(dir, lab);
  const journalPath = join(dir, JOURNAL_PATH);
  let journal: JournalEntry[] = [];
  if (existsSync(journalPath)) {
    try {
      journal = checkJournal(JSON.parse(readFileSync(journalPath, 'utf8')));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problem: { kind: 'bad-journal', path: journalPath, message } };
    }
  }
  const answersPath = join(dir, ANSWERS_PATH);
  let answers: QuizAnswers = {};
  if (existsSync(answersPath)) {
    const read = readAnswers(readFileSync(answersPath, 'utf8'));
    if (read === undefined) return { ok: false, problem: { kind: 'bad-answers', path: answersPath } };
    answers = read;
  }
  return { ok: true, folder: { dir, lab, files, missing, journal, answers } };
}

/** The lab's editable files in `dir`, and the ones it lacks (full paths). */
export function readEditableFiles(dir: string, lab: Lab): { files: Record<string, string>; missing: string[] } {
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const path of lab.meta.editable) {
    const target = join(dir, path);
    if (existsSync(target)) files[path] = readFileSync(target, 'utf8');
    else missing.push(target);
  }
  return { files, missing };
}

export function writeJournal(dir: string, journal: readonly JournalEntry[]): void {
  const path = join(dir, JOURNAL_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, journalText(journal));
}

export function writeAnswers(dir: string, answers: QuizAnswers): void {
  const path = join(dir, ANSWERS_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, answersText(answers));
}
