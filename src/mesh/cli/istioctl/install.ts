import type { SimCluster } from '../../index';
import type { Flags } from '../args';
import type { CommandIo } from '../io';

/** `istioctl install`: confirms unless `-y`, installs the profile, prints istioctl's component lines. */
export async function install(io: CommandIo, flags: Flags, cluster: SimCluster): Promise<number> {
  const values: Record<string, string> = {};
  for (const setting of flags.strings('set')) {
    const eq = setting.indexOf('=');
    if (eq > 0) values[setting.slice(0, eq)] = setting.slice(eq + 1);
  }
  const profile = values['profile'] ?? 'default';
  if (!['default', 'demo', 'minimal', 'empty', 'ambient', 'remote'].includes(profile)) {
    io.stderr.write(`Error: generate config: could not read profile "${profile}": unknown profile\n`);
    return 1;
  }
  if (!flags.bool('skip-confirmation')) {
    io.stdout.write(
      `This will install the Istio ${cluster.istio.version()} profile "${profile}" into the cluster. Proceed? (y/N) `,
    );
    if (!/^y/i.test(io.stdin.trim())) {
      io.stdout.write('Cancelled.\n');
      return 1;
    }
  }
  const { components } = await cluster.istio.install({ profile, values });
  const icons: Record<string, string> = {
    'Istio core': '⛵️',
    Istiod: '🧠',
    'Egress gateways': '🛫',
    'Ingress gateways': '🛬',
  };
  for (const component of components) io.stdout.write(`✔ ${component} installed ${icons[component] ?? ''}\n`);
  io.stdout.write('✔ Installation complete\nMade this installation the default for cluster-wide operations.\n');
  return 0;
}
