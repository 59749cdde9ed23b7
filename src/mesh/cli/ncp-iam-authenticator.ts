import { parse } from 'yaml';
import type { SimCluster } from '../index';
import { Flags, parseArgs, UsageError, type FlagSpec } from './args';
import { resolvePath, type CommandIo } from './io';
import { kubeconfigPath, kubeconfigYaml, nksKubeconfig } from './kubeconfig';
import { defaultCredentialConfig, findCredentials } from './ncloud-credentials';

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'credentialConfig', type: 'string' },
  { name: 'profile', type: 'string' },
  { name: 'debug', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

const KUBECONFIG_FLAGS: FlagSpec[] = [
  ...GLOBAL_FLAGS,
  { name: 'clusterUuid', type: 'string' },
  { name: 'region', type: 'string' },
  { name: 'format', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'clusterName', type: 'string' },
  { name: 'userName', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'currentContext', type: 'bool' },
];

const USAGE = `Usage:
  ncp-iam-authenticator [command]

Available Commands:
  create-kubeconfig Get Kubeconfig to access kubernetes
  token             Authenticate using NCP IAM and get token for Kubernetes
  update-kubeconfig Update Kubeconfig to access kubernetes
  version           Print the version number of ncp-iam-authenticator
`;

/**
 * NAVER Cloud's kubectl credential plugin: `create-kubeconfig` / `update-kubeconfig` write a kubeconfig for
 * the NKS cluster (what the NKS guide has learners run first), `token` prints an ExecCredential.
 */
export async function ncpIamAuthenticator(
  argv: readonly string[],
  io: CommandIo,
  cluster: SimCluster,
): Promise<number> {
  const [command, ...rest] = argv;
  let flags: Flags;
  try {
    flags = new Flags(parseArgs(rest, KUBECONFIG_FLAGS));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`Error: ${error.message}\n${USAGE}`);
    return 1;
  }
  switch (command) {
    case 'create-kubeconfig':
    case 'update-kubeconfig':
      return writeKubeconfig(command, flags, io, cluster);
    case 'token':
      return token(flags, io, cluster);
    case 'version':
      io.stdout.write('1.1.1\n');
      return 0;
    case undefined:
    case 'help':
      io.stdout.write(USAGE);
      return 0;
    default:
      io.stderr.write(
        `Error: unknown command "${command}" for "ncp-iam-authenticator"\nRun 'ncp-iam-authenticator --help' for usage.\n`,
      );
      return 1;
  }
}

async function writeKubeconfig(command: string, flags: Flags, io: CommandIo, cluster: SimCluster): Promise<number> {
  const region = flags.string('region') ?? '';
  const uuid = flags.string('clusterUuid') ?? '';
  const missing = [...(region === '' ? ['--region'] : []), ...(uuid === '' ? ['--clusterUuid'] : [])];
  if (missing.length > 0) {
    io.stdout.write(`run ${command} failed. please check your required flags.\n`);
    return 1;
  }
  if (!(await hasCredentials(flags, io))) {
    io.stdout.write(`run ${command} failed. please check your credentialConfig and profile.\n`);
    return 1;
  }
  if (uuid !== cluster.info.uuid || region.toUpperCase() !== cluster.info.region) {
    io.stdout.write(`run ${command} failed. please check your credentialConfig or clusterUuid.\n`);
    return 1;
  }
  if (cluster.nksStatus() === 'CREATING') {
    io.stdout.write(`run ${command} failed. please try again after cluster creation is complete.\n`);
    return 1;
  }
  const defaultName = `nks_${region.toLowerCase()}_${cluster.info.name}_${uuid}`;
  const clusterName = flags.string('clusterName') ?? defaultName;
  const userName = flags.string('userName') ?? defaultName;
  const contextName = flags.has('clusterName') || flags.has('userName') ? `${userName}@${clusterName}` : clusterName;
  const config = nksKubeconfig(cluster.info, { clusterName, userName, contextName }, tokenArgs(flags, io));
  const format = flags.string('format') === 'json' ? 'json' : 'yaml';
  const text = format === 'json' ? `${JSON.stringify(config, null, 2)}\n` : kubeconfigYaml(config);
  if (command === 'create-kubeconfig') {
    const output = resolvePath(io.cwd, flags.string('output') ?? `kubeconfig-${uuid}.${format}`);
    await io.fs.writeFile(output, text);
    io.stdout.write('kubeconfig created successfully.\n');
    return 0;
  }
  // update-kubeconfig merges into the kubeconfig kubectl uses and, unless told not to, makes the cluster current.
  const path = kubeconfigPath(io.env, io.cwd, flags.string('kubeconfig'));
  const existing = (await io.fs.exists(path))
    ? ((parse(await io.fs.readFile(path)) ?? {}) as Record<string, unknown>)
    : {};
  if (!flags.bool('overwrite') && holdsAnyName(existing, { clusterName, userName, contextName })) {
    io.stdout.write(
      "run update-kubeconfig failed. please check your kubeconfig's clusterName, userName, contextName. if you want to overwrite it, please use --overwrite flag\n",
    );
    return 1;
  }
  const merged = mergeKubeconfig(existing, config, !flags.has('currentContext') || flags.bool('currentContext'));
  await io.fs.writeFile(path, kubeconfigYaml(merged));
  io.stdout.write('kubeconfig updated successfully.\n');
  return 0;
}

