/**
 * Group commit for node:sqlite: writes asked for in the same turn of the event loop run in one transaction, so
 * 50 learners reporting at once cost one fsync (synchronous=FULL) instead of 50. Each write runs in its own
 * savepoint, so one that fails is rolled back alone and the others still commit; every promise settles only
 * after the COMMIT, so nothing is acknowledged before it is on disk.
 */
import type { DatabaseSync } from 'node:sqlite';

interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export type WriteQueue = <T>(work: () => T) => Promise<T>;

export function createGroupCommit(db: DatabaseSync): WriteQueue {
  let queue: Pending[] = [];

  function flush(): void {
    const batch = queue;
    queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const pending of batch) {
        db.exec('SAVEPOINT write');
        try {
          outcomes.push({ ok: true, value: pending.work() });
          db.exec('RELEASE write');
        } catch (error) {
          db.exec('ROLLBACK TO write');
          db.exec('RELEASE write');
          outcomes.push({ ok: false, value: error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome?.value);
    });
  }

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}
