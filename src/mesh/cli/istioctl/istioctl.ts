import { ISTIO_VERSION, type SimCluster } from '../../index';
import { Flags, parseArgs, UsageError, type FlagSpec } from '../args';
import type { CommandIo } from '../io';
import { kubeconfigPath, loadContext } from '../kubeconfig';
import { analyze } from './analyze';
import { dashboard, isDashboard } from './dashboard';
import { describePod, precheck } from './describe';
import { install } from './install';
import { kubeInject } from './kube-inject';
import { proxyConfig } from './proxy-config-command';
import { proxyStatus } from './proxy-status';
import { uninstall } from './uninstall';

const GLOBAL: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'istioNamespace', short: 'i', type: 'string' },
  { name: 'kubeconfig', short: 'c', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'set', short: 's', type: 'stringArray' },
  { name: 'skip-confirmation', short: 'y', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'fqdn', type: 'string' },
  { name: 'port', type: 'int' },
  { name: 'subset', type: 'string' },
  { name: 'direction', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'short', type: 'bool' },
  { name: 'remote', type: 'bool' },
  { name: 'browser', type: 'bool' },
  { name: 'address', type: 'string' },
  { name: 'purge', type: 'bool' },
  { name: 'revision', short: 'r', type: 'string' },
  { name: 'level', type: 'string' },
  { name: 'verbosity', short: 'v', type: 'int' },
];

/** istioctl's exit code for a usage error such as an unknown command (sysexits' EX_USAGE). */
const EXIT_INCORRECT_USAGE = 64;

/** What an istioctl command gets: its arguments after the command name, the global flags and the cluster. */
interface IstioctlRun {
  readonly io: CommandIo;
  readonly flags: Flags;
  readonly cluster: SimCluster;
  readonly args: readonly string[];
  readonly namespace: string;
}

interface IstioctlCommand {
  run(c: IstioctlRun): Promise<number> | number;
}

/** The commands, by name: adding one is an entry here (and its module). */
const COMMANDS: Record<string, IstioctlCommand> = {
  analyze: { run: ({ io, flags, cluster, namespace }) => analyze(io, flags, cluster, namespace) },
  dashboard: { run: dashboardCommand },
  install: { run: ({ io, flags, cluster }) => install(io, flags, cluster) },
  'kube-inject': { run: ({ io, flags }) => kubeInject(io, flags) },
  'proxy-config': {
    run: ({ io, flags, cluster, args, namespace }) => proxyConfig(io, flags, cluster, args, namespace),
  },
  'proxy-status': {
    run: ({ io, flags, cluster, args, namespace }) => proxyStatus(io, flags, cluster, args, namespace),
  },
  uninstall: { run: ({ io, flags, cluster }) => uninstall(io, flags, cluster) },
  version: {
    run: ({ io, cluster }) => {
      const proxies = cluster.istio.proxyStatus();
      // istioctl lists each data plane version with its count; every proxy here runs the control plane's.
      const dataPlane =
        proxies.length === 0 ? '' : `data plane version: ${proxies[0]!.version} (${proxies.length} proxies)\n`;
      io.stdout.write(
        `client version: ${ISTIO_VERSION}\ncontrol plane version: ${cluster.istio.version()}\n${dataPlane}`,
      );
      return 0;
    },
  },
  experimental: { run: experimental },
};

/** `istioctl x …`: the experimental commands the task pages use. */
function experimental({ io, cluster, args, namespace }: IstioctlRun): number {
  const [sub, kind, target] = args;
  if (sub === 'precheck') return precheck(io);
  if (sub === 'describe' && (kind === 'pod' || kind === 'po')) return describePod(io, cluster, target, namespace);
  const command =
    sub === 'describe'
      ? `${kind ?? ''}" for "istioctl experimental describe`
      : `${sub ?? ''}" for "istioctl experimental`;
  io.stderr.write(`Error: unknown command "${command}"\n`);
  return EXIT_INCORRECT_USAGE;
}

export const ISTIOCTL_COMMANDS = Object.keys(COMMANDS);

const ALIASES: Record<string, string> = {
  ps: 'proxy-status',
  pc: 'proxy-config',
  d: 'dashboard',
  dash: 'dashboard',
  apply: 'install',
  x: 'experimental',
  exp: 'experimental',
};

function usage(command: string): string {
  return `Error: unknown command "${command}" for "istioctl"\nRun 'istioctl --help' for usage.\n`;
}

/** istioctl: install, proxy-status, proxy-config, analyze, dashboard, version — with istioctl's formats. */
export async function istioctl(argv: readonly string[], io: CommandIo, cluster: SimCluster): Promise<number> {
  let flags: Flags;
  let args: string[];
  try {
    const parsed = parseArgs(argv, GLOBAL);
    flags = new Flags(parsed);
    args = parsed.args;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`Error: ${error.message}\n`);
    return 1;
  }
  const [rawCommand, ...rest] = args;
  const name = ALIASES[rawCommand ?? ''] ?? rawCommand;
  if (name === undefined) {
    io.stdout.write(
      `Istio configuration command line utility.\n\nAvailable Commands:\n${ISTIOCTL_COMMANDS.map((c) => `  ${c}`).join('\n')}\n`,
    );
    return 0;
  }
  if (name === 'version' && (!(await connected(io, flags, cluster, true)) || !cluster.istio.installed())) {
    io.stdout.write(
      `Istio is not present in the cluster: no running Istio pods in namespace "istio-system"\nclient version: ${ISTIO_VERSION}\n`,
    );
    return 0;
  }
  if (!(await connected(io, flags, cluster, false))) return 1;
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(usage(rawCommand ?? ''));
    return EXIT_INCORRECT_USAGE;
  }
  return command.run({ io, flags, cluster, args: rest, namespace: flags.string('namespace') ?? 'default' });
}

function dashboardCommand({ io, flags, cluster, args, namespace }: IstioctlRun): number {
  const which = args[0];
  if (which === undefined || !isDashboard(which)) {
    io.stderr.write(`Error: unknown command "${which ?? ''}" for "istioctl dashboard"\n`);
    return 1;
  }
  return dashboard(io, cluster, which, {
    istioNamespace: flags.string('istioNamespace') ?? 'istio-system',
    namespace,
    target: args[1],
  });
}

async function connected(io: CommandIo, flags: Flags, cluster: SimCluster, quiet: boolean): Promise<boolean> {
  const path = kubeconfigPath(io.env, io.cwd, flags.string('kubeconfig'));
  const context = await loadContext(io.fs, path, flags.has('kubeconfig'), flags.string('context'), cluster.info);
  if (context.ok) return true;
  if (!quiet) io.stderr.write(`Error: ${context.message.replace(/^error: /, '')}\n`);
  return false;
}
