#!/usr/bin/env node
// Production server for the built course (dist/): static files with the security headers every page
// needs (cross-origin isolation for WebContainers, CSP), compressed (the build's .br and .gz copies, see
// scripts/site/precompress.mjs) and cached by the rules of scripts/site/cache-policy.mjs, `/` answered by the
// visitor's Accept-Language, and a missing page answered in its path's language. Works offline: it serves only
// local files.
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import Negotiator from 'negotiator';
import { headersFor } from './site/headers.mjs';
import { ASK_FIRST, cacheControlFor } from './site/cache-policy.mjs';
import { LOCALES, loadNotFoundPages } from './site/not-found.mjs';

/** A static site takes nothing: other methods are answered 405 with these. */
export const ALLOWED_METHODS = ['GET', 'HEAD'];

/** Picks the course language for a request to `/`: the best Accept-Language match, else Korean. */
export function preferredLocale(acceptLanguage) {
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } });
  return negotiator.language(LOCALES) ?? LOCALES[0];
}

/** The course's request listener: what createCourseServer serves, for a server that answers more (the workshop). */
export function createCourseHandler(distDir) {
  // brotli/gzip: sirv answers x.js with x.js.br or x.js.gz when the request accepts that encoding.
  const files = sirv(distDir, {
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
  });
  const notFoundPage = loadNotFoundPages(distDir);
  return (req, res) => {
    // Every response carries its path's headers, 304s included: a browser updates a cached file's headers
    // from the 304, so a revalidated sandbox Worker would otherwise lose its own policy.
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const [name, value] of Object.entries(headersFor(pathname))) res.setHeader(name, value);
    if (!ALLOWED_METHODS.includes(req.method ?? '')) {
      res.writeHead(405, { allow: ALLOWED_METHODS.join(', '), 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const locale = preferredLocale(req.headers['accept-language']);
      res.writeHead(302, { location: `/${locale}/`, vary: 'Accept-Language' });
      res.end();
      return;
    }
    // Set before sirv, which answers a matching ETag with a bare 304: the 304 must repeat both (RFC 9110).
    res.setHeader('Cache-Control', cacheControlFor(pathname));
    res.setHeader('Vary', 'Accept-Encoding');
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': ASK_FIRST });
      res.end(notFoundPage(pathname));
    });
  };
}

export function createCourseServer(distDir) {
  return createServer(createCourseHandler(distDir));
}

/** Hosts that reach only this computer. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * What the server says once it listens on `host`: where to open it, and either how to serve the local
 * network (it listens on this computer only) or the addresses other devices use.
 */
export function startMessage(host, port, interfaces = networkInterfaces()) {
  const lines = [`  meshdojo is ready: http://localhost:${port}/  (한국어 /ko/ · English /en/)`];
  if (LOOPBACK.has(host)) {
    lines.push(
      `  It listens on this computer only (${host}). To open it from other devices on your network:`,
      '    HOST=0.0.0.0 npm start',
    );
  } else {
    const addresses = ['0.0.0.0', '::'].includes(host)
      ? Object.values(interfaces)
          .flat()
          .filter((address) => address && !address.internal && address.family === 'IPv4')
          .map((address) => address.address)
      : [host];
    lines.push(`  On your network: ${addresses.map((address) => `http://${address}:${port}/`).join('  ')}`);
    lines.push(
      '  Lessons open anywhere; labs need a secure page (localhost or https): from another device, reach it',
      `  through an SSH tunnel (ssh -L ${port}:localhost:${port} <this computer>) or an HTTPS proxy.`,
    );
  }
  lines.push('  Ctrl-C stops the server.');
  return `\n${lines.join('\n')}\n`;
}

/** Serves dist/ on HOST (localhost unless set) and PORT (4321) and says where. */
export function serveCourse({
  port = Number(process.env.PORT ?? 4321),
  host = process.env.HOST || 'localhost',
  distDir = fileURLToPath(new URL('../dist', import.meta.url)),
} = {}) {
  const server = createCourseServer(distDir);
  return server.listen(port, host, () => console.log(startMessage(host, server.address().port)));
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) serveCourse();
