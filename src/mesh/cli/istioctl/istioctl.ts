import { TYPES, type SimCluster, type Pod } from '../../index';
import { Flags, parseArgs, UsageError, type FlagSpec } from '../args';
import { formatTable } from '../format/table';
import type { CommandIo } from '../io';
import { install } from './install';
import { kubeInject } from './kube-inject';
import { kubeconfigPath, loadContext } from '../kubeconfig';
import { clustersTable, endpointsTable, listenersTable, routesTable, secretsTable, sectionJson } from './proxy-config';

const GLOBAL: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'istioNamespace', short: 'i', type: 'string' },
  { name: 'kubeconfig', short: 'c', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'set', short: 's', type: 'strings' },
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
];

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

const DASHBOARD_PORTS = { kiali: 20001, grafana: 3000, prometheus: 9090, jaeger: 16686, envoy: 15000, controlz: 9876 };

/** The commands, by name: adding one is an entry here (and its module). */
const COMMANDS: Record<string, IstioctlCommand> = {
  analyze: { run: analyze },
  dashboard: { run: dashboard },
  install: { run: ({ io, flags, cluster }) => install(io, flags, cluster) },
  'kube-inject': { run: ({ io, flags }) => kubeInject(io, flags) },
  'proxy-config': {
    run: ({ io, flags, cluster, args, namespace }) => proxyConfig(io, flags, cluster, args, namespace),
  },
  'proxy-status': { run: proxyStatus },
  uninstall: {
    run: async ({ io, cluster }) => {
      await cluster.istio.uninstall();
      io.stdout.write('✔ Uninstall complete\n');
      return 0;
    },
  },
  version: {
    run: ({ io, cluster }) => {
      const v = cluster.istio.version();
      io.stdout.write(
        `client version: ${v}\ncontrol plane version: ${v}\ndata plane version: ${v} (${cluster.istio.proxyStatus().length} proxies)\n`,
      );
      return 0;
    },
  },
};

export const ISTIOCTL_COMMANDS = Object.keys(COMMANDS);

const ALIASES: Record<string, string> = {
  ps: 'proxy-status',
  pc: 'proxy-config',
  d: 'dashboard',
  dash: 'dashboard',
  apply: 'install',
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
  if (name === 'version' && !(await connected(io, flags, cluster, true))) {
    io.stdout.write(
      `Istio is not present in the cluster: no running Istio pods in namespace "istio-system"\nclient version: ${cluster.istio.version()}\n`,
    );
    return 0;
  }
  if (!(await connected(io, flags, cluster, false))) return 1;
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(usage(rawCommand ?? ''));
    return 1;
  }
  return command.run({ io, flags, cluster, args: rest, namespace: flags.string('namespace') ?? 'default' });
}

