// What a lab page load moves over the network, counted where it leaves: the bytes our server writes to the
// browser's connections (status lines, headers and bodies). A page's CDP Network events would miss the lab's
// Workers (the sandbox Worker and Monaco's workers fetch their own scripts, several MB), so the server counts.
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** Resolves once `read()` has not changed for `quietMs`: the page has stopped fetching. */
async function settled(read, quietMs = 2000, stepMs = 250) {
  let last = read();
  let quietFor = 0;
  while (quietFor < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    const now = read();
    quietFor = now === last ? quietFor + stepMs : 0;
    last = now;
  }
}

/** The size of the file in `dist` that answers `pathname` uncompressed (a folder's index.html). */
function identitySize(dist, pathname) {
  const file = join(dist, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Meters `server` (a course server serving `dist`) from now on. `count(load)` measures one page load: the
 * bytes written to the browser's connections while it runs, the requests, and what the same files weigh
 * uncompressed (what a server without compression sends, headers aside). `load` navigates and resolves when
 * the page is ready; the count goes on until the page has fetched nothing for two seconds (Monaco's
 * TypeScript worker arrives after `lab-ready`).
 */
export function transferMeter(server, dist) {
  const sockets = new Set();
  server.on('connection', (socket) => sockets.add(socket));
  const written = () => [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
  return {
    async count(load) {
      const paths = [];
      const onRequest = (request) => paths.push(new URL(request.url ?? '/', 'http://x').pathname);
      server.on('request', onRequest);
      const start = written();
      try {
        await load();
        await settled(written);
      } finally {
        server.off('request', onRequest);
      }
      return {
        bytes: written() - start,
        requests: paths.length,
        identityBytes: paths.reduce((sum, pathname) => sum + identitySize(dist, pathname), 0),
      };
    },
  };
}

/**
 * A lab page loaded on a browser's empty cache, then again on the same cache (the next visit): bytes sent
 * (compressed) against the same files uncompressed, as `[name, value, unit, goal]` figures.
 */
export async function transferFigures(browser, meter, url, lab) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const load = async () => {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 60_000 });
  };
  const cold = await meter.count(load);
  await page.goto('about:blank');
  const warm = await meter.count(load);
  await context.close();
  const kb = (bytes) => bytes / 1000;
  return [
    [`${lab}: cold load, bytes sent (${cold.requests} requests)`, kb(cold.bytes), 'KB', 'compressed'],
    [`${lab}: cold load, the same files uncompressed`, kb(cold.identityBytes), 'KB', 'before compression'],
    [`${lab}: next visit, bytes sent (${warm.requests} requests)`, kb(warm.bytes), 'KB', 'hashed files cached'],
  ];
}
