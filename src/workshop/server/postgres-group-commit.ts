/**
 * Appends to one workshop, committed in groups. Appends to a workshop must be serialised (postgres-store.ts says
 * why), and a commit waits for the disk (~5 ms for an fsync here): one append per transaction would cap a room at
 * ~200 results a second however many servers it has. So appends that arrive while a transaction is in flight
 * wait for the next one, which takes them all: one lock, one NOTIFY, one fsync for the group. An append that fails
 * (a duplicate seat token: rare) must fail alone, so then the group is rolled back and each of its appends is
 * tried again in a transaction of its own (a savepoint per append would cost two more round trips each, always).
 * Each append resolves only after the COMMIT that holds it.
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

/** The workshop's lock key: a 32-bit FNV-1a hash of its id (a collision only makes two workshops wait in turn). */
export function lockKey(workshopId: string): number {
  let hash = 0x811c9dc5;
  for (const char of workshopId) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193);
  return hash | 0;
}

/** Enough to amortise the fsync; small enough that a transaction stays short. */
const MAX_GROUP = 200;

export function groupCommitter(pool: pg.Pool) {
  const queues = new Map<string, Pending[]>();

  /** Runs the group in one transaction; resolves with each append's result, or rejects with the first failure. */
  async function commitTogether(workshopId: string, group: readonly Pending[]): Promise<unknown[]> {
    const client = await pool.connect();
    try {
      // Statements without parameters go in one round trip: on a busy machine each one costs milliseconds.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${lockKey(workshopId)})`);
      const results: unknown[] = [];
      for (const pending of group) results.push(await pending.work(client));
      // Delivered to every server's LISTEN at commit, when the events are readable.
      await client.query(`NOTIFY ${CHANNEL}, ${client.escapeLiteral(workshopId)}; COMMIT`);
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function commitGroup(workshopId: string, group: readonly Pending[]): Promise<void> {
    try {
      const results = await commitTogether(workshopId, group);
      group.forEach((pending, index) => pending.resolve(results[index]));
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const pending of group) await commitGroup(workshopId, [pending]);
    }
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
