import { notFoundError, type KubeObject } from '../../index';
import type { Subcommand } from './context';
import { serviceManifest } from './generators';
import { createGenerated } from './write-verbs';

type Obj = Record<string, unknown>;

/** What kubectl reads off an object to expose it: the selector its pods answer to, and the ports they serve. */
function introspect(kind: string, object: KubeObject): { selector?: Record<string, string>; ports: number[] } {
  const spec = (object.spec ?? {}) as Obj;
  const containerPorts = (podSpec: Obj | undefined): number[] =>
    ((podSpec?.containers as Obj[] | undefined) ?? []).flatMap((c) =>
      ((c.ports as { containerPort: number }[] | undefined) ?? []).map((p) => p.containerPort),
    );
  switch (kind) {
    case 'Pod':
      return {
        ...(object.metadata.labels !== undefined && { selector: object.metadata.labels }),
        ports: containerPorts(spec),
      };
    case 'Service':
      return {
        ...(spec.selector !== undefined && { selector: spec.selector as Record<string, string> }),
        ports: ((spec.ports as { port: number }[] | undefined) ?? []).map((p) => p.port),
      };
    default: {
      const matchLabels = (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
      const template = ((spec.template as Obj | undefined)?.spec ?? undefined) as Obj | undefined;
      return { ...(matchLabels !== undefined && { selector: matchLabels }), ports: containerPorts(template) };
    }
  }
}

const EXPOSABLE = ['Pod', 'Service', 'Deployment', 'ReplicaSet'];

/** `kubectl expose deployment|pod|service|rs NAME`: a Service for what the object runs, `service/NAME exposed`. */
export const expose: Subcommand = {
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string', noValue: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: async (k) => {
    const [first = '', second] = k.args;
    const [typeName, name] = first.includes('/') ? (first.split('/', 2) as [string, string]) : [first, second];
    if (first === '' || name === undefined) {
      return k.fail(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    if (!EXPOSABLE.includes(type.kind) || (type.group !== '' && type.group !== 'apps')) {
      return k.fail(`error: cannot expose a ${type.kind}`);
    }
    const object = k.kube.get(type, k.namespace, name);
    if (object === undefined) return k.failError(notFoundError(type, name));
    const found = introspect(type.kind, object);
    const selector = k.flags.has('selector') ? parseSelector(k.flags.string('selector')!) : found.selector;
    if (selector === undefined || Object.keys(selector).length === 0) {
      return k.fail(
        `error: couldn't retrieve selectors via --selector flag or introspection: the ${type.singular} has no labels and cannot be exposed`,
      );
    }
    const portFlag = k.flags.string('port');
    const ports = portFlag !== undefined ? [Number(portFlag)] : found.ports;
    if (ports.length === 0 || ports.some((p) => !Number.isInteger(p)))
      return k.fail("error: couldn't find port via --port flag or introspection");
    const target = k.flags.string('target-port');
    const targetPort = target === undefined ? undefined : /^\d+$/.test(target) ? Number(target) : target;
    const protocol = k.flags.string('protocol') ?? 'TCP';
    const type_ = k.flags.string('type');
    const manifest = serviceManifest({
      name: k.flags.string('name') ?? name,
      namespace: k.namespace,
      selector,
      labels: k.flags.has('labels') ? parseSelector(k.flags.string('labels')!) : (object.metadata.labels ?? {}),
      ports: ports.map((port) => ({ port, targetPort: targetPort ?? port, protocol })),
      ...(type_ !== undefined && { type: type_ }),
    });
    return createGenerated(k, manifest, 'exposed');
  },
};

/** `a=b,c=d`, as expose's --selector and --labels take them. */
function parseSelector(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}
