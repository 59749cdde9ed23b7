import { parse } from 'yaml';
import type { NksClusterInfo } from '../index';
import { toYaml } from './format/manifests';
import { resolvePath, type CommandFs } from './io';

/** What kubectl takes from its kubeconfig: which cluster to talk to and the default namespace. */
export interface KubeContext {
  contextName: string;
  server: string;
  namespace: string;
}

export type ContextLookup = { ok: true; context: KubeContext } | { ok: false; message: string };

/** Where kubectl reads its config: `--kubeconfig`, else the first file in `$KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigPath(env: Readonly<Record<string, string>>, cwd: string, flag: string | undefined): string {
  const home = env['HOME'] ?? '/home/user';
  const chosen = flag ?? env['KUBECONFIG']?.split(':').find((p) => p !== '') ?? `${home}/.kube/config`;
  return resolvePath(cwd, chosen.replace(/^~(?=\/|$)/, home));
}

const NO_SERVER = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

/** Reads the current (or `--context`) context; fails the way kubectl does when there is none. */
export async function loadContext(
  fs: CommandFs,
  path: string,
  explicitPath: boolean,
  contextFlag: string | undefined,
  cluster: NksClusterInfo,
): Promise<ContextLookup> {
  if (!(await fs.exists(path))) {
    if (explicitPath) return { ok: false, message: `error: stat ${path}: no such file or directory` };
    return { ok: false, message: NO_SERVER };
  }
  let config: KubeconfigFile;
  try {
    config = (parse(await fs.readFile(path)) ?? {}) as KubeconfigFile;
  } catch (error) {
    return { ok: false, message: `error: error loading config file "${path}": ${String(error)}` };
  }
  const name = contextFlag ?? config['current-context'];
  if (name === undefined || name === '') return { ok: false, message: NO_SERVER };
  const context = config.contexts?.find((c) => c.name === name)?.context;
  if (context === undefined) return { ok: false, message: `error: context "${name}" does not exist` };
  const server = config.clusters?.find((c) => c.name === context.cluster)?.cluster?.server;
  if (server === undefined) {
    return { ok: false, message: `error: cluster "${context.cluster}" does not exist` };
  }
  if (server !== cluster.server) {
    const host = server.replace(/^https?:\/\//, '');
    return {
      ok: false,
      message: `Unable to connect to the server: dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host`,
    };
  }
  return { ok: true, context: { contextName: name, server, namespace: context.namespace ?? 'default' } };
}

interface KubeconfigFile {
  'current-context'?: string;
  clusters?: { name: string; cluster?: { server?: string } }[];
  contexts?: { name: string; context?: { cluster: string; user: string; namespace?: string } }[];
}

/** The kubeconfig ncp-iam-authenticator writes: an exec credential plugin instead of a client certificate. */
export function nksKubeconfig(
  cluster: NksClusterInfo,
  names: { clusterName: string; userName: string; contextName: string },
  extraTokenArgs: readonly string[] = [],
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': CA_DATA, server: cluster.server },
        name: names.clusterName,
      },
    ],
    contexts: [{ context: { cluster: names.clusterName, user: names.userName }, name: names.contextName }],
    'current-context': names.contextName,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: names.userName,
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            args: ['token', '--clusterUuid', cluster.uuid, '--region', cluster.region, ...extraTokenArgs],
            command: 'ncp-iam-authenticator',
            env: null,
            interactiveMode: 'IfAvailable',
            provideClusterInfo: false,
          },
        },
      },
    ],
  };
}

export function kubeconfigYaml(config: Record<string, unknown>): string {
  return toYaml(config);
}

/** A placeholder CA bundle (base64 of a PEM header): enough for a kubeconfig that looks like NKS's. */
const CA_DATA = btoa('-----BEGIN CERTIFICATE-----\nmeshdojo simulated cluster CA\n-----END CERTIFICATE-----\n');
