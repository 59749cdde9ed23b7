/**
 * Every lab, discovered from its folder at build time (Vite / Astro / Vitest): adding src/labs/<id>/ with
 * lab.ts, checks.ts, steps/, files/ and solution/ is all it takes. Node without Vite uses node/registry.ts instead.
 */
import { assembleLab, sortLabs } from './assemble';
import type { Lab } from './schema';

const metas = import.meta.glob<{ default: unknown }>('./*/lab.ts', { eager: true });
const checks = import.meta.glob<{ default: unknown; live?: unknown }>('./*/checks.ts', { eager: true });
const starters = import.meta.glob<string>('./*/files/**/*', { query: '?raw', import: 'default', eager: true });
const solutions = import.meta.glob<string>('./*/solution/**/*', { query: '?raw', import: 'default', eager: true });
const stepTexts = import.meta.glob<string>('./*/steps/*.md', { query: '?raw', import: 'default', eager: true });

/** `./<folder>/<dir>/a/b.ts` → { folder: { 'a/b.ts': text } } */
function byFolder(files: Record<string, string>, dir: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [key, text] of Object.entries(files)) {
    const match = new RegExp(`^\\./([^/]+)/${dir}/(.+)$`).exec(key);
    if (match === null) continue;
    const [, folder = '', path = ''] = match;
    out.set(folder, { ...out.get(folder), [path]: text });
  }
  return out;
}

function load(): Lab[] {
  const starter = byFolder(starters, 'files');
  const solution = byFolder(solutions, 'solution');
  const steps = byFolder(stepTexts, 'steps');
  return sortLabs(
    Object.entries(metas).map(([key, module]) => {
      const folder = key.split('/')[1] ?? '';
      return assembleLab({
        folder,
        meta: module.default,
        checks: checks[`./${folder}/checks.ts`]?.default,
        live: checks[`./${folder}/checks.ts`]?.live,
        starter: starter.get(folder) ?? {},
        steps: steps.get(folder) ?? {},
        solution: solution.get(folder) ?? {},
      });
    }),
  );
}

export const labs: readonly Lab[] = load();

export function getLab(id: string): Lab | undefined {
  return labs.find((lab) => lab.meta.id === id);
}
