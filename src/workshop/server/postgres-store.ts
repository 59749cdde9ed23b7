/**
 * The workshop store on PostgreSQL, for events that outgrow one machine: several stateless workshop servers share
 * one database, and each learns of every new event through LISTEN/NOTIFY (the NOTIFY is sent in the transaction
 * that appends the event, so it is delivered only once the event is committed and readable).
 *
 * Event order: a BIGSERIAL hands out seq before commit, so two concurrent transactions could commit seq 11 before
 * seq 10, and a reader that already resumed after 11 would never see 10. Appends to one workshop therefore take a
 * transaction-level advisory lock on it: within a workshop, seq order is commit order, which is all a stream
 * ("events of this workshop after seq N") needs. Appends are committed in groups (postgres-group-commit.ts).
 */
import pg from 'pg';
import type { CheckRun, CreateWorkshop, Message, Seat, Workshop, WorkshopEvent } from '../protocol';
import { groupCommitter } from './postgres-group-commit';
import { listenForEvents } from './postgres-listener';
import { migrate } from './postgres-schema';
import type { NewEvent, RecordRunsResult, WorkshopStore } from './store';

export interface PostgresStoreOptions {
  /** The store's clock for `at` and `joinedAt` (tests pass their own). */
  readonly now?: () => number;
  readonly poolSize?: number;
}

interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  labs: string[];
  locale: Workshop['locale'];
  pacing: Workshop['pacing'];
  unlocked_through: number;
  created_at: string;
  closed_at: string | null;
}

interface EventRow {
  seq: string;
  at: string;
  type: WorkshopEvent['type'];
  body: Record<string, unknown>;
}

const toWorkshop = (row: WorkshopRow): Workshop => ({
  id: row.id,
  code: row.code,
  title: row.title,
  labs: row.labs,
  locale: row.locale,
  pacing: row.pacing,
  unlockedThrough: row.unlocked_through,
  createdAt: Number(row.created_at),
  ...(row.closed_at === null ? {} : { closedAt: Number(row.closed_at) }),
});