function proxyStatus({ io, cluster, args }: IstioctlRun): number {
  const rows = cluster.istio.proxyStatus().filter((r) => args[0] === undefined || r.name.startsWith(args[0]));
  io.stdout.write(
    formatTable(
      [
        ['NAME', 'CLUSTER', 'CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'ISTIOD', 'VERSION'],
        ...rows.map((r) => [r.name, r.cluster, r.cds, r.lds, r.eds, r.rds, r.ecds, r.istiod, r.version]),
      ],
      { minWidth: 0, padding: 5 },
    ),
  );
  return 0;
}

function analyze({ io, flags, cluster, namespace }: IstioctlRun): number {
  if (!cluster.istio.installed()) {
    io.stderr.write('Error: failed to fetch Istio config: the Istio CRDs are not installed\n');
    return 1;
  }
  const messages = cluster.istio.analyze(flags.bool('all-namespaces') ? undefined : namespace);
  if (messages.length === 0) {
    io.stderr.write(`\u2714 No validation issues found when analyzing namespace: ${namespace}.\n`);
    return 0;
  }
  for (const m of messages) io.stderr.write(`${m.level} [${m.code}] (${m.resource}) ${m.message}\n`);
  return messages.some((m) => m.level === 'Error') ? 79 : 0;
}

function dashboard({ io, cluster, args }: IstioctlRun): number {
  const which = args[0];
  if (which === undefined || !Object.hasOwn(DASHBOARD_PORTS, which)) {
    io.stderr.write(`Error: unknown command "${which ?? ''}" for "istioctl dashboard"\n`);
    return 1;
  }
  const dashboard = which as keyof typeof DASHBOARD_PORTS;
  io.stdout.write(`http://localhost:${DASHBOARD_PORTS[dashboard]}${dashboard === 'kiali' ? '/kiali' : ''}\n`);
  cluster.emitUiEvent({ type: 'open-dashboard', dashboard, ...(args[1] !== undefined && { target: args[1] }) });
  return 0;
}

async function connected(io: CommandIo, flags: Flags, cluster: SimCluster, quiet: boolean): Promise<boolean> {
  const path = kubeconfigPath(io.env, io.cwd, flags.string('kubeconfig'));
  const context = await loadContext(io.fs, path, flags.has('kubeconfig'), flags.string('context'), cluster.info);
  if (context.ok) return true;
  if (!quiet) io.stderr.write(`Error: ${context.message.replace(/^error: /, '')}\n`);
  return false;
}

async function proxyConfig(
  io: CommandIo,
  flags: Flags,
  cluster: SimCluster,
  rest: readonly string[],
  namespace: string,
): Promise<number> {
  const [kind, target] = rest;
  const kinds = [
    'cluster',
    'clusters',
    'route',
    'routes',
    'listener',
    'listeners',
    'endpoint',
    'endpoints',
    'secret',
    'secrets',
    'all',
  ];
  if (kind === undefined || !kinds.includes(kind)) {
    io.stderr.write(`Error: unknown command "${kind ?? ''}" for "istioctl proxy-config"\n`);
    return 1;
  }
  if (target === undefined) {
    io.stderr.write('Error: pod name or resource type/name is required\n');
    return 1;
  }
  const [podPart, nsPart] =
    target.includes('.') && !target.includes('/') ? (target.split('.', 2) as [string, string]) : [target, undefined];
  let podName = podPart.replace(/^pod\//, '');
  const ns = nsPart ?? namespace;
  if (podName.startsWith('deploy/') || podName.startsWith('deployment/')) {
    const app = podName.slice(podName.indexOf('/') + 1);
    const pod = cluster.kube
      .list<Pod>(TYPES.Pod, ns)
      .find((p) => p.metadata.name.startsWith(`${app}-`) && p.status?.phase === 'Running');
    podName = pod?.metadata.name ?? app;
  }
  const admin = cluster.proxy(ns, podName);
  if (admin === undefined) {
    io.stderr.write(`Error: failed to retrieve proxy config: pods "${podName}" not found\n`);
    return 1;
  }
  const short = kind.replace(/s$/, '') as 'cluster' | 'route' | 'listener' | 'endpoint' | 'secret' | 'all';
  if (flags.string('output') === 'json' && short !== 'all') {
    const map = {
      cluster: 'clusters',
      route: 'routes',
      listener: 'listeners',
      endpoint: 'endpoints',
      secret: 'secret',
    } as const;
    io.stdout.write(sectionJson(admin, map[short]));
    return 0;
  }
  switch (short) {
    case 'cluster':
      io.stdout.write(clustersTable(admin, flags.string('fqdn')));
      break;
    case 'route':
      io.stdout.write(routesTable(admin, flags.string('name')));
      break;
    case 'listener':
      io.stdout.write(listenersTable(admin, flags.int('port')));
      break;
    case 'endpoint':
      io.stdout.write(endpointsTable(admin, flags.string('cluster')));
      break;
    case 'secret':
      io.stdout.write(secretsTable(admin));
      break;
    case 'all':
      io.stdout.write([clustersTable(admin), listenersTable(admin), routesTable(admin)].join('\n'));
      break;
  }
  return 0;
}
