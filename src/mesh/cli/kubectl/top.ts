import { TYPES, type KubeObject, type Pod } from '../../index';
import { formatTable } from '../format/table';
import type { Kubectl, Subcommand } from './context';
import { parseLabelSelector } from './selectors';

/**
 * `kubectl top pod|node`. NKS clusters ship metrics-server, and so does this one (kube-system): while it is ready,
 * usage is served; before, kubectl's `error: Metrics API not available`. The numbers are the simulation's
 * estimates, not measurements: a steady few millicores and tens of MiB per container, a sidecar's typical
 * footprint for istio-proxy, and each node's system daemons — each fixed per container, so repeated runs agree.
 */

interface Usage {
  cpuMilli: number;
  memoryMi: number;
}

/** A stable number in [low, high] from a name: the same pod reads the same on every run. */
function spread(key: string, low: number, high: number): number {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return low + (hash % (high - low + 1));
}

function containerUsage(pod: Pod, container: string): Usage {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}/${container}`;
  if (container === 'istio-proxy') return { cpuMilli: spread(key, 3, 9), memoryMi: spread(key, 38, 58) };
  return { cpuMilli: spread(key, 1, 6), memoryMi: spread(key, 8, 64) };
}

/** Pods metrics-server has samples for: those whose containers are running. */
function measured(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && pod.metadata.deletionTimestamp === undefined;
}

function metricsApiReady(k: Kubectl): boolean {
  return k.kube
    .list<Pod>(TYPES.Pod, 'kube-system', 'k8s-app=metrics-server')
    .some((p) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
}

const cpu = (u: Usage): string => `${u.cpuMilli}m`;
const memory = (u: Usage): string => `${u.memoryMi}Mi`;
const sum = (usages: Usage[]): Usage =>
  usages.reduce((a, b) => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memoryMi: a.memoryMi + b.memoryMi }), {
    cpuMilli: 0,
    memoryMi: 0,
  });

function sortRows<T>(k: Kubectl, rows: T[], usage: (row: T) => Usage): T[] {
  const by = k.flags.string('sort-by');
  if (by === 'cpu') return [...rows].sort((a, b) => usage(b).cpuMilli - usage(a).cpuMilli);
  if (by === 'memory') return [...rows].sort((a, b) => usage(b).memoryMi - usage(a).memoryMi);
  return rows;
}

function topPods(k: Kubectl): number {
  const [name] = k.args.slice(1);
  const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
  let pods = k.listTargets(TYPES.Pod) as Pod[];
  if (name !== undefined) {
    const pod = pods.find((p) => p.metadata.name === name);
    if (pod === undefined) return k.fail(`Error from server (NotFound): pods "${name}" not found`);
    if (!measured(pod)) return k.fail(`error: metrics not available yet`);
    pods = [pod];
  }
  pods = pods.filter((p) => measured(p) && selector(p.metadata.labels ?? {}));
  if (pods.length === 0) {
    k.err(k.allNamespaces ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
    return 0;
  }
  const namespaceColumn = k.allNamespaces ? ['NAMESPACE'] : [];
  const containers = k.flags.bool('containers');
  const entries = pods.flatMap((pod) => {
    const names = (pod.spec?.containers ?? []).map((c) => c.name);
    return containers
      ? names.map((c) => ({ pod, container: c, usage: containerUsage(pod, c) }))
      : [{ pod, container: '', usage: sum(names.map((c) => containerUsage(pod, c))) }];
  });
  const header = [...namespaceColumn, ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const rows = sortRows(k, entries, (e) => e.usage).map((e) => [
    ...(k.allNamespaces ? [e.pod.metadata.namespace ?? ''] : []),
    ...(containers ? [e.pod.metadata.name, e.container] : [e.pod.metadata.name]),
    cpu(e.usage),
    memory(e.usage),
  ]);
  k.out(formatTable(k.flags.bool('no-headers') ? rows : [header, ...rows]));
  return 0;
}

/** Kubernetes quantities as nodes report them: `3920m`, `4`, `15221552Ki`, `16Gi`. */
function milliCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

function mebibytes(quantity: string): number {
  const units: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024 };
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (match === null) return 0;
  return match[2] === undefined ? Number(match[1]) / 1024 / 1024 : Number(match[1]) * units[match[2]]!;
}

function topNodes(k: Kubectl): number {
  const [name] = k.args.slice(1);
  const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
  let nodes = k.kube.list(TYPES.Node).filter((n) => selector(n.metadata.labels ?? {}));
  if (name !== undefined) {
    nodes = nodes.filter((n) => n.metadata.name === name);
    if (nodes.length === 0) return k.fail(`Error from server (NotFound): nodes "${name}" not found`);
  }
  const pods = k.kube.list<Pod>(TYPES.Pod).filter(measured);
  const usageOf = (node: KubeObject): Usage => {
    const onNode = pods.filter((p) => p.spec?.nodeName === node.metadata.name);
    // The kubelet, container runtime and system daemons run on every node, outside any pod.
    const system = { cpuMilli: spread(node.metadata.name, 60, 110), memoryMi: spread(node.metadata.name, 850, 1100) };
    return sum([system, ...onNode.flatMap((p) => (p.spec?.containers ?? []).map((c) => containerUsage(p, c.name)))]);
  };
  const header = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
  const rows = sortRows(k, nodes, usageOf).map((node) => {
    const usage = usageOf(node);
    const resources = ((node.status as { allocatable?: Record<string, string>; capacity?: Record<string, string> })?.[
      k.flags.bool('show-capacity') ? 'capacity' : 'allocatable'
    ] ?? {}) as Record<string, string>;
    const cpuPercent = Math.floor((usage.cpuMilli / milliCores(resources['cpu'] ?? '1')) * 100);
    const memoryPercent = Math.floor((usage.memoryMi / mebibytes(resources['memory'] ?? '1Gi')) * 100);
    return [node.metadata.name, cpu(usage), `${cpuPercent}%`, memory(usage), `${memoryPercent}%`];
  });
  k.out(formatTable(k.flags.bool('no-headers') ? rows : [header, ...rows]));
  return 0;
}

export const top: Subcommand = {
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'show-capacity', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool' },
  ],
  run: async (k) => {
    const [what] = k.args;
    const pods = what === 'pod' || what === 'pods' || what === 'po';
    const nodes = what === 'node' || what === 'nodes' || what === 'no';
    if (!pods && !nodes) {
      return k.fail(
        what === undefined
          ? 'Display resource (CPU/memory) usage.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]'
          : `error: unknown command "${what}" for "kubectl top"`,
      );
    }
    if (!metricsApiReady(k)) return k.fail('error: Metrics API not available');
    return pods ? topPods(k) : topNodes(k);
  },
};
