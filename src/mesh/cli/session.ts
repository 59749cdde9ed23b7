import { createCluster, SAMPLE_FILES, type Clock, type Preset, type SimCluster } from '../index';
import { createShell, ISTIO_DIR, type Shell, type ShellResult } from './shell/create-shell';
import { fileWriteCommands } from './shell/file-writes';

export interface MeshSessionOptions {
  /** What the cluster has installed when it starts (default `bare`). */
  preset?: Preset;
  /** Default 1: the same seed and the same commands print the same output. */
  seed?: number;
  /** Default `virtual`: no wall time passes, whatever the commands wait for. */
  clock?: 'virtual' | 'real' | Clock;
  /** `later`: the API server checks nothing until the caller has awaited `loadKubeSchemas()`. */
  schemas?: 'now' | 'later';
  /** Files besides Istio's samples: absolute paths, or relative to `cwd`. */
  files?: Readonly<Record<string, string>>;
  /** Where the shell starts (default ISTIO_DIR, so `samples/…` paths work as in Istio's docs). */
  cwd?: string;
  /** Whether `~/.kube/config` already points at the cluster (default true). */
  kubeconfig?: boolean;
}

/** A cluster with the learner's shell over it. */
export interface MeshSession {
  readonly cluster: SimCluster;
  readonly shell: Shell;
  /** Runs a line and returns what it printed. */
  run(line: string): Promise<ShellResult>;
  /** Runs a line that must succeed; returns its stdout. */
  ok(line: string): Promise<string>;
  /** Writes files into the shell's filesystem (absolute paths, or relative to where the shell is now). */
  writeFiles(files: Readonly<Record<string, string>>): Promise<void>;
  dispose(): void;
}

/**
 * The terminal as every caller starts it (`meshdojo shell`, the labs, the tests): a cluster, and a shell over
 * it with Istio's sample files under ISTIO_DIR, where Istio's docs expect them.
 */
export async function createMeshSession(options: MeshSessionOptions = {}): Promise<MeshSession> {
  const cluster = await createCluster({
    seed: options.seed ?? 1,
    clock: options.clock ?? 'virtual',
    preset: options.preset ?? 'bare',
    ...(options.schemas !== undefined && { schemas: options.schemas }),
  });
  const samples = Object.fromEntries(Object.entries(SAMPLE_FILES).map(([path, text]) => [`${ISTIO_DIR}/${path}`, text]));
  const shell = await createShell(cluster, {
    files: { ...samples, ...options.files },
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    ...(options.kubeconfig !== undefined && { kubeconfig: options.kubeconfig }),
  });
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
    writeFiles: async (files) => {
      for (const command of fileWriteCommands(files)) await shell.run(command);
    },
    dispose: () => cluster.dispose(),
  };
}
