import {
  formatKubectlErrors,
  notFoundError,
  unknownResourceTypeError,
  type KubeError,
  type KubeObject,
  type ResourceType,
} from '../../index';
import type { Kubectl } from './context';
import { readManifests } from './manifest-input';

/** One object `kubectl edit` opens, as the server has it now. */
export interface EditTarget {
  type: ResourceType;
  object: KubeObject;
}

const NO_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/**
 * The live objects a `kubectl edit` line names — `TYPE NAME…`, `TYPE/NAME…`, a bare `TYPE` (all of them in the
 * namespace), or `-f FILE` (the objects the file describes, fetched again from the server) — or kubectl's error.
 */
export async function editTargets(k: Kubectl): Promise<EditTarget[] | string> {
  const files = k.flags.strings('filename');
  if (files.length > 0 && k.args.length > 0)
    return 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well';
  const wanted = files.length > 0 ? await fromFiles(k) : fromArgs(k);
  if (typeof wanted === 'string') return wanted;
  const targets: EditTarget[] = [];
  const errors: KubeError[] = [];
  for (const { type, namespace, names } of wanted) {
    if (names === undefined) {
      for (const object of k.kube.list(type, type.namespaced ? namespace : undefined)) targets.push({ type, object });
      continue;
    }
    for (const name of names) {
      const object = k.kube.get(type, namespace, name);
      if (object === undefined) errors.push(notFoundError(type, name));
      else targets.push({ type, object });
    }
  }
  return errors.length > 0 ? formatKubectlErrors(errors) : targets;
}

/** Objects of one type: these names, or (undefined) every one in the namespace. */
interface Wanted {
  type: ResourceType;
  namespace: string;
  names: string[] | undefined;
}

function fromArgs(k: Kubectl): Wanted[] | string {
  const [first, ...rest] = k.args;
  if (first === undefined) return NO_RESOURCES;
  const namespace = k.namespace;
  if (first.includes('/')) {
    const wanted: Wanted[] = [];
    for (const arg of k.args) {
      const [typeName = '', name = ''] = arg.split('/', 2);
      if (!arg.includes('/'))
        return `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl edit resource/<resource_name>' instead of 'kubectl edit resource resource/<resource_name>'`;
      const type = k.resolveType(typeName);
      if (!('kind' in type)) return type.message;
      wanted.push({ type, namespace, names: [name] });
    }
    return wanted;
  }
  const wanted: Wanted[] = [];
  for (const typeName of first.split(',')) {
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return type.message;
    wanted.push({ type, namespace, names: rest.length > 0 ? rest : undefined });
  }
  return wanted;
}

async function fromFiles(k: Kubectl): Promise<Wanted[] | string> {
  const sources = await readManifests(k, k.flags.bool('recursive'));
  if (typeof sources === 'string') return sources;
  const wanted: Wanted[] = [];
  for (const { documents } of sources) {
    for (const document of documents) {
      const kind = typeof document.kind === 'string' ? document.kind : '';
      const apiVersion = typeof document.apiVersion === 'string' ? document.apiVersion : '';
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const type = k.kube.resolveResource(group === '' ? kind : `${kind}.${group}`);
      if (type === undefined) return unknownResourceTypeError(kind).message;
      const metadata = (document.metadata ?? {}) as { name?: unknown; namespace?: unknown };
      const written = typeof metadata.namespace === 'string' ? metadata.namespace : '';
      if (type.namespaced && k.explicitNamespace && written !== '' && written !== k.namespace)
        return `error: the namespace from the provided object "${written}" does not match the namespace "${k.namespace}". You must pass '--namespace=${written}' to perform this operation.`;
      wanted.push({
        type,
        namespace: written === '' ? k.namespace : written,
        names: [typeof metadata.name === 'string' ? metadata.name : ''],
      });
    }
  }
  return wanted;
}
