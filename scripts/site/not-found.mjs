// A "page not found" page per language: the build renders /<locale>/404/ (src/pages/[locale]/404.astro) and
// moves it to <locale>/404.html, the name static hosts look for (Cloudflare Pages serves the nearest one up
// the path); scripts/serve.mjs picks the page by the request's first path segment.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['ko', 'en'];

/** The built 404 pages: one per language, and the site's own for paths outside them. */
export function loadNotFoundPages(distDir) {
  const read = (file) => (existsSync(join(distDir, file)) ? readFileSync(join(distDir, file)) : undefined);
  const fallback = read('404.html') ?? 'Not found';
  const pages = Object.fromEntries(LOCALES.map((locale) => [locale, read(`${locale}/404.html`) ?? fallback]));
  /** The 404 page for a request path: `/en/…` gets the English one. */
  return (pathname) => pages[pathname.split('/')[1]] ?? fallback;
}

export function notFoundPagesIntegration() {
  return {
    name: 'meshdojo:not-found-pages',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        for (const locale of LOCALES) {
          const built = join(root, locale, '404');
          await mkdir(join(root, locale), { recursive: true });
          await rename(join(built, 'index.html'), join(root, locale, '404.html'));
          await rm(built, { recursive: true });
        }
      },
    },
  };
}
