/**
 * A workshop serves the built course (dist/): `meshdojo workshop` builds it first when there is none, or when a
 * source is newer than the build, so an instructor who pulled a new version never teaches the old one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the site is built from. */
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'];
const BUILD_STAMP = 'index.html';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ must be built again, or undefined when it is current. */
export function staleBuildReason(root: string, distDir: string): 'missing' | 'older' | undefined {
  const stamp = join(distDir, BUILD_STAMP);
  if (!existsSync(stamp)) return 'missing';
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built) ? 'older' : undefined;
}

/** Runs `astro build` in `root`, its output on this terminal; true when it succeeded. */
export function buildSite(root: string): boolean {
  const result = spawnSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}
