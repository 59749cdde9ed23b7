/**
 * What the workshop server keeps, behind one interface with two implementations: embedded SQLite (node:sqlite,
 * the default, one machine) and PostgreSQL (several stateless servers sharing one database). The event log is the
 * source of truth: a board is the fold of its workshop's events, and `subscribe` tells every server of the store
 * that new events exist (in-process for SQLite, LISTEN/NOTIFY for PostgreSQL), so each can push them to its own
 * SSE clients.
 *
 * Durability: a promise that resolved means the change is committed; the server acknowledges nothing earlier, so
 * an acknowledged result survives kill -9 and restart.
 */
import type { CheckRun, CreateWorkshop, Message, Seat, Workshop, WorkshopEvent } from '../protocol';

/** An event as appended: the store gives it `seq` and `at`. */
export type NewEvent =
  | { readonly type: 'message'; readonly message: Omit<Message, 'at'> }
  | { readonly type: 'unlocked'; readonly through: number }
  | { readonly type: 'closed' };

export interface RecordRunsResult {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
}

export interface WorkshopStore {
  /** Creates or upgrades the schema (numbered migrations, each applied once, in a transaction). */
  migrate(): Promise<void>;
  /**
   * The instructor key: made once by `make` and kept in the store's settings, so a restarted server (or a second
   * server on the same PostgreSQL) prints and accepts the same key. The database belongs to the instructor.
   */
  instructorKey(make: () => string): Promise<string>;

  createWorkshop(input: CreateWorkshop & { readonly id: string; readonly code: string }): Promise<Workshop>;
  workshops(): Promise<readonly Workshop[]>;
  workshop(id: string): Promise<Workshop | undefined>;
  /** An open (not closed) workshop with this join code. */
  workshopByCode(code: string): Promise<Workshop | undefined>;

  /** Takes a seat (appending `learner-joined`); `tokenHash` is the SHA-256 of the learner's cookie token. */
  addSeat(
    workshopId: string,
    seat: { readonly id: string; readonly name: string; readonly tokenHash: string },
  ): Promise<Seat>;
  seatByToken(workshopId: string, tokenHash: string): Promise<Seat | undefined>;

  /** Appends an instructor's event and applies it to the workshop row (unlock, close) in one transaction. */
  append(workshopId: string, event: NewEvent): Promise<WorkshopEvent>;
  /**
   * Records a seat's check runs, each once by its id (a run id already recorded for this seat is a duplicate), and
   * appends a `check-run` event per accepted run, in one transaction.
   */
  recordRuns(workshopId: string, seatId: string, runs: readonly CheckRun[]): Promise<RecordRunsResult>;
  /** The workshop's events after `afterSeq`, in order (all of them with 0). */
  events(workshopId: string, afterSeq?: number): Promise<readonly WorkshopEvent[]>;
  messages(workshopId: string): Promise<readonly Message[]>;
  /** The seq of the workshop's last event (0 when none): where a learner's fresh stream starts. */
  lastSeq(workshopId: string): Promise<number>;

  /** Calls `listener` when a workshop has new events (from this server or, for PostgreSQL, any server). */
  subscribe(listener: (workshopId: string) => void): () => void;
  close(): Promise<void>;
}
