import { notFoundError, TYPES, type KubeEvent, type KubeObject, type Pod, type ResourceType } from '../../index';
import { formatTable } from '../format/table';
import { podStatus } from './columns';
import { NAME_ACROSS_NAMESPACES, type Kubectl, type Subcommand } from './context';
import { parseLabelSelector } from './selectors';

/**
 * `kubectl describe`: the describer's key/value layout (labels, annotations, the kind's main fields) and the
 * object's Events at the end. Custom resources print their spec as nested keys, as kubectl's generic
 * describer does.
 */
export const describe: Subcommand = {
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
  ],
  run: async (k) => {
    const [first = '', ...names] = k.args;
    const [typeName, slashName] = first.includes('/') ? (first.split('/', 2) as [string, string]) : [first, undefined];
    if (typeName === '')
      return k.fail(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    const ns = type.namespaced ? k.namespace : undefined;
    let objects: KubeObject[];
    const targets = slashName !== undefined ? [slashName] : names;
    if (targets.length > 0 && k.allNamespaces) return k.fail(NAME_ACROSS_NAMESPACES);
    if (targets.length > 0) {
      objects = [];
      for (const name of targets) {
        const exact = k.kube.get(type, ns, name);
        const found = exact !== undefined ? [exact] : prefixMatch(k, type, ns, name);
        if (found.length === 0) return k.failError(notFoundError(type, name));
        objects.push(...found);
      }
    } else {
      const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
      objects = k.listTargets(type).filter((o) => selector(o.metadata.labels ?? {}));
      if (objects.length === 0) {
        k.err(
          type.namespaced && !k.allNamespaces
            ? `No resources found in ${k.namespace} namespace.\n`
            : 'No resources found\n',
        );
        return 0;
      }
    }
    k.out(objects.map((o) => describeObject(k, type, o)).join('\n\n'));
    return 0;
  },
};

/** kubectl describe accepts a name prefix (`kubectl describe pod productpage`). */
function prefixMatch(k: Kubectl, type: ResourceType, ns: string | undefined, prefix: string): KubeObject[] {
  return k.kube.list(type, ns).filter((o) => o.metadata.name.startsWith(prefix));
}

function describeObject(k: Kubectl, type: ResourceType, object: KubeObject): string {
  const lines: string[] = [];
  const field = (name: string, value: string): void =>
    void lines.push(`${`${name}:`.padEnd(Math.max(18, name.length + 3))}${value}`);
  const map = (name: string, values: Record<string, string> | undefined): void => {
    const entries = Object.entries(values ?? {}).filter(
      ([key]) => key !== 'kubectl.kubernetes.io/last-applied-configuration',
    );
    if (entries.length === 0) return field(name, '<none>');
    entries.forEach(([key, value], i) =>
      lines.push(`${i === 0 ? `${name}:`.padEnd(18) : ' '.repeat(18)}${key}=${value}`),
    );
  };
  field('Name', object.metadata.name);
  if (type.namespaced) field('Namespace', object.metadata.namespace ?? '');
  if (type.kind === 'Pod') describePod(object as Pod, field, map);
  else {
    map('Labels', object.metadata.labels);
    map('Annotations', object.metadata.annotations);
    if (type.kind === 'Service') {
      const spec = (object.spec ?? {}) as Record<string, unknown>;
      map('Selector', spec.selector as Record<string, string>);
      field('Type', String(spec.type ?? 'ClusterIP'));
      field('IP', String(spec.clusterIP ?? ''));
      const ingress =
        (object.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)
          ?.loadBalancer?.ingress ?? [];
      if (ingress.length > 0) field('LoadBalancer Ingress', ingress.map((i) => i.ip ?? i.hostname ?? '').join(', '));
      for (const port of (spec.ports as
        { name?: string; port: number; protocol?: string; targetPort?: unknown; nodePort?: number }[] | undefined) ??
        []) {
        field('Port', `${port.name ?? '<unset>'}  ${port.port}/${port.protocol ?? 'TCP'}`);
        field('TargetPort', `${String(port.targetPort ?? port.port)}/${port.protocol ?? 'TCP'}`);
        if (port.nodePort !== undefined)
          field('NodePort', `${port.name ?? '<unset>'}  ${port.nodePort}/${port.protocol ?? 'TCP'}`);
      }
    } else {
      if (type.crd !== undefined || type.kind === 'Deployment') {
        field('API Version', object.apiVersion);
        field('Kind', object.kind);
      }
      for (const key of ['spec', 'status', 'data', 'subsets'] as const) {
        const value = object[key];
        if (value === undefined) continue;
        lines.push(`${key[0]!.toUpperCase()}${key.slice(1)}:`);
        nested(value, 2, lines);
      }
    }
  }
  lines.push(...eventLines(k, object));
  return `${lines.join('\n')}\n`;
}

