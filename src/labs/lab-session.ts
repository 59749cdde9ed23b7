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

export interface LabSession extends MeshSession {
  /** Writes files into the lab folder (paths relative to it), wherever the shell has gone since. */
  writeLabFiles(files: Readonly<Record<string, string>>): Promise<void>;
}

/** A setup command failed: the lab itself is broken, not the learner's work. */
export class LabSetupError extends Error {
  constructor(
    readonly line: string,
    readonly output: string,
  ) {
    super(`lab setup failed: ${line}\n${output}`);
    this.name = 'LabSetupError';
  }
}

/** Boots the preset, puts the learner's files in the lab folder, runs the lab's setup, and leaves the shell there. */
export async function createLabSession(lab: LabSetup, options: LabSessionOptions): Promise<LabSession> {
  const session = await createMeshSession({
    preset: lab.preset,
    seed: options.seed,
    clock: options.clock,
    ...(options.schemas !== undefined && { schemas: options.schemas }),
    files: options.files,
    cwd: LAB_DIR,
  });
  try {
    await session.ok(`cd ${ISTIO_DIR}`);
    for (const line of lab.setup) {
      const result = await session.run(line);
      if (result.exitCode !== 0) throw new LabSetupError(line, `${result.stderr}${result.stdout}`);
    }
    await session.ok(`cd ${LAB_DIR}`);
  } catch (error) {
    session.dispose();
    throw error;
  }
  return {
    ...session,
    writeLabFiles: (files) =>
      session.writeFiles(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${LAB_DIR}/${path}`, text]))),
  };
}
