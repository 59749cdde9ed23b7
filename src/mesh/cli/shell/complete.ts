import type { IFileSystem } from 'just-bash';
import { TYPES, type SimCluster } from '../../index';
import { KUBECTL_COMMANDS } from '../kubectl/kubectl';
import { ISTIOCTL_COMMANDS } from '../istioctl/istioctl';

/**
 * Tab completion for the word at the end of `line`: command names first, then kubectl/istioctl subcommands,
 * resource kinds after `get`/`describe`/`delete`, object names after a kind, namespaces after `-n`, and
 * file paths after `-f` or for anything else.
 */
export async function completeLine(
  line: string,
  cluster: SimCluster,
  fs: IFileSystem,
  cwd: string,
  commands: string[],
): Promise<string[]> {
  const words = line.split(/\s+/);
  const word = words.at(-1) ?? '';
  const before = words.slice(0, -1).filter((w) => w !== '');
  const pick = (candidates: readonly string[]): string[] =>
    [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
  if (before.length === 0 || /[|;&]$/.test(before.at(-1) ?? '')) return pick(commands);
  const [program, sub] = before;
  const previous = before.at(-1);
  if (previous === '-n' || previous === '--namespace')
    return pick(cluster.kube.list(TYPES.Namespace).map((n) => n.metadata.name));
  if (program === 'kubectl' && before.length === 1) return pick(KUBECTL_COMMANDS);
  if (program === 'istioctl' && before.length === 1) return pick(ISTIOCTL_COMMANDS);
  if (previous === '-f' || previous === '--filename') return pick(await paths(fs, cwd, word));
  if (
    program === 'kubectl' &&
    ['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'logs', 'exec'].includes(sub ?? '')
  ) {
    const positional = before.slice(2).filter((w) => !w.startsWith('-'));
    if (positional.length === 0 && sub !== 'logs' && sub !== 'exec') {
      return pick(cluster.kube.servedTypes().flatMap((t) => [t.plural, ...t.shortNames]));
    }
    const typeName = sub === 'logs' || sub === 'exec' ? 'pods' : positional[0]!;
    const type = cluster.kube.resolveResource(typeName);
    if (type === undefined) return [];
    const ns = namespaceOf(before) ?? 'default';
    return pick(cluster.kube.list(type, type.namespaced ? ns : undefined).map((o) => o.metadata.name));
  }
  return pick(await paths(fs, cwd, word));
}

function namespaceOf(words: string[]): string | undefined {
  const i = words.findIndex((w) => w === '-n' || w === '--namespace');
  return i >= 0 ? words[i + 1] : undefined;
}

async function paths(fs: IFileSystem, cwd: string, word: string): Promise<string[]> {
  const slash = word.lastIndexOf('/');
  const dirPart = slash < 0 ? '' : word.slice(0, slash + 1);
  const dir = fs.resolvePath(cwd, dirPart === '' ? '.' : dirPart);
  if (!(await fs.exists(dir))) return [];
  const out: string[] = [];
  for (const entry of await fs.readdir(dir)) {
    const isDir = (await fs.stat(`${dir}/${entry}`)).isDirectory;
    out.push(`${dirPart}${entry}${isDir ? '/' : ''}`);
  }
  return out;
}