const toEvent = (row: EventRow): WorkshopEvent =>
  ({ seq: Number(row.seq), at: Number(row.at), type: row.type, ...row.body }) as WorkshopEvent;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<WorkshopStore> {
  const now = options.now ?? Date.now;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle pooled connection that dies (database restart) must not take the server down; the pool replaces it.
  pool.on('error', () => {});
  const listeners = new Set<(workshopId: string) => void>();
  const fanOut = (workshopId: string) => {
    for (const listener of listeners) listener(workshopId);
  };
  const listener = await listenForEvents({
    url,
    onNotify: fanOut,
    // Notifications sent while we were away are lost: every open workshop may have news.
    onReconnect: () => {
      pool
        .query<{ id: string }>('SELECT id FROM workshops WHERE closed_at IS NULL')
        .then(({ rows }) => rows.forEach((row) => fanOut(row.id)))
        .catch(() => {});
    },
  });

  const appending = groupCommitter(pool);

  async function insertEvent(
    client: pg.PoolClient,
    workshopId: string,
    type: WorkshopEvent['type'],
    at: number,
    body: object,
  ): Promise<WorkshopEvent> {
    const { rows } = await client.query<EventRow>(
      'INSERT INTO events (workshop_id, type, at, body) VALUES ($1, $2, $3, $4) RETURNING seq, at, type, body',
      [workshopId, type, at, JSON.stringify(body)],
    );
    return toEvent(rows[0]!);
  }

  const store: WorkshopStore = {
    async migrate() {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    },

    async instructorKey(make) {
      await pool.query("INSERT INTO settings (key, value) VALUES ('instructor_key', $1) ON CONFLICT DO NOTHING", [
        make(),
      ]);
      const { rows } = await pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'instructor_key'");
      return rows[0]!.value;
    },

    async createWorkshop(input: CreateWorkshop & { readonly id: string; readonly code: string }) {
      const unlockedThrough = input.pacing === 'open' ? input.labs.length - 1 : 0;
      const { rows } = await pool.query<WorkshopRow>(
        `INSERT INTO workshops (id, code, title, labs, locale, pacing, unlocked_through, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          input.id,
          input.code,
          input.title,
          JSON.stringify(input.labs),
          input.locale,
          input.pacing,
          unlockedThrough,
          now(),
        ],
      );
      return toWorkshop(rows[0]!);
    },

    async workshops() {
      const { rows } = await pool.query<WorkshopRow>('SELECT * FROM workshops ORDER BY created_at, id');
      return rows.map(toWorkshop);
    },

    async workshop(id) {
      const { rows } = await pool.query<WorkshopRow>('SELECT * FROM workshops WHERE id = $1', [id]);
      return rows[0] && toWorkshop(rows[0]);
    },

    async workshopByCode(code) {
      const { rows } = await pool.query<WorkshopRow>('SELECT * FROM workshops WHERE code = $1 AND closed_at IS NULL', [
        code,
      ]);
      return rows[0] && toWorkshop(rows[0]);
    },

    addSeat(workshopId, seat) {
      return appending(workshopId, async (client) => {
        const joined: Seat = { id: seat.id, workshopId, name: seat.name, joinedAt: now() };
        await client.query(
          'INSERT INTO seats (id, workshop_id, name, token_hash, joined_at) VALUES ($1, $2, $3, $4, $5)',
          [seat.id, workshopId, seat.name, seat.tokenHash, joined.joinedAt],
        );
        await insertEvent(client, workshopId, 'learner-joined', joined.joinedAt, { seat: joined });
        return joined;
      });
    },

    async seatByToken(workshopId, tokenHash) {
      const { rows } = await pool.query<{ id: string; name: string; joined_at: string }>(
        'SELECT id, name, joined_at FROM seats WHERE workshop_id = $1 AND token_hash = $2',
        [workshopId, tokenHash],
      );
      const row = rows[0];
      return row && { id: row.id, workshopId, name: row.name, joinedAt: Number(row.joined_at) };
    },

    append(workshopId, event: NewEvent) {
      return appending(workshopId, async (client) => {
        const at = now();
        if (event.type === 'unlocked') {
          await client.query('UPDATE workshops SET unlocked_through = $2 WHERE id = $1', [workshopId, event.through]);
          return insertEvent(client, workshopId, 'unlocked', at, { through: event.through });
        }
        if (event.type === 'closed') {
          await client.query('UPDATE workshops SET closed_at = $2 WHERE id = $1', [workshopId, at]);
          return insertEvent(client, workshopId, 'closed', at, {});
        }
        const message: Message = { ...event.message, at };
        return insertEvent(client, workshopId, 'message', at, { message });
      });
    },

    recordRuns(workshopId, seatId, runs: readonly CheckRun[]): Promise<RecordRunsResult> {
      // A run id twice in one batch: the first is recorded (or found recorded), the second is a duplicate of it.
      const unique = [...new Map(runs.map((run) => [run.id, run])).values()];
      return appending(workshopId, async (client) => {
        // One statement: record the ids, and append an event for each id that was new, in the batch's order.
        const { rows } = await client.query<{ run_id: string }>(
          `WITH input AS (
             SELECT item->>'id' AS run_id, item AS run, n FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(item, n)
           ), fresh AS (
             INSERT INTO runs (seat_id, run_id) SELECT $2, run_id FROM input ON CONFLICT DO NOTHING RETURNING run_id
           ), appended AS (
             INSERT INTO events (workshop_id, type, at, body)
             SELECT $1, 'check-run', $4, jsonb_build_object('seatId', $2::text, 'run', input.run)
             FROM input JOIN fresh USING (run_id) ORDER BY n
             RETURNING seq
           )
           SELECT run_id FROM fresh`,
          [workshopId, seatId, JSON.stringify(unique), now()],
        );
        const fresh = new Set(rows.map((row) => row.run_id));
        const accepted: string[] = [];
        const duplicates: string[] = [];
        for (const run of runs) {
          if (fresh.delete(run.id)) accepted.push(run.id);
          else duplicates.push(run.id);
        }
        return { accepted, duplicates };
      });
    },

    async events(workshopId, afterSeq = 0) {
      const { rows } = await pool.query<EventRow>(
        'SELECT seq, at, type, body FROM events WHERE workshop_id = $1 AND seq > $2 ORDER BY seq',
        [workshopId, afterSeq],
      );
      return rows.map(toEvent);
    },

    async messages(workshopId) {
      const { rows } = await pool.query<{ body: { message: Message } }>(
        "SELECT body FROM events WHERE workshop_id = $1 AND type = 'message' ORDER BY seq",
        [workshopId],
      );
      return rows.map((row) => row.body.message);
    },

    async lastSeq(workshopId) {
      const { rows } = await pool.query<{ seq: string | null }>(
        'SELECT max(seq) AS seq FROM events WHERE workshop_id = $1',
        [workshopId],
      );
      return Number(rows[0]?.seq ?? 0);
    },

    subscribe(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },

    async close() {
      listeners.clear();
      await listener.close();
      await pool.end();
    },
  };
  return store;
}
