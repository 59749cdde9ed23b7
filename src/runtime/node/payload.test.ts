import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { workspaceTree, type Tree } from '../webcontainer/tree';

// WebContainers cannot boot without internet, so this proves the other half: the files a WebContainer would
// mount (the lab's files plus the mesh bundled for Node) run under real Node and answer like the sandbox.

function writeTree(dir: string, tree: Tree): void {
  for (const [name, node] of Object.entries(tree)) {
    const path = join(dir, name);
    if ('directory' in node) {
      mkdirSync(path, { recursive: true });
      writeTree(path, node.directory);
    } else {
      writeFileSync(path, node.file.contents);
    }
  }
}

describe('the WebContainer payload under Node', () => {
  it('runs kubectl against the bundled mesh with the lab files in place', async () => {
    const bundle = await build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'mesh-shell.ts')],
      bundle: true,
      // Not `platform: 'node'`: that picks packages' Node entries, which load helpers at run time from a
      // node_modules the payload does not have. Their plain ESM entries bundle completely.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      format: 'esm',
      write: false,
      logLevel: 'silent',
      // just-bash's optional native compressors: absent here and in a WebContainer; it works without them.
      external: [
        '@mongodb-js/zstd',
        'node-liblzma',
        'node:*',
        'fs',
        'path',
        'os',
        'url',
        'zlib',
        'crypto',
        'module',
        'util',
        'stream',
        'events',
        'buffer',
        'child_process',
        'worker_threads',
      ],
      banner: {
        js: "import { createRequire as __meshdojoRequire } from 'node:module'; const require = __meshdojoRequire(import.meta.url);",
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'meshdojo-payload-'));
    const tree = workspaceTree({
      'virtual-services.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payload-test\n',
      'package.json': JSON.stringify({ name: 'meshdojo-lab', private: true, type: 'module' }),
      '.meshdojo/mesh.mjs': bundle.outputFiles[0]!.text,
    });
    writeTree(dir, tree);
    const output = execFileSync(process.execPath, ['.meshdojo/mesh.mjs'], {
      cwd: dir,
      input: 'kubectl apply -f virtual-services.yaml\nkubectl get ns payload-test\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toContain('namespace/payload-test created');
    expect(output).toMatch(/payload-test\s+Active/);
  }, 90_000);
});
