import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleMeshShell } from '../../../scripts/site/webcontainer-payload.mjs';
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

/** A lab folder as a WebContainer would have it mounted: the lab's files and the bundled program. */
async function payloadDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meshdojo-payload-'));
  writeTree(
    dir,
    workspaceTree({
      'virtual-services.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payload-test\n',
      'package.json': JSON.stringify({ name: 'meshdojo-lab', private: true, type: 'module' }),
      '.meshdojo/mesh.mjs': await bundleMeshShell(),
    }),
  );
  return dir;
}

describe('the WebContainer payload under Node', () => {
  it('runs kubectl against the bundled mesh with the lab files in place', async () => {
    const dir = await payloadDir();
    const output = execFileSync(process.execPath, ['.meshdojo/mesh.mjs'], {
      cwd: dir,
      input: 'kubectl apply -f virtual-services.yaml\nkubectl get ns payload-test\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toContain('namespace/payload-test created');
    expect(output).toMatch(/payload-test\s+Active/);
  }, 90_000);

  it('replays the journal the workbench mounted, and keeps it as the learner goes on', async () => {
    const dir = await payloadDir();
    writeFileSync(
      join(dir, '.meshdojo/journal.json'),
      JSON.stringify([{ at: 0, run: 'kubectl create namespace from-before', ms: 1 }]),
    );
    const output = execFileSync(process.execPath, ['.meshdojo/mesh.mjs'], {
      cwd: dir,
      input: 'kubectl get ns from-before\nkubectl create namespace from-now\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toMatch(/from-before\s+Active/);
    const journal = JSON.parse(readFileSync(join(dir, '.meshdojo/journal.json'), 'utf8')) as { run?: string }[];
    expect(journal.map((entry) => entry.run).filter(Boolean)).toEqual([
      'kubectl create namespace from-before',
      'kubectl get ns from-before',
      'kubectl create namespace from-now',
    ]);
  }, 90_000);

  // WebContainers give the program a terminal: the same interactive shell as `npx meshdojo shell`, booted
  // with the lab's preset and setup, that picks up files the editor wrote after it started.
  it.skipIf(!existsSync('/usr/bin/script'))(
    'on a terminal: the lab setup ran, the prompt answers, and files written later are seen',
    async () => {
      const dir = await payloadDir();
      const child = spawn('/usr/bin/script', ['-qfec', `${process.execPath} .meshdojo/mesh.mjs`, '/dev/null'], {
        cwd: dir,
        env: {
          ...process.env,
          MESHDOJO_PRESET: 'istio',
          MESHDOJO_SETUP: JSON.stringify(['kubectl label namespace default istio-injection=enabled']),
          MESHDOJO_BANNER: 'lab ready',
        },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const waitFor = async (pattern: RegExp) => {
        for (let i = 0; i < 600 && !pattern.test(output); i++) await new Promise((r) => setTimeout(r, 50));
        expect(output).toMatch(pattern);
      };
      try {
        await waitFor(/lab ready[\s\S]*user@meshdojo/);
        child.stdin.write('kubectl get ns default --show-labels\r');
        await waitFor(/istio-injection=enabled/);
        writeFileSync(
          join(dir, 'virtual-services.yaml'),
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: edited\n',
        );
        child.stdin.write('kubectl apply -f virtual-services.yaml\r');
        await waitFor(/namespace\/edited created/);
      } finally {
        child.stdin.write('exit\r');
        child.kill();
      }
    },
    60_000,
  );
});
