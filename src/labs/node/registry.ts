/**
 * Every lab, discovered by scanning src/labs on disk: the Node CLI's registry (tsx has no import.meta.glob).
 * Same rule as the Vite registry: a folder with lab.ts is a lab.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assembleLab, sortLabs } from '../assemble';
import type { Lab } from '../schema';

export const LABS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return out;
}

export async function loadLabs(root: string = LABS_DIR): Promise<Lab[]> {
  const folders = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'lab.ts')))
    .sort();
  const labs = await Promise.all(
    folders.map(async (folder) => {
      const dir = join(root, folder);
      const meta = (await import(pathToFileURL(join(dir, 'lab.ts')).href)) as { default: unknown };
      const checks = (await import(pathToFileURL(join(dir, 'checks.ts')).href)) as { default: unknown; live?: unknown };
      return assembleLab({
        folder,
        meta: meta.default,
        checks: checks.default,
        live: checks.live,
        starter: readTree(join(dir, 'files')),
        steps: readTree(join(dir, 'steps')),
        solution: readTree(join(dir, 'solution')),
      });
    }),
  );
  return sortLabs(labs);
}
