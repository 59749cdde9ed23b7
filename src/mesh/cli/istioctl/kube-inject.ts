import type { Flags } from '../args';
import { parseManifests, toYaml } from '../format/manifests';
import { resolvePath, type CommandIo } from '../io';

/**
 * `istioctl kube-inject -f FILE`: the manifests with their pod templates marked for injection. The API
 * server's injector then adds the sidecar when the pods are created, so the running pods look exactly as
 * with automatic injection (the printed YAML carries the mark rather than the expanded sidecar).
 */
export async function kubeInject(io: CommandIo, flags: Flags): Promise<number> {
  const file = flags.strings('filename')[0];
  if (file === undefined) {
    io.stderr.write('Error: filename not specified (see --filename or -f)\n');
    return 1;
  }
  const path = file === '-' ? undefined : resolvePath(io.cwd, file);
  if (path !== undefined && !(await io.fs.exists(path))) {
    io.stderr.write(`Error: open ${file}: no such file or directory\n`);
    return 1;
  }
  const parsed = parseManifests(
    path === undefined ? io.stdin : await io.fs.readFile(path),
    file === '-' ? 'STDIN' : file,
  );
  if (!parsed.ok) {
    io.stderr.write(`Error: ${parsed.message.replace(/^error: /, '')}\n`);
    return 1;
  }
  const out = parsed.documents.map((doc) => {
    const template =
      doc.kind === 'Pod'
        ? doc
        : ((doc.spec as Record<string, unknown> | undefined)?.template as Record<string, unknown> | undefined);
    if (
      template !== undefined &&
      ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(String(doc.kind))
    ) {
      const metadata = (template.metadata ??= {}) as { labels?: Record<string, string> };
      metadata.labels = { ...metadata.labels, 'sidecar.istio.io/inject': 'true' };
    }
    return toYaml(doc);
  });
  io.stdout.write(out.join('---\n'));
  return 0;
}
