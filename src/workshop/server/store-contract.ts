/**
 * What every WorkshopStore must do, as one vitest suite each implementation runs against itself
 * (`describeStoreContract('sqlite', () => openSqliteStore(tempFile()))`). `open` gives a store on an empty
 * database, not yet migrated; the suite migrates it and closes it after each test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckRun } from '../protocol';
import type { WorkshopStore } from './store';

let counter = 0;
/** Run ids are UUIDs on the wire; these are valid and tell the test's runs apart. */
const runId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const run = (id = runId(), status: 'pass' | 'fail' = 'pass'): CheckRun => ({
  id,
  lab: 'request-routing',
  at: 1_700_000_000_000,
  results: [{ step: 'route-v1', check: 'all-to-v1', status }],
});

const workshopInput = (id: string, code: string, pacing: 'open' | 'unlocked' = 'unlocked') => ({
  id,
  code,
  title: '서울 워크숍',
  labs: ['request-routing', 'traffic-shifting', 'fault-injection'],
  locale: 'ko' as const,
  pacing,
});

/** Waits (a bounded number of event-loop turns, no wall clock) until `condition` holds. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

export function describeStoreContract(name: string, open: () => Promise<WorkshopStore>): void {
  describe(`WorkshopStore contract: ${name}`, () => {
    let store: WorkshopStore;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('migrates twice without harm, and keeps one instructor key', async () => {
      await store.migrate();
      const key = await store.instructorKey(() => 'first-key-0123456789');
      expect(await store.instructorKey(() => 'second-key-0123456789')).toBe(key);
      expect(key).toBe('first-key-0123456789');
    });

    it('creates workshops and finds them by id and by code, closed ones not by code', async () => {
      const paced = await store.createWorkshop(workshopInput('ws-paced-1', 'ABCDEF'));
      expect(paced).toMatchObject({ id: 'ws-paced-1', code: 'ABCDEF', title: '서울 워크숍', unlockedThrough: 0 });
      expect(paced.closedAt).toBeUndefined();
      const open = await store.createWorkshop(workshopInput('ws-open-1', 'GHJKMN', 'open'));
      expect(open.unlockedThrough).toBe(2);
      expect(await store.workshop('ws-paced-1')).toEqual(paced);
      expect(await store.workshop('missing-1')).toBeUndefined();
      expect((await store.workshopByCode('ABCDEF'))?.id).toBe('ws-paced-1');
      expect((await store.workshops()).map((w) => w.id).sort()).toEqual(['ws-open-1', 'ws-paced-1']);
      await store.append('ws-paced-1', { type: 'closed' });
      expect(await store.workshopByCode('ABCDEF')).toBeUndefined();
      expect((await store.workshop('ws-paced-1'))?.closedAt).toEqual(expect.any(Number));
    });

    it('finds seats by token hash, within their workshop only', async () => {
      await store.createWorkshop(workshopInput('ws-seats-1', 'PQRSTU'));
      await store.createWorkshop(workshopInput('ws-seats-2', 'VWXYZ2'));
      const seat = await store.addSeat('ws-seats-1', { id: 'seat-aaaa-1', name: '김민지', tokenHash: 'h1' });
      expect(seat).toMatchObject({ id: 'seat-aaaa-1', workshopId: 'ws-seats-1', name: '김민지' });
      expect(await store.seatByToken('ws-seats-1', 'h1')).toEqual(seat);
      expect(await store.seatByToken('ws-seats-1', 'h2')).toBeUndefined();
      expect(await store.seatByToken('ws-seats-2', 'h1')).toBeUndefined();
      const [joined] = await store.events('ws-seats-1');
      expect(joined).toMatchObject({ type: 'learner-joined', seat });
    });

    it('applies unlock and close to the workshop row as it appends them', async () => {
      await store.createWorkshop(workshopInput('ws-append-1', 'ABCDE2'));
      const unlocked = await store.append('ws-append-1', { type: 'unlocked', through: 2 });
      expect(unlocked).toMatchObject({ type: 'unlocked', through: 2, seq: expect.any(Number) });
      expect((await store.workshop('ws-append-1'))?.unlockedThrough).toBe(2);
      const closed = await store.append('ws-append-1', { type: 'closed' });
      expect(closed.seq).toBeGreaterThan(unlocked.seq);
      expect((await store.workshop('ws-append-1'))?.closedAt).toBe(closed.at);
    });

    it('records runs once by id, per seat', async () => {
      await store.createWorkshop(workshopInput('ws-runs-1', 'ABCDE3'));
      await store.addSeat('ws-runs-1', { id: 'seat-runs-1', name: 'A', tokenHash: 'ta' });
      await store.addSeat('ws-runs-1', { id: 'seat-runs-2', name: 'B', tokenHash: 'tb' });
      const first = run();
      const second = run();
      expect(await store.recordRuns('ws-runs-1', 'seat-runs-1', [first, second, first])).toEqual({
        accepted: [first.id, second.id],
        duplicates: [first.id],
      });
      expect(await store.recordRuns('ws-runs-1', 'seat-runs-1', [second])).toEqual({
        accepted: [],
        duplicates: [second.id],
      });
      // Another seat's run that happens to carry the same id is that seat's own.
      expect(await store.recordRuns('ws-runs-1', 'seat-runs-2', [first])).toEqual({
        accepted: [first.id],
        duplicates: [],
      });
      const runs = (await store.events('ws-runs-1')).filter((event) => event.type === 'check-run');
      expect(runs.map((event) => [event.seatId, event.run.id])).toEqual([
        ['seat-runs-1', first.id],
        ['seat-runs-1', second.id],
        ['seat-runs-2', first.id],
      ]);
      expect(runs[0]).toMatchObject({ run: first });
    });

    it('lists events in seq order, and those after a seq', async () => {
      await store.createWorkshop(workshopInput('ws-events-1', 'ABCDE4'));
      await store.createWorkshop(workshopInput('ws-events-2', 'ABCDE5'));
      await store.addSeat('ws-events-1', { id: 'seat-ev-1', name: 'A', tokenHash: 'ta' });
      await store.append('ws-events-2', { type: 'unlocked', through: 1 });
      await store.recordRuns('ws-events-1', 'seat-ev-1', [run(), run(undefined, 'fail')]);
      await store.append('ws-events-1', { type: 'unlocked', through: 1 });
      const all = await store.events('ws-events-1');
      expect(all.map((event) => event.type)).toEqual(['learner-joined', 'check-run', 'check-run', 'unlocked']);
      const seqs = all.map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(await store.events('ws-events-1', seqs[1])).toEqual(all.slice(2));
      expect(await store.events('ws-events-1', seqs[3])).toEqual([]);
      expect(await store.events('missing-1')).toEqual([]);
      expect(await store.lastSeq('ws-events-1')).toBe(seqs[3]);
      expect(await store.lastSeq('ws-events-2')).toBeLessThan(seqs[3]!);
      expect(await store.lastSeq('missing-1')).toBe(0);
    });

    it('keeps messages with their countdowns, in order', async () => {
      await store.createWorkshop(workshopInput('ws-msg-1', 'ABCDE6'));
      const event = await store.append('ws-msg-1', {
        type: 'message',
        message: { id: 'message-0001', text: '10분 뒤에 시작합니다', countdownEndsAt: 1_700_000_600_000 },
      });
      await store.append('ws-msg-1', { type: 'message', message: { id: 'message-0002', text: 'Break' } });
      expect(event).toMatchObject({ type: 'message', message: { id: 'message-0001', at: event.at } });
      const messages = await store.messages('ws-msg-1');
      expect(messages.map((message) => message.text)).toEqual(['10분 뒤에 시작합니다', 'Break']);
      expect(messages[0]).toEqual({
        id: 'message-0001',
        text: '10분 뒤에 시작합니다',
        countdownEndsAt: 1_700_000_600_000,
        at: event.at,
      });
    });

    it('tells subscribers of every change, until they unsubscribe', async () => {
      await store.createWorkshop(workshopInput('ws-sub-1', 'ABCDE7'));
      const heard: string[] = [];
      const unsubscribe = store.subscribe((workshopId) => heard.push(workshopId));
      await store.addSeat('ws-sub-1', { id: 'seat-sub-1', name: 'A', tokenHash: 'ta' });
      await eventually(() => heard.length >= 1);
      await store.recordRuns('ws-sub-1', 'seat-sub-1', [run()]);
      await eventually(() => heard.length >= 2);
      await store.append('ws-sub-1', { type: 'unlocked', through: 1 });
      await eventually(() => heard.length >= 3);
      expect(new Set(heard)).toEqual(new Set(['ws-sub-1']));
      unsubscribe();
      const before = heard.length;
      await store.append('ws-sub-1', { type: 'closed' });
      // Give a notification that should not come the time one that should would have taken.
      await store.events('ws-sub-1');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard.length).toBe(before);
    });
  });
}
