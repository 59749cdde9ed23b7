/**
 * A lab folder on disk, as `meshdojo lab` writes it and the workbench's exported zip holds it: the lab's files,
 * `.meshdojo/lab.json` naming the lab (and this format's version) and `.meshdojo/journal.json`, the journal of the
 * learner's cluster (a JSON list of journal entries, see src/mesh/cli/journal.ts). No Node here: the page uses it.
 */

export const LAB_MARKER_PATH = '.meshdojo/lab.json';
export const JOURNAL_PATH = '.meshdojo/journal.json';
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
