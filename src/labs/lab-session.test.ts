import { describe, expect, it } from 'vitest';
import { createLabSession, LAB_DIR } from './lab-session';
import { BootClock, type JournalEntry } from './mesh';

const LAB = { preset: 'bare' as const, setup: ['mkdir -p notes', 'echo ready > notes/setup.txt'] };
const FILES = { 'app.yaml': '# mine\n' };
const SAMPLE = 'samples/httpbin/httpbin.yaml';

describe('a lab session', { timeout: 60_000 }, () => {
  it('starts in the lab folder, with Istio’s samples beside the learner’s files, after the setup ran there', async () => {
    const session = await createLabSession(LAB, { seed: 3, clock: 'virtual', files: FILES });
    try {
      // The setup is the lab's, not the learner's: a new journal holds only the files it started with.
      expect(session.journal).toEqual([{ at: session.journal[0]?.at, write: FILES }]);
      expect(session.shell.cwd).toBe(LAB_DIR);
      expect((await session.shell.run('ls')).stdout.split('\n')).toEqual(['app.yaml', 'notes', 'samples', '']);
      expect((await session.shell.run('cat notes/setup.txt')).stdout).toBe('ready\n');
      expect((await session.shell.run(`head -1 ${SAMPLE}`)).exitCode).toBe(0);
    } finally {
      session.dispose();
    }
  });

  it('replays a journal on its BootClock before going live, and journals only files changed since', async () => {
    const journal: JournalEntry[] = [
      { at: 0, write: { 'app.yaml': '# first\n' } },
      { at: 1_000, run: 'cp app.yaml kept.yaml', ms: 0 },
      { at: 2_000, write: { 'app.yaml': '# mine\n' } },
      { at: 90_000, run: 'sleep 5', ms: 5_000 },
    ];
    const clock = new BootClock();
    const session = await createLabSession(LAB, { seed: 3, clock, files: FILES, journal });
    try {
      expect(clock.now()).toBe(95_000);
      clock.goLive();
      expect(session.cluster.clockKind).toBe('real');
      expect((await session.shell.run('cat kept.yaml app.yaml')).stdout).toBe('# first\n# mine\n');
      // app.yaml is what the journal last wrote: nothing new to journal.
      expect(session.journal).toEqual(journal);
      const edited = await createLabSession(LAB, {
        seed: 3,
        clock: 'virtual',
        files: { 'app.yaml': '# new\n' },
        journal,
      });
      expect(edited.journal.slice(journal.length)).toEqual([{ at: 95_000, write: { 'app.yaml': '# new\n' } }]);
      edited.dispose();
    } finally {
      session.dispose();
    }
  });
});
