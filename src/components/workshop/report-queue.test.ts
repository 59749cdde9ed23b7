import { describe, expect, it } from 'vitest';
import { checkRunSchema, MAX_BODY_BYTES, reportRunsSchema, type CheckRun } from '../../workshop/protocol';
import { enqueue, MAX_QUEUED_RUNS, nextBatch, readQueue, retryDelay, settle } from './report-queue';
import { newRunId } from './run-id';

const run = (id: string, results = 1): CheckRun => ({
  id,
  lab: 'request-routing',
  at: 1,
  results: Array.from({ length: results }, (_, i) => ({ step: 'subsets', check: `check-${i}`, status: 'pass' })),
});

describe('the report queue', () => {
  it('keeps a run once, in order, and drops what the server recorded now or before', () => {
    const queue = enqueue(enqueue(enqueue([], run('a')), run('b')), run('a'));
    expect(queue.map((r) => r.id)).toEqual(['a', 'b']);
    expect(settle(enqueue(queue, run('c')), { accepted: ['a'], duplicates: ['c'] }).map((r) => r.id)).toEqual(['b']);
  });

  it('forgets the oldest runs only beyond its cap', () => {
    let queue: CheckRun[] = [];
    for (let i = 0; i <= MAX_QUEUED_RUNS; i += 1) queue = enqueue(queue, run(`r${i}`));
    expect(queue).toHaveLength(MAX_QUEUED_RUNS);
    expect(queue[0]!.id).toBe('r1');
  });

  it('sends at most 50 runs, and never a body over the server limit', () => {
    const many = Array.from({ length: 80 }, (_, i) => run(newRunId(), i === 0 ? 100 : 1));
    expect(nextBatch(many)).toHaveLength(50);
    const big = Array.from({ length: 50 }, () => run(newRunId(), 100));
    const batch = nextBatch(big);
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThan(50);
    expect(new TextEncoder().encode(JSON.stringify({ runs: batch })).length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(reportRunsSchema.safeParse({ runs: batch }).success).toBe(true);
  });

  it('backs off from one second to a minute', () => {
    expect([1, 2, 3, 7, 30].map(retryDelay)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });

  it('reads a damaged stored queue as empty', () => {
    expect(readQueue('{oops')).toEqual([]);
    expect(readQueue('{"a":1}')).toEqual([]);
    expect(readQueue(JSON.stringify([run('a'), 3, null]))).toEqual([run('a')]);
  });
});

describe('run ids', () => {
  it('are v4 UUIDs the contract accepts, with or without randomUUID (plain-http LAN pages have none)', () => {
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const ids = Array.from({ length: 100 }, () => newRunId(insecure));
    for (const id of [...ids, newRunId()]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(checkRunSchema.safeParse({ ...run(id) }).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(100);
  });
});
