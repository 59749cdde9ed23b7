import { strToU8, zipSync } from 'fflate';
import {
  ANSWERS_PATH,
  JOURNAL_PATH,
  LAB_MARKER_PATH as META,
  answersText,
  journalText,
  labMarkerText,
  type QuizAnswers,
} from '../../../runtime/lab-folder';
import type { JournalEntry } from '../../../runtime/types';

/**
 * The workspace as a zip under a folder named after the lab: the files, which lab they belong to, the
 * terminal's journal and the quiz answers, so `meshdojo check` in the unpacked folder grades it as the workbench
 * would.
 */
export function exportZip(
  labId: string,
  files: Record<string, string>,
  journal: readonly JournalEntry[],
  answers: QuizAnswers = {},
): Blob {
  const own = {
    [META]: labMarkerText(labId),
    [JOURNAL_PATH]: journalText(journal),
    ...(Object.keys(answers).length > 0 && { [ANSWERS_PATH]: answersText(answers) }),
  };
  const entries = Object.fromEntries(
    Object.entries({ ...files, ...own }).map(([path, text]) => [`${labId}/${path}`, strToU8(text)]),
  );
  const bytes = zipSync(entries, { level: 6 });
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'application/zip' });
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
