// A lab folder's own files (which lab it holds, the learner's journal), for the workbench's zip: the same format
// `meshdojo lab` writes and `meshdojo check` reads (src/labs/folder-format.ts, which imports nothing).
export { JOURNAL_PATH, LAB_MARKER_PATH, journalText, labMarkerText, readLabMarker } from '../labs/folder-format';