/**
 * The `token` arguments the kubeconfig's exec plugin runs with: a credential file other than the default and a
 * profile carry over, so kubectl signs with the same key the kubeconfig was made with.
 */
function tokenArgs(flags: Flags, io: CommandIo): string[] {
  const file = flags.string('credentialConfig');
  const profile = flags.string('profile');
  return [
    ...(file !== undefined && resolvePath(io.cwd, file) !== defaultCredentialConfig(io.env)
      ? ['--credentialConfig', file]
      : []),
    ...(profile !== undefined && profile !== '' ? ['--profile', profile] : []),
  ];
}

/** Whether the kubeconfig already has a cluster, user or context of one of these names (update refuses then). */
function holdsAnyName(
  config: Record<string, unknown>,
  names: { clusterName: string; userName: string; contextName: string },
): boolean {
  const has = (key: string, name: string) =>
    ((config[key] as { name: string }[] | undefined) ?? []).some((entry) => entry.name === name);
  return has('clusters', names.clusterName) || has('users', names.userName) || has('contexts', names.contextName);
}

function mergeKubeconfig(
  existing: Record<string, unknown>,
  added: Record<string, unknown>,
  makeCurrent: boolean,
): Record<string, unknown> {
  const mergeList = (key: string): unknown[] => {
    const fresh = (added[key] as { name: string }[]) ?? [];
    const names = new Set(fresh.map((e) => e.name));
    const old = ((existing[key] as { name: string }[] | undefined) ?? []).filter((e) => !names.has(e.name));
    return [...old, ...fresh];
  };
  return {
    ...added,
    'current-context': makeCurrent ? added['current-context'] : (existing['current-context'] ?? ''),
    clusters: mergeList('clusters'),
    contexts: mergeList('contexts'),
    users: mergeList('users'),
  };
}

async function hasCredentials(flags: Flags, io: CommandIo): Promise<boolean> {
  const found = await findCredentials(io, {
    credentialConfig: flags.string('credentialConfig'),
    profile: flags.string('profile'),
  });
  return found !== undefined;
}

async function token(flags: Flags, io: CommandIo, cluster: SimCluster): Promise<number> {
  if (flags.string('clusterUuid') !== cluster.info.uuid || !(await hasCredentials(flags, io))) {
    io.stderr.write('Error: failed to get token\n');
    return 1;
  }
  const credential = {
    kind: 'ExecCredential',
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    spec: {},
    status: { expirationTimestamp: '2026-01-01T00:15:00Z', token: `k8s-ncp-v1.${btoa(cluster.info.uuid)}` },
  };
  io.stdout.write(`${JSON.stringify(credential)}\n`);
  return 0;
}
