/**
 * The journal: what the learner did to their cluster, in order, with when (the cluster clock's ms) and for how
 * long. A session records one as the learner works; a new session replays it on virtual time to bring a fresh
 * cluster of the same seed to the same state (after a reload, in a grader's copy, in `meshdojo shell`).
 */

export type JournalEntry =
  /**
   * A line typed in the terminal, started at `at` and run for `ms` of cluster time (cancelled or not); `edits`:
   * what the learner saved each time the line opened the editor (`kubectl edit`; null: cancelled), so a replay
   * applies what they applied.
   */
  | { readonly at: number; readonly run: string; readonly ms: number; readonly edits?: readonly (string | null)[] }
  /** Files the editor saved, by shell path (absolute, or relative to the folder the shell started in). */
  | { readonly at: number; readonly write: Readonly<Record<string, string>> };

/** Past these a journal is refused: replaying it would take too long or hold too much. */
export const JOURNAL_LIMITS = { entries: 2_000, bytes: 2_000_000 } as const;

/** A journal that cannot be replayed: too long, or not a journal. The message says which and where. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** `value` as a journal (JSON.parse output, a stored copy), or a JournalError saying what is wrong with it. */
export function checkJournal(value: unknown): JournalEntry[] {
  if (!Array.isArray(value)) throw new JournalError('a journal is a list of entries');
  if (value.length > JOURNAL_LIMITS.entries) {
    throw new JournalError(
      `the journal has ${value.length} entries, more than the ${JOURNAL_LIMITS.entries} a session replays`,
    );
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > JOURNAL_LIMITS.bytes) {
    throw new JournalError(`the journal holds ${bytes} bytes, more than the ${JOURNAL_LIMITS.bytes} a session replays`);
  }
  return value.map((entry: unknown, index) => {
    const problem = entryProblem(entry);
    if (problem !== undefined) throw new JournalError(`journal entry ${index + 1}: ${problem}`);
    return entry as JournalEntry;
  });
}

function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const { at, run, ms, write, edits } = entry as Record<string, unknown>;
  if (!isTime(at)) return '`at` is not a time in ms';
  if (typeof run === 'string') {
    if (!isTime(ms)) return '`ms` is not a duration in ms';
    const answers =
      edits === undefined || (Array.isArray(edits) && edits.every((e) => e === null || typeof e === 'string'));
    return answers ? undefined : '`edits` is not a list of saved texts';
  }
  if (typeof write !== 'object' || write === null || Array.isArray(write)) return 'neither `run` nor `write`';
  const texts = Object.values(write as Record<string, unknown>);
  return texts.every((text) => typeof text === 'string') ? undefined : '`write` holds a file that is not text';
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
