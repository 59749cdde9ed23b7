/**
 * `kubectl create configmap NAME`, `kubectl create secret tls NAME --cert=… --key=…` and `kubectl create secret generic NAME --from-file=[key=]path
 * --from-literal=key=value`: the credentials the secure-ingress task hands the gateway (credentialName), read from
 * the shell's files and stored base64-encoded, as kubectl does.
 */
import { base64OfText } from '../../index';
import { resolvePath } from '../io';
import type { Kubectl } from './context';

export const SECRET_FLAGS = [
  { name: 'cert', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'from-file', type: 'strings' },
  { name: 'from-literal', type: 'strings' },
  { name: 'type', type: 'string' },
] as const;

/** The Secret to create, or the exit status of a refusal (already reported). */
export async function secretManifest(
  k: Kubectl,
  kind: string | undefined,
  name: string | undefined,
): Promise<Record<string, unknown> | number> {
  if (kind !== 'tls' && kind !== 'generic' && kind !== 'docker-registry')
    return k.fail(
      `error: unknown command "${kind ?? ''}" for "kubectl create secret"\nDid you mean this?\n\tgeneric\n\ttls`,
    );
  if (kind === 'docker-registry') return k.fail('error: image pull secrets are not simulated: every image is known');
  if (name === undefined)
    return k.fail(
      `error: exactly one NAME is required, got 0\nSee 'kubectl create secret ${kind} -h' for help and examples`,
    );
  const read = async (path: string): Promise<string | undefined> => {
    const absolute = resolvePath(k.io.cwd, path);
    return (await k.io.fs.exists(absolute)) ? k.io.fs.readFile(absolute) : undefined;
  };
  const data: Record<string, string> = {};
  if (kind === 'tls') {
    const cert = k.flags.string('cert');
    const key = k.flags.string('key');
    if (cert === undefined || key === undefined) return k.fail('error: required flag(s) "cert", "key" not set');
    for (const [field, path] of [
      ['tls.crt', cert],
      ['tls.key', key],
    ] as const) {
      const text = await read(path);
      if (text === undefined) return k.fail(`error: open ${path}: no such file or directory`);
      data[field] = base64OfText(text);
    }
  } else {
    const sources = await sourceData(k, base64OfText);
    if (typeof sources === 'number') return sources;
    Object.assign(data, sources);
  }
  const type = kind === 'tls' ? 'kubernetes.io/tls' : (k.flags.string('type') ?? 'Opaque');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: k.namespace }, type, data };
}

/**
 * `--from-file=[key=]path` and `--from-literal=key=value`, each value through `encode` (base64 for a Secret,
 * as is for a ConfigMap); the exit status of a refusal when a file is missing or a literal malformed.
 */
async function sourceData(k: Kubectl, encode: (text: string) => string): Promise<Record<string, string> | number> {
  const data: Record<string, string> = {};
  for (const spec of k.flags.strings('from-file')) {
    const [field, path] = spec.includes('=')
      ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)]
      : [spec.split('/').at(-1)!, spec];
    const absolute = resolvePath(k.io.cwd, path);
    if (!(await k.io.fs.exists(absolute))) return k.fail(`error: error reading ${path}: no such file or directory`);
    data[field] = encode(await k.io.fs.readFile(absolute));
  }
  for (const literal of k.flags.strings('from-literal')) {
    const at = literal.indexOf('=');
    if (at <= 0) return k.fail(`error: invalid literal source ${literal}, expected key=value`);
    data[literal.slice(0, at)] = encode(literal.slice(at + 1));
  }
  return data;
}

/** `kubectl create configmap NAME --from-file=… --from-literal=…`: the files as they are (nginx's nginx.conf). */
export async function configMapManifest(
  k: Kubectl,
  name: string | undefined,
): Promise<Record<string, unknown> | number> {
  if (name === undefined)
    return k.fail(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples",
    );
  const data = await sourceData(k, (text) => text);
  if (typeof data === 'number') return data;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: k.namespace }, data };
}
