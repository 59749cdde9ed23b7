#!/usr/bin/env node
// Production server for the built course (dist/): static files with the security headers every page
// needs (cross-origin isolation for WebContainers, CSP), and `/` answered by the visitor's
// Accept-Language. Works offline: it serves only local files.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import Negotiator from 'negotiator';
import { headersFor } from './site/headers.mjs';

const LOCALES = ['ko', 'en'];

/** Picks the course language for a request to `/`: the best Accept-Language match, else Korean. */
export function preferredLocale(acceptLanguage) {
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } });
  return negotiator.language(LOCALES) ?? LOCALES[0];
}

export function createCourseServer(distDir) {
  const files = sirv(distDir, {
    dev: false,
    etag: true,
  });
  const notFoundFile = join(distDir, '404.html');
  const notFoundPage = existsSync(notFoundFile) ? readFileSync(notFoundFile) : 'Not found';
  return createServer((req, res) => {
    // Every response carries its path's headers, 304s included: a browser updates a cached file's headers
    // from the 304, so a revalidated sandbox Worker would otherwise lose its own policy.
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const [name, value] of Object.entries(headersFor(pathname))) res.setHeader(name, value);
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const locale = preferredLocale(req.headers['accept-language']);
      res.writeHead(302, { location: `/${locale}/`, vary: 'Accept-Language' });
      res.end();
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFoundPage);
    });
  });
}

/** Serves dist/ on localhost and says where. */
export function serveCourse(port = Number(process.env.PORT ?? 4321)) {
  const distDir = fileURLToPath(new URL('../dist', import.meta.url));
  return createCourseServer(distDir).listen(port, 'localhost', () => {
    console.log(`\n  meshdojo is ready: http://localhost:${port}/  (한국어 /ko/ · English /en/)`);
    console.log('  Ctrl-C stops the server.\n');
  });
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) serveCourse();
