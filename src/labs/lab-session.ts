/**
 * A lab's session: the cluster and the shell a lab starts from, the same for the learner's terminal (the
 * sandbox Worker, the Node shell a WebContainer runs) and for the grader. This module imports the mesh and
 * nothing else of src/labs (no registry, no zod, no sucrase), so the terminal's Worker can boot a lab without
 * loading the grader.
 */
import { createMeshSession, ISTIO_DIR, type Clock, type MeshSession, type Preset } from './mesh';

/** The lab folder: the learner's files are there, and so is the shell once the lab is set up. */
export const LAB_DIR = '/home/user/lab';

/** What a lab's session is built from (a lab's metadata has it). */
export interface LabSetup {
  /** What the cluster has installed when it starts. */
  readonly preset: Preset;
  /** Shell commands run in ISTIO_DIR after the preset (so `samples/…` paths work as in Istio's docs). */
  readonly setup: readonly string[];
}

export interface LabSessionOptions {
  readonly seed: number;
  /** The grader's `virtual`; the terminal's BootClock (virtual while it boots, then the wall clock). */
  readonly clock: 'virtual' | Clock;
  /** `later`: the terminal's prompt shows before the API server's schemas are loaded. */
  readonly schemas?: 'now' | 'later';
  /** The learner's files, by path relative to the lab folder. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Boots the preset, puts the learner's files in the lab folder, runs the lab's setup, and leaves the shell
 * there. The shell started in the lab folder, so `shell.writeFiles` takes paths relative to it.
 */
export async function createLabSession(lab: LabSetup, options: LabSessionOptions): Promise<MeshSession> {
  const session = await createMeshSession({ ...options, preset: lab.preset, cwd: LAB_DIR });
  try {
    // The setup runs where Istio's docs run commands. A lab whose own setup fails is broken, whatever the
    // learner did.
    for (const line of [`cd ${ISTIO_DIR}`, ...lab.setup, `cd ${LAB_DIR}`]) await session.ok(line);
  } catch (error) {
    session.dispose();
    throw error;
  }
  return session;
}
