import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { checkRun } from './test-kit';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { openSqliteStore } from './sqlite-store';

const file = () => join(mkdtempSync(join(tmpdir(), 'meshdojo-store-')), 'workshop.db');

it('keeps the instructor key, workshops, seats and runs across a reopen, and migrates once', async () => {
  const path = file();
  const first = openSqliteStore(path, { now: () => 1000 });
  await first.migrate();
  const key = await first.instructorKey(() => 'k'.repeat(43));
  const workshop = await first.createWorkshop({
    id: 'workshop-1',
    code: 'ABCDEF',
    title: 'T',
    labs: ['request-routing'],
    locale: 'ko',
    pacing: 'unlocked',
  });
  await first.addSeat(workshop.id, { id: 'seat-0001', name: 'Ana', tokenHash: 'h' });
  const run = checkRun('request-routing', 'all-to-v1', 'pass', 5);
  await first.recordRuns(workshop.id, 'seat-0001', [run]);
  await first.close();

  const second = openSqliteStore(path);
  await second.migrate();
  expect(await second.instructorKey(() => 'another')).toBe(key);
  expect(await second.workshopByCode('ABCDEF')).toEqual(workshop);
  expect(await second.seatByToken(workshop.id, 'h')).toMatchObject({ id: 'seat-0001', name: 'Ana' });
  expect(await second.recordRuns(workshop.id, 'seat-0001', [run])).toEqual({ accepted: [], duplicates: [run.id] });
  expect((await second.events(workshop.id)).map((event) => event.type)).toEqual(['learner-joined', 'check-run']);
  expect((await second.events(workshop.id, 1)).map((event) => event.seq)).toEqual([2]);
  await second.close();

  const db = new DatabaseSync(path);
  expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: SQLITE_MIGRATIONS.length });
  expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
  db.close();
});

it('records a batch in one transaction: a failing run leaves none of it behind', async () => {
  const store = openSqliteStore(':memory:');
  await store.migrate();
  await store.createWorkshop({ id: 'w', code: 'ABCDEF', title: 'T', labs: ['a'], locale: 'en', pacing: 'open' });
  const run = checkRun('a', 'b', 'pass', 1);
  // No such seat: the foreign key refuses the insert, and the whole batch rolls back.
  await expect(store.recordRuns('w', 'no-seat', [run])).rejects.toThrow();
  expect(await store.events('w')).toEqual([]);
  await store.close();
});

it('tells subscribers which workshop changed, and stops when they unsubscribe', async () => {
  const store = openSqliteStore(':memory:');
  await store.migrate();
  await store.createWorkshop({ id: 'w', code: 'ABCDEF', title: 'T', labs: ['a'], locale: 'en', pacing: 'unlocked' });
  const seen: string[] = [];
  const unsubscribe = store.subscribe((id) => seen.push(id));
  await store.append('w', { type: 'unlocked', through: 0 });
  unsubscribe();
  await store.append('w', { type: 'closed' });
  expect(seen).toEqual(['w']);
  expect(await store.workshopByCode('ABCDEF')).toBeUndefined();
  await store.close();
});
