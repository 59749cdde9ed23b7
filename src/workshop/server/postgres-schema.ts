/**
 * The PostgreSQL store's schema, as numbered migrations (each applied once, in a transaction, under an advisory
 * lock so two servers starting together migrate once). Same shape as the SQLite store: the event log is the
 * source of truth; workshops and seats are the rows the API looks up; runs make check runs idempotent.
 */
import type { PoolClient } from 'pg';

/** Advisory lock keys (two-int form), namespaced so they cannot collide with an application's own locks. */
export const LOCK_NAMESPACE = 20_2620;
export const MIGRATION_LOCK = 0;

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    labs JSONB NOT NULL,
    locale TEXT NOT NULL,
    pacing TEXT NOT NULL,
    unlocked_through INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
  );
  -- A join code names one open workshop; a closed one frees its code.
  CREATE UNIQUE INDEX workshops_open_code ON workshops (code) WHERE closed_at IS NULL;
  CREATE TABLE seats (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    UNIQUE (workshop_id, token_hash)
  );
  CREATE TABLE events (
    seq BIGSERIAL PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id),
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    body JSONB NOT NULL
  );
  CREATE INDEX events_by_workshop ON events (workshop_id, seq);
  CREATE TABLE runs (
    seat_id TEXT NOT NULL REFERENCES seats (id),
    run_id TEXT NOT NULL,
    PRIMARY KEY (seat_id, run_id)
  );
  `,
];

export async function migrate(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const [index, sql] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          version,
          Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]);
  }
}
