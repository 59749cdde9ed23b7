import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';

it('commits the writes of one turn together, rolling back only the one that failed', async () => {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const commits: number[] = [];
  const write = createGroupCommit(db);
  const insert = (n: number) => () => {
    db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
    return n;
  };
  const results = await Promise.allSettled([
    write(insert(1)),
    write(() => {
      db.prepare('INSERT INTO t (n) VALUES (?)').run(2);
      db.prepare('INSERT INTO t (n) VALUES (?)').run(1);
    }),
    write(insert(3)),
  ]);
  commits.push(...(db.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((row) => row.n));
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(commits).toEqual([1, 3]);
  expect(db.isTransaction).toBe(false);
  db.close();
});
