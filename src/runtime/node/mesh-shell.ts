// The WebContainer payload's program (bundled to one .mjs): the same mesh and the same shell commands as the
// sandbox, run under Node. It reads a script on stdin (one command per line, like `jsh` would pipe it),
// runs it on a fresh cluster, prints what the learner's terminal would show and exits with the last status.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCluster, SAMPLE_FILES } from '../../mesh';
import { createShell, ISTIO_DIR } from '../../mesh/cli/index';

const LAB_DIR = '/home/user/lab';

async function labFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.parentPath.includes('.meshdojo')) continue;
    const path = join(entry.parentPath, entry.name);
    files[`${LAB_DIR}/${path.slice(dir.length + 1)}`] = await readFile(path, 'utf8');
  }
  return files;
}

async function main(): Promise<number> {
  const preset = (process.env['MESHDOJO_PRESET'] ?? 'bare') as 'bare' | 'istio' | 'bookinfo';
  const cluster = await createCluster({ seed: 7, clock: 'virtual', preset });
  const samples = Object.fromEntries(
    Object.entries(SAMPLE_FILES).map(([path, text]) => [`${ISTIO_DIR}/${path}`, text]),
  );
  const shell = await createShell(cluster, { cwd: LAB_DIR, files: { ...samples, ...(await labFiles(process.cwd())) } });
  let status = 0;
  let script = '';
  for await (const chunk of process.stdin) script += String(chunk);
  for (const line of script.split('\n').filter((l) => l.trim() !== '')) {
    const result = await shell.run(line);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    status = result.exitCode;
  }
  cluster.dispose();
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
