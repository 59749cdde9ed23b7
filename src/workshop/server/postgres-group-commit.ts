/**
 * Appends to one workshop, committed in groups. Appends to a workshop must be serialised (postgres-store.ts says
 * why), and a commit waits for the disk (~5 ms for an fsync here): one append per transaction would cap a room at
 * ~200 results a second however many servers it has. So appends that arrive while a transaction is in flight
 * wait for the next one, which takes them all: one lock, one NOTIFY, one fsync for the group. Each append runs in
 * its own savepoint, so one that fails (a duplicate seat token) fails alone; each resolves only after COMMIT.
 */
import type pg from 'pg';
import { CHANNEL } from './postgres-listener';
import { LOCK_NAMESPACE } from './postgres-schema';

type Work = (client: pg.PoolClient) => Promise<unknown>;
interface Pending {
  readonly work: Work;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Enough to amortise the fsync; small enough that a transaction stays short. */
const MAX_GROUP = 200;

export function groupCommitter(pool: pg.Pool) {
  const queues = new Map<string, Pending[]>();

  async function commitGroup(workshopId: string, group: readonly Pending[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, workshopId]);
      for (const pending of group) {
        await client.query('SAVEPOINT append');
        try {
          outcomes.push({ ok: true, value: await pending.work(client) });
          await client.query('RELEASE SAVEPOINT append');
        } catch (error) {
          outcomes.push({ ok: false, value: error });
          await client.query('ROLLBACK TO SAVEPOINT append');
        }
      }
      // Delivered to every server's LISTEN at commit, when the events are readable.
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, workshopId]);
      await client.query('COMMIT');
    } catch (error) {
      await client?.query('ROLLBACK').catch(() => {});
      for (const pending of group) pending.reject(error);
      return;
    } finally {
      client?.release();
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.value);
    });
  }

  async function drain(workshopId: string, queue: Pending[]): Promise<void> {
    while (queue.length > 0) await commitGroup(workshopId, queue.splice(0, MAX_GROUP));
    queues.delete(workshopId);
  }

  /** Runs `work` in the workshop's next transaction; resolves with its result once that committed. */
  return function append<T>(workshopId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { work, resolve: resolve as (value: unknown) => void, reject };
      const queue = queues.get(workshopId);
      if (queue) {
        queue.push(pending);
        return;
      }
      const fresh = [pending];
      queues.set(workshopId, fresh);
      void drain(workshopId, fresh);
    });
  };
}
