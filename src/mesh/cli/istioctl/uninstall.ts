import type { SimCluster } from '../../index';
import type { Flags } from '../args';
import type { CommandIo } from '../io';

/**
 * `istioctl uninstall --purge [-y]`: every Istio resource goes, the istio-system namespace stays (Istio leaves
 * it for `kubectl delete namespace istio-system`). Without `--purge`, `-f` or `--revision` istioctl refuses.
 */
export async function uninstall(io: CommandIo, flags: Flags, cluster: SimCluster): Promise<number> {
  const purge = flags.bool('purge');
  if (!purge && !flags.has('filename') && !flags.has('revision')) {
    io.stderr.write(
      'Error: at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set\n',
    );
    return 1;
  }
  const warning = purge ? 'All Istio resources will be pruned from the cluster\n' : '';
  if (flags.bool('skip-confirmation')) io.stdout.write(`${warning}\n`);
  else {
    io.stdout.write(`${warning}Proceed? (y/N) `);
    if (!/^y/i.test(io.stdin.trim())) {
      io.stdout.write('Cancelled.\n');
      return 1;
    }
  }
  const { removed } = await cluster.istio.uninstall();
  for (const object of removed) io.stdout.write(`  Removed ${object}.\n`);
  io.stdout.write('✔ Uninstall complete\n');
  return 0;
}
