import { parse } from 'yaml';
import type { SimCluster } from '../index';
import { Flags, parseArgs, UsageError, type FlagSpec } from './args';
import { resolvePath, type CommandIo } from './io';
import { kubeconfigPath, kubeconfigYaml, nksKubeconfig } from './kubeconfig';

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
  const defaultName = `nks_${region.toLowerCase()}_${cluster.info.name}_${uuid}`;
  const clusterName = flags.string('clusterName') ?? defaultName;
  const userName = flags.string('userName') ?? defaultName;
  const contextName = flags.has('clusterName') || flags.has('userName') ? `${userName}@${clusterName}` : clusterName;
  const config = nksKubeconfig(cluster.info, { clusterName, userName, contextName });
  const format = flags.string('format') === 'json' ? 'json' : 'yaml';
  const text = format === 'json' ? `${JSON.stringify(config, null, 2)}\n` : kubeconfigYaml(config);
  if (command === 'create-kubeconfig') {
    const output = resolvePath(io.cwd, flags.string('output') ?? `kubeconfig-${uuid}.${format}`);
    await io.fs.writeFile(output, text);
    io.stdout.write('kubeconfig created successfully.\n');
    return 0;
  }
  // update-kubeconfig merges into the kubeconfig kubectl uses and makes the cluster current.
  const path = kubeconfigPath(io.env, io.cwd, flags.string('kubeconfig'));
  const existing = (await io.fs.exists(path))
    ? ((parse(await io.fs.readFile(path)) ?? {}) as Record<string, unknown>)
    : {};
  const merged = mergeKubeconfig(existing, config);
  await io.fs.writeFile(path, kubeconfigYaml(merged));
  io.stdout.write('kubeconfig updated successfully.\n');
  return 0;
}

function mergeKubeconfig(existing: Record<string, unknown>, added: Record<string, unknown>): Record<string, unknown> {
  const mergeList = (key: string): unknown[] => {
    const fresh = (added[key] as { name: string }[]) ?? [];
    const names = new Set(fresh.map((e) => e.name));
    const old = ((existing[key] as { name: string }[] | undefined) ?? []).filter((e) => !names.has(e.name));
    return [...old, ...fresh];
  };
  return {
    ...added,
    clusters: mergeList('clusters'),
    contexts: mergeList('contexts'),
    users: mergeList('users'),
  };
}

/** NCP API keys: `~/.ncloud/configure` (or `--credentialConfig`), or the NCLOUD_ACCESS_KEY/NCLOUD_SECRET_KEY variables. */
async function hasCredentials(flags: Flags, io: CommandIo): Promise<boolean> {
  if ((io.env['NCLOUD_ACCESS_KEY'] ?? '') !== '' && (io.env['NCLOUD_SECRET_KEY'] ?? '') !== '') return true;
  const home = io.env['HOME'] ?? '/home/user';
  const path = resolvePath(io.cwd, flags.string('credentialConfig') ?? `${home}/.ncloud/configure`);
  if (!(await io.fs.exists(path))) return false;
  const text = await io.fs.readFile(path);
  return /ncloud_access_key_id\s*=\s*\S+/.test(text) && /ncloud_secret_access_key\s*=\s*\S+/.test(text);
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
