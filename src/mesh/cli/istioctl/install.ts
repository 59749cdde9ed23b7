import type { SimCluster } from '../../index';
import type { Flags } from '../args';
import type { CommandIo } from '../io';
import { readIstioOperator } from './istio-operator';

const ICONS: Readonly<Record<string, string>> = {
  'Istio core': '⛵️',
  Istiod: '🧠',
  'Egress gateways': '🛫',
  'Ingress gateways': '🛬',
};

/**
 * `istioctl install [-f IOP.yaml…] [--set k=v…]`: reads the IstioOperator the files and `--set`s make, asks
 * unless `-y`, installs what its profile and components enable and prints istioctl's component lines.
 */
export async function install(io: CommandIo, flags: Flags, cluster: SimCluster): Promise<number> {
  const input = await readIstioOperator(io, flags.strings('filename'), flags.strings('set'));
  if (!input.ok) {
    io.stderr.write(`Error: generate config: ${input.message}\n`);
    return 1;
  }
  if (!flags.bool('skip-confirmation')) {
    io.stdout.write(
      `This will install the Istio ${cluster.istio.version()} profile "${input.profile}" into the cluster. Proceed? (y/N) `,
    );
    if (!/^y/i.test(io.stdin.trim())) {
      io.stdout.write('Cancelled.\n');
      return 1;
    }
  }
  const { components } = await cluster.istio.install(input.spec);
  for (const component of components) io.stdout.write(`✔ ${component} installed ${ICONS[component] ?? ''}\n`);
  io.stdout.write('✔ Installation complete\nMade this installation the default for cluster-wide operations.\n');
  return 0;
}
