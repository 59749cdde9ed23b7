/**
 * The default WorkshopStore: one SQLite file through Node's built-in node:sqlite, so a workshop needs no database
 * server. WAL lets the boards read while learners' results are written; synchronous=FULL makes every commit reach
 * the disk before its promise resolves, which is what "acknowledged" means (store.ts). Writes go through a group
 * commit (group-commit.ts): one transaction, one fsync, for all the writes of one turn of the event loop.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { CheckRun, Message, Seat, Workshop, WorkshopEvent } from '../protocol';
import { createGroupCommit } from './group-commit';
import { eventData, eventFromRow, type EventBody, type EventRow } from './event-codec';
import { migrateSqlite } from './sqlite-migrations';
import type { NewEvent, RecordRunsResult, WorkshopStore } from './store';

interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  labs: string;
  locale: string;
  pacing: string;
  unlocked_through: number;
  created_at: number;
  closed_at: number | null;
}

interface SeatRow {
  id: string;
  workshop_id: string;
  name: string;
  joined_at: number;
}

function workshopFromRow(row: WorkshopRow): Workshop {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    labs: JSON.parse(row.labs) as string[],
    locale: row.locale as Workshop['locale'],
    pacing: row.pacing as Workshop['pacing'],
    unlockedThrough: row.unlocked_through,
    createdAt: row.created_at,
    ...(row.closed_at === null ? {} : { closedAt: row.closed_at }),
  };
}

const seatFromRow = (row: SeatRow): Seat => ({
  id: row.id,
  workshopId: row.workshop_id,
  name: row.name,
  joinedAt: row.joined_at,
});

export interface SqliteStoreOptions {
  /** The server's clock (ms since the epoch), injected so tests control event times. */
  readonly now?: () => number;
}

/** Opens (creating if needed) the store at `path`; `:memory:` for tests. Call `migrate()` before use. */
export function openSqliteStore(path: string, { now = Date.now }: SqliteStoreOptions = {}): WorkshopStore {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
  const listeners = new Set<(workshopId: string) => void>();
  const notify = (workshopId: string): void => {
    for (const listener of listeners) listener(workshopId);
  };

  const write = createGroupCommit(db);

  // Prepared on first use (the tables exist only after migrate()), then reused.
  const prepared = new Map<string, StatementSync>();
  const sql = (text: string): StatementSync => {
    let statement = prepared.get(text);
    if (statement === undefined) prepared.set(text, (statement = db.prepare(text)));
    return statement;
  };

  function appendEvent(workshopId: string, body: EventBody, at: number): WorkshopEvent {
    const { seq } = sql('INSERT INTO events (workshop_id, type, at, data) VALUES (?, ?, ?, ?) RETURNING seq').get(
      workshopId,
      body.type,
      at,
      eventData(body),
    ) as { seq: number };
    return { ...body, seq, at } as WorkshopEvent;
  }

  const findWorkshop = (id: string): Workshop | undefined => {
    const row = sql('SELECT * FROM workshops WHERE id = ?').get(id) as WorkshopRow | undefined;
    return row && workshopFromRow(row);
  };

  return {
    async migrate() {
      migrateSqlite(db);
    },

    async instructorKey(make) {
      return write(() => {
        const row = sql("SELECT value FROM settings WHERE name = 'instructor-key'").get() as
          { value: string } | undefined;
        if (row) return row.value;
        const key = make();
        sql("INSERT INTO settings (name, value) VALUES ('instructor-key', ?)").run(key);
        return key;
      });
    },

    async createWorkshop(input) {
      const unlockedThrough = input.pacing === 'open' ? input.labs.length - 1 : 0;
      await write(() =>
        sql(
          `INSERT INTO workshops (id, code, title, labs, locale, pacing, unlocked_through, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.id,
          input.code,
          input.title,
          JSON.stringify(input.labs),
          input.locale,
          input.pacing,
          unlockedThrough,
          now(),
        ),
      );
      return findWorkshop(input.id) as Workshop;
    },

    async workshops() {
      const rows = sql('SELECT * FROM workshops ORDER BY created_at DESC, id').all() as unknown as WorkshopRow[];
      return rows.map(workshopFromRow);
    },

    async workshop(id) {
      return findWorkshop(id);
    },

    async workshopByCode(code) {
      const row = sql('SELECT * FROM workshops WHERE code = ? AND closed_at IS NULL').get(code) as
        WorkshopRow | undefined;
      return row && workshopFromRow(row);
    },

    async addSeat(workshopId, { id, name, tokenHash }) {
      const at = now();
      const seat: Seat = { id, workshopId, name, joinedAt: at };
      await write(() => {
        sql('INSERT INTO seats (id, workshop_id, name, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)').run(
          id,
          workshopId,
          name,
          tokenHash,
          at,
        );
        appendEvent(workshopId, { type: 'learner-joined', seat }, at);
      });
      notify(workshopId);
      return seat;
    },

    async seatByToken(workshopId, tokenHash) {
      const row = sql('SELECT * FROM seats WHERE workshop_id = ? AND token_hash = ?').get(workshopId, tokenHash) as
        SeatRow | undefined;
      return row && seatFromRow(row);
    },

    async append(workshopId, event: NewEvent) {
      const at = now();
      const appended = await write(() => {
        if (event.type === 'unlocked')
          sql('UPDATE workshops SET unlocked_through = ? WHERE id = ?').run(event.through, workshopId);
        if (event.type === 'closed')
          sql('UPDATE workshops SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(at, workshopId);
        const body: EventBody =
          event.type === 'message' ? { type: 'message', message: { ...event.message, at } as Message } : event;
        return appendEvent(workshopId, body, at);
      });
      notify(workshopId);
      return appended;
    },

    async recordRuns(workshopId, seatId, runs: readonly CheckRun[]): Promise<RecordRunsResult> {
      const at = now();
      const insertRun = sql(
        `INSERT INTO runs (seat_id, run_id, lab, at, received_at, results) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (seat_id, run_id) DO NOTHING`,
      );
      const result = await write(() => {
        const accepted: string[] = [];
        const duplicates: string[] = [];
        for (const run of runs) {
          const { changes } = insertRun.run(seatId, run.id, run.lab, run.at, at, JSON.stringify(run.results));
          if (Number(changes) === 0) {
            duplicates.push(run.id);
            continue;
          }
          accepted.push(run.id);
          appendEvent(workshopId, { type: 'check-run', seatId, run }, at);
        }
        return { accepted, duplicates };
      });
      if (result.accepted.length > 0) notify(workshopId);
      return result;
    },

    async events(workshopId, afterSeq = 0) {
      const rows = sql('SELECT seq, type, at, data FROM events WHERE workshop_id = ? AND seq > ? ORDER BY seq').all(
        workshopId,
        afterSeq,
      ) as unknown as EventRow[];
      return rows.map(eventFromRow);
    },

    async messages(workshopId) {
      const rows = sql(
        "SELECT seq, type, at, data FROM events WHERE workshop_id = ? AND type = 'message' ORDER BY seq",
      ).all(workshopId) as unknown as EventRow[];
      return rows.map((row) => (eventFromRow(row) as Extract<WorkshopEvent, { type: 'message' }>).message);
    },

    async lastSeq(workshopId) {
      const row = sql('SELECT max(seq) AS seq FROM events WHERE workshop_id = ?').get(workshopId) as {
        seq: number | null;
      };
      return row.seq ?? 0;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      listeners.clear();
      if (db.isOpen) db.close();
    },
  };
}
