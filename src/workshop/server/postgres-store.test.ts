import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, postgresForTests } from '../../../scripts/ensure-postgres.mjs';
import { openPostgresStore } from './postgres-store';
import { describeStoreContract } from './store-contract';

const cluster = await postgresForTests();
if ('skipped' in cluster) console.warn(`PostgreSQL store tests skipped: ${cluster.skipped}`);
const url = 'url' in cluster ? cluster.url : undefined;
afterAll(() => ('stop' in cluster ? cluster.stop() : undefined));

let databases = 0;
/** A fresh database per store, so tests do not see each other's rows. */
const freshDatabaseUrl = () => createDatabase(url!, `meshdojo_test_${process.pid}_${++databases}`);

describe.skipIf(!url)('PostgreSQL store', () => {
  describeStoreContract('postgres', async () => openPostgresStore(await freshDatabaseUrl()));

  it('two servers starting together migrate once, and each hears the other', async () => {
    const shared = await freshDatabaseUrl();
    const [a, b] = await Promise.all([openPostgresStore(shared), openPostgresStore(shared)]);
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      await a.createWorkshop({
        id: 'ws-two-1',
        code: 'ABCDEF',
        title: 'Two',
        labs: ['request-routing'],
        locale: 'en',
        pacing: 'open',
      });
      const heardByB = new Promise<string>((resolve) => b.subscribe(resolve));
      await a.append('ws-two-1', { type: 'unlocked', through: 0 });
      expect(await heardByB).toBe('ws-two-1');
      expect((await b.events('ws-two-1')).map((event) => event.type)).toEqual(['unlocked']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('commits concurrent appends in groups: each answered after commit, a failing one fails alone', async () => {
    const store = await openPostgresStore(await freshDatabaseUrl());
    try {
      await store.migrate();
      await store.createWorkshop({
        id: 'ws-group-1',
        code: 'PQRSTU',
        title: 'Group',
        labs: ['request-routing'],
        locale: 'en',
        pacing: 'open',
      });
      const seat = await store.addSeat('ws-group-1', { id: 'seat-group-1', name: 'A', tokenHash: 'ta' });
      const runs = Array.from({ length: 60 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        lab: 'request-routing',
        at: 0,
        results: [{ step: 'route-v1', check: 'all-v1', status: 'pass' as const }],
      }));
      const outcomes = await Promise.allSettled([
        ...runs.map((run) => store.recordRuns('ws-group-1', seat.id, [run])),
        // The same token hash again violates UNIQUE (workshop_id, token_hash): this one fails, not its group.
        store.addSeat('ws-group-1', { id: 'seat-group-2', name: 'B', tokenHash: 'ta' }),
        store.recordRuns('ws-group-1', seat.id, [runs[0]!]),
      ]);
      expect(outcomes.slice(0, 60).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
      expect(outcomes[60]?.status).toBe('rejected');
      expect(outcomes[61]).toEqual({ status: 'fulfilled', value: { accepted: [], duplicates: [runs[0]!.id] } });
      const recorded = (await store.events('ws-group-1')).filter((event) => event.type === 'check-run');
      expect(recorded).toHaveLength(60);
    } finally {
      await store.close();
    }
  });

  it('listens again when its LISTEN connection drops, and tells subscribers to re-read', async () => {
    const store = await openPostgresStore(await freshDatabaseUrl());
    try {
      await store.migrate();
      await store.createWorkshop({
        id: 'ws-drop-1',
        code: 'GHJKMN',
        title: 'Drop',
        labs: ['request-routing'],
        locale: 'ko',
        pacing: 'open',
      });
      const heard: string[] = [];
      store.subscribe((workshopId) => heard.push(workshopId));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN meshdojo%' AND datname <> 'postgres'",
      );
      await admin.end();
      // The reconnect announces the open workshop, then later appends are heard as before.
      await expect.poll(() => heard.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      await store.append('ws-drop-1', { type: 'closed' });
      await expect.poll(() => heard.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
    }
  });
});
