// A lab folder's own files (which lab it holds, the learner's journal, their quiz answers), for the workbench's
// zip: the same format `meshdojo lab` writes and `meshdojo check` reads (src/labs/folder-format.ts, which imports
// nothing but a type).
export {
  ANSWERS_PATH,
  JOURNAL_PATH,
  LAB_MARKER_PATH,
  answersText,
  journalText,
  labMarkerText,
  readLabMarker,
} from '../labs/folder-format';
export type { QuizAnswers } from '../labs/schema';
