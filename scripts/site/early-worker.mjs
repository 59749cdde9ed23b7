// Lab pages start their sandbox Worker from a small inline script in its <head> (src/components/workbench/early-worker-script.ts) that needs the
// Worker's URL, which only exists once Vite has hashed it. This writes that URL into the built pages; it
// runs before the CSP integration, which then hashes the finished script.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rewriteBuiltPages } from './built-pages.mjs';

export const EARLY_WORKER_PLACEHOLDER = '__MESHDOJO_SANDBOX_WORKER_URL__';
const WORKER_FILE = /^sandbox-worker-[\w-]+\.js$/;

/** Replaces the placeholder in `html` with `url`; pages without it come back unchanged. */
export function withWorkerUrl(html, url) {
  return html.replaceAll(EARLY_WORKER_PLACEHOLDER, url);
}

export function earlyWorkerIntegration() {
  return {
    name: 'meshdojo:early-worker',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const workers = (await readdir(join(root, '_astro'))).filter((name) => WORKER_FILE.test(name));
        await rewriteBuiltPages(root, (html) => {
          if (!html.includes(EARLY_WORKER_PLACEHOLDER)) return html;
          if (workers.length !== 1)
            throw new Error(`early-worker: expected one sandbox Worker in _astro, found ${workers.length}`);
          return withWorkerUrl(html, `/_astro/${workers[0]}`);
        });
      },
    },
  };
}
