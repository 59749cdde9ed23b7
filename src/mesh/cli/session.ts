import { createCluster, loadKubeSchemas, SAMPLE_FILES, type CreateClusterOptions, type SimCluster } from '../index';
import { visit, type Navigation, type Visit } from './browser/visit';
import { recordingEditor, replayingEditor, type EditorAnswers } from './editor';
import { checkJournal, JournalError, type JournalEntry } from './journal';
import {
  createShell,
  ISTIO_DIR,
  type RunOptions,
  type Shell,
  type ShellOptions,
  type ShellResult,
} from './shell/create-shell';

/** The cluster's options (defaults: seed 1, virtual clock, bare preset), the shell's, and a journal to replay. */
export type MeshSessionOptions = Pick<CreateClusterOptions, 'preset' | 'seed' | 'clock' | 'schemas' | 'nksCreatingMs'> &
  Pick<ShellOptions, 'files' | 'cwd' | 'kubeconfig' | 'awaitLoadBalancers' | 'locale'> & {
    /** Replayed on the cluster's (still virtual) clock before the session is returned. */
    readonly journal?: readonly JournalEntry[];
  };

/** A cluster with the learner's shell over it, and the journal of what the learner did to it. */
export interface MeshSession {
  readonly cluster: SimCluster;
  readonly shell: Shell;
  /** Runs a line as the learner types it, journals it, and returns what it printed (options: Shell.run's). */
  run(line: string, options?: RunOptions): Promise<ShellResult>;
  /** Runs (and journals) a line that must succeed; returns its stdout. */
  ok(line: string): Promise<string>;
  /** The shell as the learner's prompt drives it: every line it runs and every file it writes is journaled. */
  readonly prompt: Shell;
  /** Writes files into the shell, as the editor saves them (shell paths), and journals them. */
  writeFiles(files: Readonly<Record<string, string>>): Promise<void>;
  /** Every entry so far: the ones this session replayed, then the ones it recorded. */
  readonly journal: readonly JournalEntry[];
  /** Tells `listener` every entry this session recorded (not replayed): the earlier ones at once, then each new one. */
  onJournal(listener: (entry: JournalEntry) => void): () => void;
  /**
   * Replays `journal` on the virtual clock, before anything is recorded: drives time to each entry's `at`, runs
   * a line for at most its `ms` of cluster time (then cancels it, as Ctrl-C did), writes files. Refuses (with a
   * JournalError) a journal that is too long or malformed, and a cluster already on the wall clock.
   */
  replay(journal: readonly JournalEntry[]): Promise<void>;
  /** Loads a page in the learner's browser, on the laptop (not journaled: it is traffic, not a change). */
  visit(navigation: Navigation): Promise<Visit>;
  dispose(): void;
}

/**
 * The terminal as every caller starts it (`meshdojo shell`, the labs, the tests): a cluster, and a shell over
 * it with Istio's sample files under ISTIO_DIR, where Istio's docs expect them.
 */
export async function createMeshSession(options: MeshSessionOptions = {}): Promise<MeshSession> {
  // Each takes the options it knows.
  const cluster = await createCluster(options);
  const samples = Object.fromEntries(
    Object.entries(SAMPLE_FILES).map(([path, text]) => [`${ISTIO_DIR}/${path}`, text]),
  );
  const shell = await createShell(cluster, { ...options, files: { ...samples, ...options.files } });
  const session = journaled(cluster, shell);
  if (options.journal !== undefined) {
    try {
      await session.replay(options.journal);
    } catch (error) {
      session.dispose();
      throw error;
    }
  }
  return session;
}

function journaled(cluster: SimCluster, shell: Shell): MeshSession {
  const replayed: JournalEntry[] = [];
  const recorded: JournalEntry[] = [];
  const listeners = new Set<(entry: JournalEntry) => void>();
  const clock = cluster.clock;
  const record = (entry: JournalEntry): void => {
    recorded.push(entry);
    for (const listener of listeners) listener(entry);
  };
  const run = async (line: string, options: RunOptions = {}): Promise<ShellResult> => {
    const at = Math.floor(clock.now());
    const edits: EditorAnswers = [];
    const { editor } = options;
    const result = await shell.run(line, {
      ...options,
      ...(editor !== undefined && { editor: recordingEditor(editor, edits) }),
    });
    if (line.trim() !== '')
      record({ at, run: line, ms: Math.ceil(clock.now() - at), ...(edits.length > 0 && { edits }) });
    return result;
  };
  /**
   * Runs `line` for at most `ms` of cluster time, its editor answering with `edits` (what the learner saved when
   * it first ran). Ties go to the line: the cancel waits for the instant's work.
   */
  const runFor = async (line: string, ms: number, edits: readonly (string | null)[] | undefined): Promise<void> => {
    let running = true;
    let deferred: { cancel(): void } | undefined;
    const alarm = clock.setTimer(ms, () => {
      deferred = clock.setTimer(0, () => void (running && shell.cancel()));
    });
    try {
      await shell.run(line, edits === undefined ? {} : { editor: replayingEditor(edits) });
    } finally {
      running = false;
      alarm.cancel();
      deferred?.cancel();
    }
  };
  const writeFiles = async (files: Readonly<Record<string, string>>): Promise<void> => {
    const at = Math.floor(clock.now());
    await shell.writeFiles(files);
    record({ at, write: { ...files } });
  };
  return {
    cluster,
    shell,
    run,
    ok: async (line) => {
      const result = await run(line);
      if (result.exitCode !== 0)
        throw new Error(`\`${line}\` exited ${result.exitCode}\n${result.stderr}${result.stdout}`);
      return result.stdout;
    },
    writeFiles,
    prompt: {
      get cwd() {
        return shell.cwd;
      },
      run,
      complete: (prefix) => shell.complete(prefix),
      cancel: () => shell.cancel(),
      writeFiles,
    },
    get journal() {
      return [...replayed, ...recorded];
    },
    onJournal: (listener) => {
      for (const entry of recorded) listener(entry);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    replay: async (journal) => {
      const entries = checkJournal(journal);
      if (entries.length === 0) return;
      if (recorded.length > 0) throw new JournalError('a journal is replayed before the session records one');
      if (cluster.clockKind !== 'virtual') throw new JournalError('a journal is replayed on the virtual clock only');
      // The learner's commands ran with the API server's schemas loaded; so do their replays.
      await loadKubeSchemas();
      for (const entry of entries) {
        const wait = entry.at - clock.now();
        if (wait > 0) await cluster.run(() => clock.sleep(wait));
        if ('write' in entry) await shell.writeFiles(entry.write);
        else await runFor(entry.run, entry.ms, entry.edits);
        replayed.push(entry);
      }
    },
    visit: (navigation) => cluster.runBeside(() => visit(navigation, { host: cluster.laptop, clock: cluster.clock })),
    dispose: () => cluster.dispose(),
  };
}
