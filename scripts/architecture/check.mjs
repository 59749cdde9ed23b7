#!/usr/bin/env node
// `npm test`'s architecture step: dependency-cruiser checks every import against the map
// (scripts/architecture/layers.mjs via .dependency-cruiser.mjs): wrong-way imports, skipped entry points and
// cycles. dependency-cruiser cannot read .astro and .mdx files, so the check runs on a copy of the tree in which
// each of them has a twin `<file>.ts` holding its imports; violations are reported under the original name.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layerOf } from './layers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What is checked; scripts/ and e2e/ only for cycles and for what they import. */
export const CHECKED = ['src', 'bin', 'scripts', 'e2e', 'content'];
const CONFIG_FILES = ['.dependency-cruiser.mjs', 'tsconfig.json', 'package.json'];

/** The import statements of an .astro file (frontmatter and scripts) or an .mdx file (top-level imports). */
export function importsOf(text) {
  const statements = text.match(/^\s*import\s[^;]*?from\s+['"][^'"]+['"];?|^\s*import\s+['"][^'"]+['"];?/gms) ?? [];
  return statements.map((s) => s.trim().replace(/;?$/, ';')).join('\n');
}

/**
 * Runs dependency-cruiser over `root` (a checkout, or a test's fixture tree) and returns its exit code and its
 * report. The tree is copied first so .astro and .mdx files can get their import twins.
 */
export function checkArchitecture(root = ROOT, { outputType = 'err' } = {}) {
  const mirror = mkdtempSync(join(tmpdir(), 'meshdojo-architecture-'));
  try {
    for (const file of [...CONFIG_FILES, 'scripts/architecture/layers.mjs']) {
      mkdirSync(dirname(join(mirror, file)), { recursive: true });
      cpSync(join(ROOT, file), join(mirror, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(mirror, 'node_modules'), 'dir');
    const present = [];
    for (const folder of CHECKED) {
      try {
        cpSync(join(root, folder), join(mirror, folder), {
          recursive: true,
          filter: (p) => !p.includes('node_modules'),
        });
        present.push(folder);
      } catch {
        // a fixture tree has only some of the folders
      }
    }
    const listed = spawnSync('find', present, { cwd: mirror, encoding: 'utf8' }).stdout.split('\n');
    for (const file of listed.filter((f) => /\.(astro|mdx)$/.test(f))) {
      writeFileSync(join(mirror, `${file}.ts`), importsOf(readFileSync(join(mirror, file), 'utf8')));
    }
    const cli = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
    const run = spawnSync(
      process.execPath,
      [cli, ...present, '--config', '.dependency-cruiser.mjs', '--output-type', outputType],
      {
        cwd: mirror,
        encoding: 'utf8',
      },
    );
    const output = `${run.stdout}${run.stderr}`.replace(/\.(astro|mdx)\.ts\b/g, '.$1');
    const unmapped = listed.filter((f) => /^(src|bin)\//.test(f) && /\.[a-z]+$/.test(f) && layerOf(f) === undefined);
    if (unmapped.length === 0) return { exitCode: run.status ?? 1, output };
    const lines = unmapped.map(
      (f) => `  error not-on-the-map: ${f} is in no layer of scripts/architecture/layers.mjs\n`,
    );
    return { exitCode: 1, output: `${output}${lines.join('')}` };
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { exitCode, output } = checkArchitecture();
  process.stdout.write(output);
  process.exit(exitCode);
}