function describePod(
  pod: Pod,
  field: (name: string, value: string) => void,
  map: (name: string, values: Record<string, string> | undefined) => void,
): void {
  field('Priority', '0');
  field('Service Account', pod.spec?.serviceAccountName ?? 'default');
  field('Node', pod.spec?.nodeName === undefined ? '<none>' : `${pod.spec.nodeName}/${pod.status?.hostIP ?? ''}`);
  field('Start Time', pod.status?.startTime ?? '<unset>');
  map('Labels', pod.metadata.labels);
  map('Annotations', pod.metadata.annotations);
  field('Status', podStatus(pod));
  field('IP', pod.status?.podIP ?? '');
  const owner = pod.metadata.ownerReferences?.[0];
  field('Controlled By', owner === undefined ? '<none>' : `${owner.kind}/${owner.name}`);
  const section = (
    title: string,
    containers: { name: string; image?: string; ports?: { containerPort: number; protocol?: string }[] }[],
  ): void => {
    if (containers.length === 0) return;
    field(title, '');
    for (const container of containers) {
      const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
        (s) => s.name === container.name,
      );
      const state =
        status?.state?.running !== undefined
          ? 'Running'
          : status?.state?.terminated !== undefined
            ? 'Terminated'
            : 'Waiting';
      field(`  ${container.name}`, '');
      field('    Image', container.image ?? '');
      const ports = (container.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
      field('    Port', ports === '' ? '<none>' : ports);
      field('    State', state);
      field('    Ready', String(status?.ready ?? false));
      field('    Restart Count', String(status?.restartCount ?? 0));
    }
  };
  section('Init Containers', pod.spec?.initContainers ?? []);
  section('Containers', pod.spec?.containers ?? []);
  const conditions = pod.status?.conditions ?? [];
  if (conditions.length > 0) {
    field('Conditions', '');
    field('  Type', 'Status');
    for (const c of conditions) field(`  ${c.type}`, c.status);
  }
}

function nested(value: unknown, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object') {
        lines.push(`${pad}-`);
        nested(item, indent + 2, lines);
      } else lines.push(`${pad}${String(item)}`);
    }
    return;
  }
  for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const title = key.charAt(0).toUpperCase() + key.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2');
    if (item !== null && typeof item === 'object') {
      lines.push(`${pad}${title}:`);
      nested(item, indent + 2, lines);
    } else lines.push(`${pad}${title}:  ${String(item)}`);
  }
}

function eventLines(k: Kubectl, object: KubeObject): string[] {
  const events = k.kube
    .list<KubeEvent>(TYPES.Event, object.metadata.namespace)
    .filter((e) => e.involvedObject.uid === object.metadata.uid);
  if (events.length === 0) return ['Events:            <none>'];
  const rows = events.map((e) => [
    `  ${e.type}`,
    e.reason,
    e.count > 1 ? `${k.age(e.lastTimestamp)} (x${e.count} over ${k.age(e.firstTimestamp)})` : k.age(e.lastTimestamp),
    e.source.component,
    e.message,
  ]);
  const table = formatTable(
    [['  Type', 'Reason', 'Age', 'From', 'Message'], ['  ----', '------', '----', '----', '-------'], ...rows],
    { minWidth: 0, padding: 2 },
  );
  return ['Events:', ...table.trimEnd().split('\n')];
}
