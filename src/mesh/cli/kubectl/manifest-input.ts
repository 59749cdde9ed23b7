import { parseManifests } from '../format/manifests';
import { resolvePath } from '../io';
import type { Kubectl } from './context';
import { crdBundleYaml, releaseInstallUrl } from './gateway-api-release';

/** The documents of one `-f` argument, with the name kubectl uses for it in messages. */
export interface ManifestSource {
  source: string;
  documents: Record<string, unknown>[];
}

/**
 * Reads every `-f` argument (a file, a directory's .yaml/.yml/.json files, `-` for stdin, or a raw GitHub URL
 * of an Istio sample, served from the sample files) and parses them all before anything is sent, so a
 * stream that does not parse changes nothing. The Gateway API's release manifests come from gateway-api-release.ts. Returns a message instead when reading or parsing fails.
 */
export async function readManifests(k: Kubectl, recursive = false): Promise<ManifestSource[] | string> {
  const sources: ManifestSource[] = [];
  for (const name of k.flags.strings('filename')) {
    const read = await readSource(k, name, recursive);
    if (typeof read === 'string') return read;
    for (const { source, text } of read) {
      const parsed = parseManifests(text, source);
      if (!parsed.ok) return parsed.message;
      sources.push({ source, documents: parsed.documents });
    }
  }
  return sources;
}

async function readSource(
  k: Kubectl,
  name: string,
  recursive: boolean,
): Promise<{ source: string; text: string }[] | string> {
  if (name === '-') return [{ source: 'STDIN', text: k.io.stdin }];
  if (/^https?:\/\//.test(name)) {
    const release = releaseInstallUrl(name);
    if (release !== undefined) return [{ source: name, text: crdBundleYaml(release) }];
    const sample = /\/(samples\/.+)$/.exec(name)?.[1];
    const local = sample === undefined ? undefined : resolvePath(k.io.cwd, sample);
    const fallback = sample === undefined ? undefined : `/home/user/istio/${sample}`;
    for (const path of [local, fallback]) {
      if (path !== undefined && (await k.io.fs.exists(path)))
        return [{ source: name, text: await k.io.fs.readFile(path) }];
    }
    return `error: unable to read URL "${name}", server reported 404 Not Found, status code=404`;
  }
  const path = resolvePath(k.io.cwd, name);
  if (!(await k.io.fs.exists(path))) return `error: the path "${name}" does not exist`;
  if (!(await k.io.fs.isDirectory(path))) return [{ source: name, text: await k.io.fs.readFile(path) }];
  const out: { source: string; text: string }[] = [];
  for (const entry of (await k.io.fs.readdir(path)).sort()) {
    const child = `${path}/${entry}`;
    const display = `${name.replace(/\/$/, '')}/${entry}`;
    if (await k.io.fs.isDirectory(child)) {
      if (!recursive) continue;
      const nested = await readSource(k, display, true);
      if (typeof nested === 'string') return nested;
      out.push(...nested);
    } else if (/\.(ya?ml|json)$/.test(entry)) out.push({ source: display, text: await k.io.fs.readFile(child) });
  }
  if (out.length === 0) return `error: no objects passed to ${k.command}`;
  return out;
}
