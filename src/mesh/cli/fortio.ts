import { FORTIO_DEFAULT_TIMING, runFortioCommand, MESH_EPOCH_MS, type SimCluster } from '../index';
import type { CommandIo } from './io';

/** fortio on the laptop: the same client the fortio image runs, from outside the cluster. */
export async function fortio(argv: readonly string[], io: CommandIo, cluster: SimCluster): Promise<number> {
  const result = await runFortioCommand(argv, {
    host: cluster.laptop,
    clock: cluster.clock,
    random: { next: () => 0.5, int: (max) => Math.floor(max / 2) },
    pod: { name: 'laptop', namespace: '', labels: {}, serviceAccount: '', ip: cluster.laptop.address },
    env: { ...io.env },
    log: () => undefined,
    epochMs: () => MESH_EPOCH_MS,
    timing: FORTIO_DEFAULT_TIMING,
    options: io.signal === undefined ? {} : { signal: io.signal },
  });
  io.stdout.write(result.stdout);
  io.stderr.write(result.stderr);
  return result.exitCode;
}
