import { createShell, type Shell, type ShellResult } from '../cli';
import { createCluster, SAMPLE_FILES, type SimCluster, type Preset } from '../index';

export interface Session {
  cluster: SimCluster;
  shell: Shell;
  /** Runs a line and returns what it printed. */
  run(line: string): Promise<ShellResult>;
  /** Runs a line that must succeed; returns its stdout. */
  ok(line: string): Promise<string>;
  dispose(): void;
}

/** A cluster on the virtual clock with the learner's shell over it, as `meshdojo shell` starts one. */
export async function startSession(
  options: { preset?: Preset; seed?: number; kubeconfig?: boolean } = {},
): Promise<Session> {
  const cluster = await createCluster({ seed: options.seed ?? 1, clock: 'virtual', preset: options.preset ?? 'bare' });
  const shell = await createShell(cluster, { files: SAMPLE_FILES, kubeconfig: options.kubeconfig ?? true });
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
