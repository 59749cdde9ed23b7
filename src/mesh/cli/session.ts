import { createCluster, SAMPLE_FILES, type CreateClusterOptions, type SimCluster } from '../index';
import { createShell, ISTIO_DIR, type Shell, type ShellOptions, type ShellResult } from './shell/create-shell';

/** The cluster's options (defaults: seed 1, virtual clock, bare preset) and the shell's. */
export type MeshSessionOptions = Pick<CreateClusterOptions, 'preset' | 'seed' | 'clock' | 'schemas'> &
  Pick<ShellOptions, 'files' | 'cwd' | 'kubeconfig'>;

/** What the learner did to their cluster, in order, with when (the cluster clock's ms) and for how long. */
export type JournalEntry =
  | { readonly at: number; readonly run: string; readonly ms: number }
  | { readonly at: number; readonly write: Readonly<Record<string, string>> };

/** A cluster with the learner's shell over it. */
export interface MeshSession {
  readonly cluster: SimCluster;
  readonly shell: Shell;
  /** Runs a line and returns what it printed. */
  run(line: string): Promise<ShellResult>;
  /** Runs a line that must succeed; returns its stdout. */
  ok(line: string): Promise<string>;
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
  return {
    cluster,
    shell,
    run: (line) => shell.run(line),
    ok: async (line) => {
      const result = await shell.run(line);
      if (result.exitCode !== 0)
        throw new Error(`\`${line}\` exited ${result.exitCode}\n${result.stderr}${result.stdout}`);
      return result.stdout;
    },
    dispose: () => cluster.dispose(),
  };
}
