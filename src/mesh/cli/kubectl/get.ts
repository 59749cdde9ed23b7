import { kindRef, notFoundError, type KubeError, type KubeObject, type ResourceType } from '../../index';
import type { FlagSpec } from '../args';
import { executeJsonPath, JsonPathError, evaluateJsonPath, formatValue } from '../format/jsonpath';
import { asList, toJson, toYaml } from '../format/manifests';
import { formatTable } from '../format/table';
import { table, tableRows } from './get-table';
import { watchObjects } from './get-watch';
import { NAME_ACROSS_NAMESPACES, type Kubectl, type Subcommand } from './context';
import { parseFieldSelector, parseLabelSelector } from './selectors';

export const OUTPUT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

/** What the user asked for: kinds with optional names, in the order given. */
interface Request {
  type: ResourceType;
  names: string[];
}

/** `all` expands to the kinds in kubectl's `all` category. */
const ALL_KINDS = ['pods', 'services', 'deployments', 'replicasets'];

export const get: Subcommand = {
  flags: OUTPUT_FLAGS,
  run: async (k) => {
    const parsed = parseRequests(k);
    if (!Array.isArray(parsed)) return k.failError(parsed);
    if (parsed.length === 0) {
      return k.fail(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
      );
    }
    const allNamespaces = k.allNamespaces;
    if (allNamespaces && parsed.some((request) => request.names.length > 0)) return k.fail(NAME_ACROSS_NAMESPACES);
    let selector;
    let fieldSelector;
    try {
      selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : undefined;
      fieldSelector = k.flags.has('field-selector') ? parseFieldSelector(k.flags.string('field-selector')!) : undefined;
    } catch (error) {
      return k.fail(`error: ${(error as Error).message}`);
    }
    const watching = k.flags.bool('watch') || k.flags.bool('watch-only');
    if (watching && parsed.length > 1) {
      return k.fail(
        'error: watch is only supported on individual resources and resource collections - more than 1 resource was found',
      );
    }
    const found: { type: ResourceType; objects: KubeObject[] }[] = [];
    const errors: KubeError[] = [];
    let named = false;
    for (const request of parsed) {
      const namespace = request.type.namespaced && !allNamespaces ? k.namespace : undefined;
      if (request.names.length > 0) {
        named = true;
        const objects: KubeObject[] = [];
        for (const name of request.names) {
          const object = k.kube.get(request.type, k.namespace, name);
          if (object === undefined) {
            if (!k.flags.bool('ignore-not-found')) errors.push(notFoundError(request.type, name));
          } else objects.push(object);
        }
        found.push({ type: request.type, objects });
      } else {
        let objects = k.kube.list(request.type, namespace);
        if (selector !== undefined) objects = objects.filter((o) => selector(o.metadata.labels ?? {}));
        if (fieldSelector !== undefined) objects = objects.filter(fieldSelector);
        found.push({ type: request.type, objects });
      }
    }
    if (watching && errors.length === 0) {
      const names = parsed[0]!.names;
      const filter = (o: KubeObject): boolean =>
        names.length > 0
          ? names.includes(o.metadata.name)
          : (selector?.(o.metadata.labels ?? {}) ?? true) && (fieldSelector?.(o) ?? true);
      return watchObjects(k, parsed[0]!.type, found[0]!.objects, filter);
    }
    const status = print(k, found, { single: named && parsed.length === 1 && parsed[0]!.names.length === 1 });
    for (const error of errors) k.err(`${error.message}\n`);
    return errors.length > 0 ? 1 : status;
  },
};

function parseRequests(k: Kubectl): Request[] | KubeError {
  const args = k.args;
  if (args.length === 0) return [];
  // `kubectl get pod/a svc/b`
  if (args.every((a) => a.includes('/'))) {
    const requests: Request[] = [];
    for (const arg of args) {
      const [typeName = '', name = ''] = arg.split('/', 2);
      const type = k.resolveType(typeName);
      if (!('kind' in type)) return type;
      const existing = requests.find((r) => r.type === type);
      if (existing !== undefined) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [kinds = '', ...names] = args;
  const requests: Request[] = [];
  for (const typeName of kinds.split(',').flatMap((t) => (t === 'all' ? ALL_KINDS : [t]))) {
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return type;
    requests.push({ type, names: [...names] });
  }
  return requests;
}

function print(
  k: Kubectl,
  found: { type: ResourceType; objects: KubeObject[] }[],
  options: { single: boolean },
): number {
  const output = k.flags.string('output') ?? '';
  const objects = found.flatMap((f) => f.objects);
  if (output === 'yaml' || output === 'json') {
    if (objects.length === 0 && options.single) return 0;
    const value = options.single && objects.length === 1 ? objects[0] : asList(objects);
    k.out(output === 'yaml' ? toYaml(value) : toJson(value));
    return 0;
  }
  if (output === 'name') {
    for (const { type, objects: list } of found) for (const o of list) k.out(`${kindRef(type)}/${o.metadata.name}\n`);
    return 0;
  }
  if (output.startsWith('jsonpath=') || output.startsWith('jsonpath-as-json=')) {
    const template = output.slice(output.indexOf('=') + 1);
    const data = options.single && objects.length === 1 ? objects[0] : asList(objects);
    try {
      if (output.startsWith('jsonpath-as-json=')) k.out(toJson(evaluateJsonPath(template, data)));
      else k.out(executeJsonPath(template, data));
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      return k.fail(`error: error parsing jsonpath ${template}, ${error.message}`);
    }
    return 0;
  }
  if (output.startsWith('custom-columns=')) return customColumns(k, objects, output.slice('custom-columns='.length));
  if (output !== '' && output !== 'wide') {
    return k.fail(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  }
  const nonEmpty = found.filter((f) => f.objects.length > 0);
  if (nonEmpty.length === 0) {
    if (!options.single) {
      const allNamespaces = k.flags.bool('all-namespaces') || found.every((f) => !f.type.namespaced);
      k.err(allNamespaces ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
    }
    return 0;
  }
  const showKind = found.length > 1 || k.flags.bool('show-kind');
  const tables = nonEmpty.map((f) => table(k, tableRows(k, f.type, f.objects, { wide: output === 'wide', showKind })));
  k.out(tables.join('\n'));
  return 0;
}

function customColumns(k: Kubectl, objects: KubeObject[], spec: string): number {
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    return { header: part.slice(0, colon), path: part.slice(colon + 1) };
  });
  const rows = objects.map((o) =>
    columns.map((c) => {
      const values = evaluateJsonPath(c.path.startsWith('{') ? c.path : `{${c.path}}`, o);
      return values.length === 0 ? '<none>' : values.map(formatValue).join(',');
    }),
  );
  const header = columns.map((c) => c.header);
  k.out(formatTable(k.flags.bool('no-headers') ? rows : [header, ...rows], { minWidth: 0, padding: 3 }));
  return 0;
}
