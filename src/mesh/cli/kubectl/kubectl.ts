import { apiVersionOf, type ResourceType, type SimCluster } from '../../index';
import { KUBECTL_ADVICE, writeAdvice, type Advice } from '../advice';
import { formatTable } from '../format/table';
import type { CommandIo } from '../io';
import { kubeconfigPath } from '../kubeconfig';
import { globalCommandSplit, prepare, type Subcommand } from './context';
import { describe } from './describe';
import { explain } from './explain';
import { expose } from './expose';
import { get } from './get';
import { kustomize } from './kustomize';
import { rollout } from './rollout';
import { run } from './run';
import { logs } from './logs';
import { exec, wait } from './runtime-verbs';
import { top } from './top';
import { edit } from './edit';
import { annotate, apply, create, del, label, patch, replace, scale } from './write-verbs';

const version: Subcommand = {
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'short', type: 'bool' },
  ],
  run: async (k) => {
    k.out('Client Version: v1.33.4\nKustomize Version: v5.6.0\n');
    if (!k.flags.bool('client')) k.out(`Server Version: ${k.cluster.info.kubernetesVersion}\n`);
    return 0;
  },
};

const clusterInfo: Subcommand = {
  flags: [],
  run: async (k) => {
    k.out(
      `Kubernetes control plane is running at ${k.cluster.info.server}\nCoreDNS is running at ${k.cluster.info.server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    );
    return 0;
  },
};

/** Every kind here serves the usual verbs; a namespace cannot be deleted as a collection (kubectl -o wide). */
const VERBS = '[create delete deletecollection get list patch update watch]';
const NAMESPACE_VERBS = '[create delete get list patch update watch]';

const apiResources: Subcommand = {
  flags: [
    { name: 'namespaced', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'categories', type: 'strings' },
    { name: 'verbs', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'cached', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: async (k) => {
    const output = k.flags.string('output') ?? '';
    if (!['', 'wide', 'name'].includes(output)) return k.fail(`error: --output ${output} is not available`);
    const sortBy = k.flags.string('sort-by') ?? '';
    if (!['', 'name', 'kind'].includes(sortBy)) return k.fail('error: --sort-by accepts only name or kind');
    const group = k.flags.string('api-group');
    const categories = k.flags.strings('categories');
    const verbs = k.flags.strings('verbs');
    const types = k.kube
      .servedTypes()
      .filter((t) => group === undefined || t.group === group)
      .filter((t) => !k.flags.has('namespaced') || t.namespaced === k.flags.bool('namespaced'))
      .filter((t) => categories.every((c) => t.categories?.includes(c)))
      .filter((t) => verbs.every((v) => (t.kind === 'Namespace' ? NAMESPACE_VERBS : VERBS).includes(v)));
    if (sortBy !== '') {
      const key = (t: ResourceType) => (sortBy === 'name' ? t.plural : t.kind);
      types.sort((a, b) => key(a).localeCompare(key(b)));
    }
    if (output === 'name') {
      k.out(types.map((t) => (t.group === '' ? t.plural : `${t.plural}.${t.group}`)).join('\n') + '\n');
      return 0;
    }
    const wide = output === 'wide';
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    const rows = types.map((t) => [
      t.plural,
      t.shortNames.join(','),
      apiVersionOf(t),
      String(t.namespaced),
      t.kind,
      ...(wide ? [t.kind === 'Namespace' ? NAMESPACE_VERBS : VERBS, (t.categories ?? []).join(',')] : []),
    ]);
    k.out(formatTable(k.flags.bool('no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};

const config: Subcommand = {
  flags: [
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  offline: true,
  run: async (k) => {
    const [action, name] = k.args;
    const path = kubeconfigPath(k.io.env, k.io.cwd, k.flags.string('kubeconfig'));
    const exists = await k.io.fs.exists(path);
    const text = exists ? await k.io.fs.readFile(path) : '';
    const current = /^current-context:\s*(\S+)/m.exec(text)?.[1];
    switch (action) {
      case 'view':
        k.out(
          exists
            ? text
            : 'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
        );
        return 0;
      case 'current-context':
        if (current === undefined || current === '""') return k.fail('error: current-context is not set');
        k.out(`${current}\n`);
        return 0;
      case 'get-contexts': {
        const names = [...text.matchAll(/^\s*name:\s*(\S+)/gm)]
          .map((m) => m[1]!)
          .filter((n, i, all) => all.indexOf(n) === i && /context/.test(text));
        const contexts = names.filter((n) => text.includes(`current-context: ${n}`) || text.includes(`cluster: ${n}`));
        k.out(
          formatTable([
            ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
            ...contexts.map((n) => [n === current ? '*' : '', n, n, n, '']),
          ]),
        );
        return 0;
      }
      case 'use-context':
        if (name === undefined) return k.fail('error: Unexpected args: []');
        if (!text.includes(`name: ${name}`)) return k.fail(`error: no context exists with the name: "${name}"`);
        await k.io.fs.writeFile(path, text.replace(/^current-context:.*$/m, `current-context: ${name}`));
        k.out(`Switched to context "${name}".\n`);
        return 0;
      default:
        return k.fail(`error: unknown command "${action ?? ''}" for "kubectl config"`);
    }
  },
};

const SUBCOMMANDS: Record<string, Subcommand> = {
  get,
  edit,
  describe,
  explain,
  run,
  expose,
  top,
  apply,
  create,
  delete: del,
  label,
  annotate,
  patch,
  replace,
  scale,
  logs,
  exec,
  wait,
  rollout,
  version,
  'cluster-info': clusterInfo,
  'api-resources': apiResources,
  config,
  kustomize,
};

/**
 * Verbs whose work needs what this lab lacks (a port on the learner's machine): they answer with what to do
 * instead, whatever their arguments, and fail as kubectl does.
 */
const ADVISED: Record<string, Advice> = {
  'port-forward': KUBECTL_ADVICE.portForward,
};

export const KUBECTL_COMMANDS = [...Object.keys(SUBCOMMANDS), ...Object.keys(ADVISED)];

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment or replica set

Cluster Management Commands:
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]
`;

/** kubectl: the subcommands the Istio and NKS docs use, with kubectl's output formats, errors and exit codes. */
export async function kubectl(argv: readonly string[], io: CommandIo, cluster: SimCluster): Promise<number> {
  const { command, rest } = globalCommandSplit(argv);
  if (command === undefined) {
    io.stdout.write(USAGE);
    return argv.length === 0 ? 0 : 1;
  }
  const advice = ADVISED[command];
  if (advice !== undefined) {
    writeAdvice(io, advice);
    return 1;
  }
  const sub = SUBCOMMANDS[command];
  if (sub === undefined) {
    io.stderr.write(`error: unknown command "${command}" for "kubectl"\n`);
    return 1;
  }
  const k = await prepare(cluster, io, command, sub, rest);
  if (typeof k === 'number') return k;
  return sub.run(k);
}
