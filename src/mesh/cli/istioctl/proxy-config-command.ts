import { TYPES, type Pod, type SimCluster, type ProxyAdminView } from '../../index';
import type { Flags } from '../args';
import type { CommandIo } from '../io';
import { toYaml } from '../format/manifests';
import { secretDumpJson } from './secret-dump';
import {
  bootstrapJson,
  clustersTable,
  endpointsTable,
  listenersTable,
  routesTable,
  secretsTable,
  sectionJson,
  type SectionFilter,
} from './proxy-config';

type Section = 'cluster' | 'route' | 'listener' | 'endpoint' | 'secret' | 'all' | 'log' | 'bootstrap';

/** The sub-commands and their aliases, as istioctl's cobra tree names them. */
const SECTIONS: Readonly<Record<string, Section>> = {
  cluster: 'cluster',
  clusters: 'cluster',
  c: 'cluster',
  route: 'route',
  routes: 'route',
  r: 'route',
  listener: 'listener',
  listeners: 'listener',
  l: 'listener',
  endpoint: 'endpoint',
  endpoints: 'endpoint',
  ep: 'endpoint',
  secret: 'secret',
  secrets: 'secret',
  s: 'secret',
  all: 'all',
  a: 'all',
  log: 'log',
  bootstrap: 'bootstrap',
  b: 'bootstrap',
};

const JSON_SECTION = {
  cluster: 'clusters',
  route: 'routes',
  listener: 'listeners',
  endpoint: 'endpoints',
} as const;

/** Envoy's level names istioctl accepts for `--level`. */
const LEVELS = new Set(['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off']);

/** A gateway's proxy runs as `proxy router` (a sidecar's as `proxy sidecar`). */
function isGateway(cluster: SimCluster, namespace: string, pod: string): boolean {
  const proxy = cluster.kube
    .get<Pod>(TYPES.Pod, namespace, pod)
    ?.spec?.containers.find((c) => c.name === 'istio-proxy');
  return proxy?.args?.[1] === 'router';
}

/** `POD`, `POD.NS`, `pod/POD` or `deploy/NAME` → the pod istioctl talks to. */
export function resolvePod(cluster: SimCluster, target: string, namespace: string): { pod: string; namespace: string } {
  const [podPart, nsPart] =
    target.includes('.') && !target.includes('/') ? (target.split('.', 2) as [string, string]) : [target, undefined];
  const ns = nsPart ?? namespace;
  let pod = podPart.replace(/^pod\//, '');
  if (pod.startsWith('deploy/') || pod.startsWith('deployment/')) {
    const app = pod.slice(pod.indexOf('/') + 1);
    const running = cluster.kube
      .list<Pod>(TYPES.Pod, ns)
      .find((p) => p.metadata.name.startsWith(`${app}-`) && p.status?.phase === 'Running');
    pod = running?.metadata.name ?? app;
  }
  return { pod, namespace: ns };
}

/**
 * `istioctl proxy-config log POD [--level L | --level logger:L,…]`: sets Envoy's logger levels through its
 * admin `/logging` endpoint and prints the active loggers, as istioctl does.
 */
async function loggerLevels(io: CommandIo, admin: ProxyAdminView, level: string | undefined): Promise<number> {
  const params = new URLSearchParams();
  for (const part of level === undefined || level === '' ? [] : level.split(',')) {
    const [logger, value] = /[:=]/.test(part) ? part.split(/[:=]/, 2) : ['level', part];
    if (!LEVELS.has(value ?? '')) {
      io.stderr.write(`Error: unrecognized logging level: ${value ?? ''}\n`);
      return 1;
    }
    params.set(logger!, value!);
  }
  const query = params.toString();
  const response = await admin.request(query === '' ? 'GET' : 'POST', `/logging${query === '' ? '' : `?${query}`}`);
  if (response.status !== 200) {
    io.stderr.write(`Error: ${response.body.split('\n')[0]}\n`);
    return 1;
  }
  io.stdout.write(response.body);
  return 0;
}

/** `istioctl proxy-config <section> POD`: the proxy's config dump as istioctl's tables or JSON. */
export async function proxyConfig(
  io: CommandIo,
  flags: Flags,
  cluster: SimCluster,
  rest: readonly string[],
  namespace: string,
): Promise<number> {
  const [kind, target] = rest;
  const section = SECTIONS[kind ?? ''];
  if (section === undefined) {
    io.stderr.write(`Error: unknown command "${kind ?? ''}" for "istioctl proxy-config"\n`);
    return 64;
  }
  if (target === undefined) {
    io.stderr.write('Error: pod name or resource type/name is required\n');
    return 1;
  }
  const { pod, namespace: ns } = resolvePod(cluster, target, namespace);
  const admin = cluster.proxy(ns, pod);
  if (admin === undefined) {
    io.stderr.write(`Error: failed to retrieve proxy config: pods "${pod}" not found\n`);
    return 1;
  }
  if (section === 'log') return loggerLevels(io, admin, flags.string('level'));
  if (section === 'bootstrap') {
    io.stdout.write(bootstrapJson(admin));
    return 0;
  }
  const [fqdn, name, port, clusterName] = [
    flags.string('fqdn'),
    flags.string('name'),
    flags.int('port'),
    flags.string('cluster'),
  ];
  const filter: SectionFilter = {
    ...(fqdn !== undefined && { fqdn }),
    ...(name !== undefined && { name }),
    ...(port !== undefined && { port }),
    ...(clusterName !== undefined && { cluster: clusterName }),
  };
  const output = flags.string('output');
  if ((output === 'json' || output === 'yaml') && section !== 'all') {
    const json = section === 'secret' ? secretDumpJson(admin) : sectionJson(admin, JSON_SECTION[section], filter);
    // istioctl's -o yaml is its JSON put through sigs.k8s.io/yaml: the same fields, keys in alphabetical order.
    io.stdout.write(output === 'json' ? json : toYaml(JSON.parse(json)));
    return 0;
  }
  const tables: Record<Exclude<Section, 'log' | 'bootstrap'>, () => string> = {
    cluster: () => clustersTable(admin, filter.fqdn),
    route: () => routesTable(admin, filter.name),
    listener: () => listenersTable(admin, filter.port, isGateway(cluster, ns, pod)),
    endpoint: () => endpointsTable(admin, filter.cluster),
    secret: () => secretsTable(admin),
    all: () => [clustersTable(admin), listenersTable(admin), routesTable(admin)].join('\n'),
  };
  io.stdout.write(tables[section]());
  return 0;
}
