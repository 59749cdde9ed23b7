/**
 * Node only: `meshdojo shell` inside a lab folder. The lab's session (preset, setup, the folder's files) boots on
 * virtual time and replays the journal kept in the folder, so the cluster is as the learner left it; then, for a
 * person at the prompt, time is the wall clock's. Every line and every file the learner changes from then on goes
 * into that journal, on disk at once.
 */
import { workspaceFiles } from '../grader/run-checks';
import { createLabSession, TERMINAL_SEED } from '../lab-session';
import { BootClock, type MeshSession, type Shell } from '../mesh';
import type { Lab } from '../schema';
import { readEditableFiles, writeJournal, type LabFolder } from './lab-folder';

export interface LabShell {
  readonly lab: Lab;
  readonly session: MeshSession;
  /** The session's shell, with every line journaled (what the prompt and a script run). */
  readonly shell: Shell;
  /** Writes into the shell the editable files changed on disk since the last call (run before each command). */
  syncFiles(): Promise<void>;
}

/** `locale`: the language of the terminal's own messages (a limit that stopped a line). */
export async function openLabShell(
  folder: LabFolder,
  clock: 'real' | 'virtual',
  locale: 'ko' | 'en' = 'en',
): Promise<LabShell> {
  const { dir, lab } = folder;
  const files = workspaceFiles(lab, folder.files);
  const boot = new BootClock();
  const session = await createLabSession(lab.meta, {
    seed: TERMINAL_SEED,
    clock: boot,
    files,
    journal: folder.journal,
    locale,
  });
  if (clock === 'real') boot.goLive();
  session.onJournal(() => writeJournal(dir, session.journal));
  let seen: Record<string, string> = { ...files };
  return {
    lab,
    session,
    shell: session.prompt,
    syncFiles: async () => {
      const { files: now } = readEditableFiles(dir, lab);
      const changed = Object.fromEntries(Object.entries(now).filter(([path, text]) => seen[path] !== text));
      if (Object.keys(changed).length === 0) return;
      await session.writeFiles(changed);
      seen = { ...seen, ...changed };
    },
  };
}
