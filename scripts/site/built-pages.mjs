// The built site's pages, for the integrations that rewrite them once Astro's build is done.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every .html file under `root`. */
export async function builtPages(root) {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** Runs `rewrite(html, file)` over every built page and writes back each page it changed. */
export async function rewriteBuiltPages(root, rewrite) {
  for (const file of await builtPages(root)) {
    const html = await readFile(file, 'utf8');
    const next = rewrite(html, file);
    if (next !== html) await writeFile(file, next);
  }
}
