import { describe, expect, it } from 'vitest';
import { JOURNAL_LIMITS, JournalError, type JournalEntry } from './journal';
import { createMeshSession, type MeshSession } from './session';

const SEED = 11;
const WORK = [
  'kubectl label namespace default istio-injection=enabled',
  'kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml',
  'kubectl scale deploy/httpbin --replicas=2',
  'export TARGET=http://httpbin:8000/status/418',
  'sleep 7',
];

/** What a learner would look at to tell two clusters apart: objects, pod names, ages, the shell's state. */
async function state(session: MeshSession): Promise<string[]> {
  const lines = [
    'kubectl get pods -A -o wide',
    'kubectl get deploy,svc,ns --show-labels',
    'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code}" $TARGET',
    'cat notes.txt',
    'pwd',
  ];
  const out: string[] = [];
  for (const line of lines) out.push((await session.shell.run(line)).stdout);
  return [...out, String(session.cluster.clock.now())];
}

describe('the journal', { timeout: 60_000 }, () => {
  it('records each line with when it started and for how long, and each write of files', async () => {
    const session = await createMeshSession({ preset: 'istio', seed: SEED });
    try {
      const told: JournalEntry[] = [];
      session.onJournal((entry) => told.push(entry));
      const start = session.cluster.clock.now();
      await session.run('sleep 5');
      await session.writeFiles({ 'notes.txt': 'hello\n' });
      await session.run('   ');
      expect(session.journal).toEqual([
        { at: start, run: 'sleep 5', ms: 5_000 },
        { at: start + 5_000, write: { 'notes.txt': 'hello\n' } },
      ]);
      expect(told).toEqual(session.journal);
      // A listener that comes late hears what was recorded before it.
      const late: JournalEntry[] = [];
      session.onJournal((entry) => late.push(entry));
      expect(late).toEqual(session.journal);
    } finally {
      session.dispose();
    }
  });

  it('replays to the same objects, pod names, ages and shell state as the live run on the same seed', async () => {
    const live = await createMeshSession({ preset: 'istio', seed: SEED });
    let journal: readonly JournalEntry[];
    let liveState: string[];
    try {
      for (const line of WORK.slice(0, 3)) await live.run(line);
      await live.writeFiles({ 'notes.txt': 'first\n' });
      // The learner reads for a minute: the cluster's time goes on (pods age, timers fire).
      await live.cluster.run(() => live.cluster.clock.sleep(60_000));
      for (const line of WORK.slice(3)) await live.run(line);
      await live.writeFiles({ 'notes.txt': 'second\n' });
      journal = live.journal;
      liveState = await state(live);
    } finally {
      live.dispose();
    }
    const replay = await createMeshSession({ preset: 'istio', seed: SEED, journal });
    try {
      const replayed = await state(replay);
      expect(replayed).toEqual(liveState);
      expect(replayed[0]).toMatch(/httpbin-\w+-\w+ +2\/2 +Running/);
      expect(replay.journal).toEqual(journal);
      // Replayed entries are history, not news: a listener hears only what this session records.
      const told: JournalEntry[] = [];
      replay.onJournal((entry) => told.push(entry));
      await replay.run('true');
      expect(told).toHaveLength(1);
    } finally {
      replay.dispose();
    }
  });

  it('replays a line the learner cancelled for as long as it ran, then cancels it', async () => {
    const live = await createMeshSession({ preset: 'istio', seed: SEED });
    let journal: readonly JournalEntry[];
    let stats: string;
    try {
      for (const line of WORK.slice(0, 2)) await live.run(line);
      await live.run('kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml');
      // Ctrl-C 2.5 s into a minute of load.
      live.cluster.clock.setTimer(2_500, () => live.shell.cancel());
      await live.run(
        'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -qps 10 -t 60s http://httpbin:8000/get',
      );
      journal = live.journal;
      stats = (await live.shell.run(STATS)).stdout;
    } finally {
      live.dispose();
    }
    expect(journal.at(-1)).toMatchObject({ ms: 2_500 });
    expect(Number(/: (\d+)/.exec(stats)?.[1])).toBeGreaterThan(10);
    const replay = await createMeshSession({ preset: 'istio', seed: SEED, journal });
    try {
      expect((await replay.shell.run(STATS)).stdout).toBe(stats);
    } finally {
      replay.dispose();
    }
  });

  it('refuses a journal too long, a malformed one, and one on a cluster already on the wall clock', async () => {
    const tooMany = Array.from({ length: JOURNAL_LIMITS.entries + 1 }, (_, i) => ({ at: i, run: 'true', ms: 0 }));
    await expect(createMeshSession({ journal: tooMany })).rejects.toThrow(/2001 entries, more than the 2000/);
    const tooBig = [{ at: 0, write: { 'big.txt': 'x'.repeat(JOURNAL_LIMITS.bytes) } }];
    await expect(createMeshSession({ journal: tooBig })).rejects.toThrow(JournalError);
    const malformed = [
      { at: 0, run: 'true', ms: 0 },
      { at: -1, run: 'true' },
    ] as unknown as JournalEntry[];
    await expect(createMeshSession({ journal: malformed })).rejects.toThrow(/journal entry 2: `at` is not a time/);
    await expect(createMeshSession({ clock: 'real', journal: [{ at: 0, run: 'true', ms: 0 }] })).rejects.toThrow(
      /virtual clock only/,
    );
  });
});

const STATS =
  'kubectl exec deploy/fortio-deploy -c istio-proxy -- pilot-agent request GET stats | grep httpbin.default.svc.cluster.local.upstream_rq_completed';
