// Whether dist/ must be built again, and building it: shared by `npm start` (scripts/start.mjs) and
// `meshdojo workshop` (src/workshop/server/cli.ts), so both serve a build no older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the site is built from. */
export const SOURCES = ['content', 'src', 'public', 'astro.config.mjs', 'scripts/site', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** 'missing' (no build), 'older' (a source changed after it) or undefined (current). */
export function staleBuildReason(root, distDir = join(root, 'dist')) {
  const stamp = join(distDir, 'index.html');
  if (!existsSync(stamp)) return 'missing';
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))));
  return statSync(stamp).mtimeMs < changedAt ? 'older' : undefined;
}

/** Runs `astro build` in `root`, its output on this terminal; true when it succeeded. */
export function buildSite(root) {
  return spawnSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' }).status === 0;
}
