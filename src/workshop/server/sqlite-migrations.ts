/**
 * The SQLite store's schema, as numbered migrations: each runs once, in its own transaction, and is recorded in
 * `schema_migrations`, so a workshop.db from an older meshdojo upgrades in place. Append new ones; never edit one
 * that has shipped.
 */
import type { DatabaseSync } from 'node:sqlite';

export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE workshops (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL,
     title TEXT NOT NULL,
     labs TEXT NOT NULL,
     locale TEXT NOT NULL,
     pacing TEXT NOT NULL,
     unlocked_through INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     closed_at INTEGER
   );
   -- A code names one open workshop; a closed one gives its code back.
   CREATE UNIQUE INDEX workshops_open_code ON workshops (code) WHERE closed_at IS NULL;
   CREATE TABLE seats (
     id TEXT PRIMARY KEY,
     workshop_id TEXT NOT NULL REFERENCES workshops (id),
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     joined_at INTEGER NOT NULL
   );
   CREATE TABLE runs (
     seat_id TEXT NOT NULL REFERENCES seats (id),
     run_id TEXT NOT NULL,
     lab TEXT NOT NULL,
     at INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     results TEXT NOT NULL,
     UNIQUE (seat_id, run_id)
   );
   -- AUTOINCREMENT: a seq is never handed out twice, so a page resuming from Last-Event-ID misses nothing.
   CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     workshop_id TEXT NOT NULL REFERENCES workshops (id),
     type TEXT NOT NULL,
     at INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX events_by_workshop ON events (workshop_id, seq);`,
];

/** Applies the migrations `db` has not seen yet, each in a transaction with its record. */
export function migrateSqlite(db: DatabaseSync, migrations: readonly string[] = SQLITE_MIGRATIONS): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  for (let version = (applied.version ?? 0) + 1; version <= migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1] ?? '');
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
