/**
 * Lets the grading process import meshdojo's TypeScript as tsx does for the CLI: `./x` finds `x.ts` or
 * `x/index.ts`, and a `.ts` file loads with its types removed by sucrase. tsx cannot serve here: esbuild, which
 * it compiles with, runs as a child process (through a worker_thread), and the grading process may start
 * neither. These hooks run in the process's own thread (module.registerHooks) and write nothing to disk.
 *
 * Node loads this file itself, stripping its types, before any hook exists: it imports only Node and sucrase.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';

const RELATIVE = /^\.\.?\//;
const HAS_EXTENSION = /\.[cm]?[jt]s$/;

export function registerTypeScriptHooks(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!RELATIVE.test(specifier) || HAS_EXTENSION.test(specifier) || !context.parentURL?.endsWith('.ts'))
        return nextResolve(specifier, context);
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // not this one
        }
      }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
      const filePath = fileURLToPath(url);
      const { code } = transform(readFileSync(filePath, 'utf8'), {
        transforms: ['typescript'],
        disableESTransforms: true,
        filePath,
      });
      return { format: 'module', source: code, shortCircuit: true };
    },
  });
}
