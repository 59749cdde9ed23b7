import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  ANSWERS_PATH,
  JOURNAL_PATH,
  LAB_MARKER_PATH as META,
  answersText,
  journalText,
  labMarkerText,
  readLabMarker,
  type QuizAnswers,
} from '../../../runtime/lab-folder';
import type { JournalEntry } from '../../../runtime/types';

/** A zip made for another lab: nothing of it is taken. */
export class OtherLabZip extends Error {
  constructor(readonly lab: string) {
    super(`the zip holds lab ${lab}`);
    this.name = 'OtherLabZip';
  }
}

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

/**
 * Files from a zip made by exportZip (or by hand): the lab folder prefix is optional; only known paths count.
 * A zip that says it holds another lab is refused whole (OtherLabZip).
 */
export function importZip(bytes: Uint8Array, labId: string, known: readonly string[]): Record<string, string> {
  const entries = Object.entries(unzipSync(bytes));
  // Our zips keep everything under one folder holding .meshdojo/lab.json; a hand-made one may use the lab's id.
  const metaName = entries.map(([name]) => name).find((name) => name === META || name.endsWith(`/${META}`));
  const prefix = metaName !== undefined ? metaName.slice(0, -META.length) : `${labId}/`;
  if (metaName !== undefined) {
    const marker = readLabMarker(strFromU8(entries.find(([name]) => name === metaName)![1]));
    if (marker.ok && marker.lab !== labId) throw new OtherLabZip(marker.lab);
  }
  const files: Record<string, string> = {};
  for (const [name, data] of entries) {
    const path = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    if (known.includes(path)) files[path] = strFromU8(data);
  }
  return files;
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
