import { kindRef, type KubeObject, type ResourceType, type WatchEvent } from '../../index';
import { toJson, toYaml } from '../format/manifests';
import { formatTable } from '../format/table';
import type { Kubectl } from './context';
import { table, tableRows } from './get-table';
import { untilInterrupted } from './interrupt';

/** Which objects of the kind a watch prints: the names asked for, or those passing `-l` / `--field-selector`. */
export type WatchFilter = (object: KubeObject) => boolean;

/**
 * `kubectl get -w`: the current objects (unless --watch-only), then one line per change of the kind in the
 * namespace, as the API server's watch delivers them, until Ctrl-C. kubectl flushes its tab writer after each
 * event, so every change line is laid out on its own; the header comes with the first table printed.
 */
export async function watchObjects(
  k: Kubectl,
  type: ResourceType,
  current: KubeObject[],
  filter: WatchFilter,
): Promise<number> {
  const output = k.flags.string('output') ?? '';
  const options = { wide: output === 'wide', showKind: k.flags.bool('show-kind') };
  let headerPrinted = k.flags.bool('no-headers');
  let printed = 0;
  const printObjects = (objects: KubeObject[]): void => {
    if (objects.length === 0) return;
    if (output === 'yaml' || output === 'json') {
      // kubectl's YAML printer separates documents after the first; JSON objects simply follow one another.
      for (const o of objects) k.out(output === 'json' ? toJson(o) : `${printed++ > 0 ? '---\n' : ''}${toYaml(o)}`);
      return;
    }
    if (output === 'name') {
      for (const o of objects) k.out(`${kindRef(type)}/${o.metadata.name}\n`);
      return;
    }
    const rows = tableRows(k, type, objects, options);
    k.out(headerPrinted ? formatTable(rows.slice(1)) : table(k, rows));
    headerPrinted = true;
  };
  if (!k.flags.bool('watch-only')) printObjects(current);
  const namespace = type.namespaced && !k.allNamespaces ? k.namespace : undefined;
  const stop = k.kube.watch(type, (event: WatchEvent) => {
    const object = event.object;
    if (namespace !== undefined && object.metadata.namespace !== namespace) return;
    if (filter(object)) printObjects([object]);
  });
  try {
    return await untilInterrupted(k);
  } finally {
    stop();
  }
}
