/**
 * A lab's session: the cluster and the shell a lab starts from, the same for the learner's terminal (the
 * sandbox Worker, the Node shell a WebContainer runs, `meshdojo shell` in a lab folder) and for the grader. This
 * module imports the mesh and nothing else of src/labs (no registry, no zod, no sucrase), so the terminal's
 * Worker can boot a lab without loading the grader.
 */
import {
  createMeshSession,
  SAMPLE_FILES,
  type Clock,
  type JournalEntry,
  type MeshSession,
  type Preset,
  type Shell,
} from './mesh';

/** The lab folder: the learner's files and Istio's `samples/` are there, and so is the shell. */
export const LAB_DIR = '/home/user/lab';

/**
 * The seed of the learner's own cluster (the lab page's terminal, `meshdojo shell`). A grader's copy of that
 * cluster replays its journal on the same seed, so the pod names the learner typed name the same pods.
 */
export const TERMINAL_SEED = 7;

/** What a lab's session is built from (a lab's metadata has it). */
export interface LabSetup {
  /** What the cluster has installed when it starts. */
  readonly preset: Preset;
  /** Shell commands run in the lab folder after the preset (`samples/…` paths work there as in Istio's docs). */
  readonly setup: readonly string[];
  /** Whether `~/.kube/config` points at the cluster from the start (default true; the NKS lessons make it). */
  readonly kubeconfig?: boolean;
  /** Whether commands wait for load balancers' addresses (default true; lesson 2.4 shows `<pending>`). */
  readonly awaitLoadBalancers?: boolean;
}

export interface LabSessionOptions {
  readonly seed: number;
  /** The grader's `virtual`; the terminal's BootClock (virtual while it boots, then the wall clock). */
  readonly clock: 'virtual' | Clock;
  /** `later`: the terminal's prompt shows before the API server's schemas are loaded. */
  readonly schemas?: 'now' | 'later';
  /** The learner's files, by path relative to the lab folder. */
  readonly files: Readonly<Record<string, string>>;
  /** What the learner did to this lab's cluster before (a reload, a grader's copy): replayed after the setup. */
  readonly journal?: readonly JournalEntry[];
  /** The language of the terminal's own messages (a limit that stopped a line); English by default. */
  readonly locale?: 'ko' | 'en';
}

/**
 * Boots the preset, puts Istio's samples and the learner's files in the lab folder, runs the lab's setup there,
 * replays the journal (on the clock's virtual time: call before a BootClock goes live), and leaves the shell in
 * the lab folder. The session's journal then holds the replayed entries and a write of every file that differs
 * from what they last wrote (all of them for a new journal), so the journal alone rebuilds this lab's state.
 */
export async function createLabSession(lab: LabSetup, options: LabSessionOptions): Promise<MeshSession> {
  return resumeLabSession(await startLabSession(lab, options), options);
}

/**
 * The first half of createLabSession: the preset, the samples and the files in the lab folder, and the lab's
 * setup. The sandbox's terminal Worker starts it while the page is still reading the learner's saved workspace.
 */
export async function startLabSession(
  lab: LabSetup,
  options: Omit<LabSessionOptions, 'journal'>,
): Promise<MeshSession> {
  const samples = Object.fromEntries(Object.entries(SAMPLE_FILES).map(([path, text]) => [`${LAB_DIR}/${path}`, text]));
  const { seed, clock, schemas, locale } = options;
  const session = await createMeshSession({
    seed,
    clock,
    ...(schemas !== undefined && { schemas }),
    ...(locale !== undefined && { locale }),
    preset: lab.preset,
    ...(lab.kubeconfig !== undefined && { kubeconfig: lab.kubeconfig }),
    ...(lab.awaitLoadBalancers !== undefined && { awaitLoadBalancers: lab.awaitLoadBalancers }),
    cwd: LAB_DIR,
    files: { ...samples, ...options.files },
  });
  try {
    // A lab whose own setup fails is broken, whatever the learner did. The setup is not the learner's: it
    // stays out of the journal.
    for (const line of lab.setup) await mustRun(session.shell, line);
  } catch (error) {
    session.dispose();
    throw error;
  }
  return session;
}

/**
 * The second half of createLabSession, on a session startLabSession built with the same files: the journal
 * replayed, then a write of every file that differs from what it last wrote.
 */
export async function resumeLabSession(
  session: MeshSession,
  options: Pick<LabSessionOptions, 'files' | 'journal'>,
): Promise<MeshSession> {
  try {
    const journal = options.journal ?? [];
    await session.replay(journal);
    const written = lastWrites(journal);
    const stale = Object.entries(options.files).filter(([path, text]) => written[path] !== text);
    if (stale.length > 0) await session.writeFiles(Object.fromEntries(stale));
  } catch (error) {
    session.dispose();
    throw error;
  }
  return session;
}

async function mustRun(shell: Shell, line: string): Promise<void> {
  const result = await shell.run(line);
  if (result.exitCode !== 0) throw new Error(`\`${line}\` exited ${result.exitCode}\n${result.stderr}${result.stdout}`);
}

/** Each file's content as the journal last wrote it. */
function lastWrites(journal: readonly JournalEntry[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of journal) if ('write' in entry) Object.assign(files, entry.write);
  return files;
}
