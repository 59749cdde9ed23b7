import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createCourseServer, serveCourse, startMessage } from './serve.mjs';
import { precompress } from './site/precompress.mjs';

// The production server on a small dist/ of its own: methods, 404s by language, and where it listens.
const dist = mkdtempSync(join(tmpdir(), 'meshdojo-serve-'));
const page = (path: string, text: string) => {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), `<html><body>${text}</body></html>`);
};
page('404.html', 'root 404');
page('ko/404.html', '페이지를 찾을 수 없습니다');
page('en/404.html', 'Page not found');
page('en/index.html', `home${'<p>a lesson</p>'.repeat(50)}`);
// A hashed script big enough to shrink, a font (already compressed) and a file too small to gain anything.
mkdirSync(join(dist, '_astro'));
const script = `export const lines = [${Array.from({ length: 400 }, (_, i) => `'line ${i}'`).join(', ')}];\n`;
writeFileSync(join(dist, '_astro', 'lab.Ab12Cd34.js'), script);
writeFileSync(join(dist, '_astro', 'mono.Ef56Gh78.woff2'), Buffer.alloc(2000, 7));
writeFileSync(join(dist, 'tiny.txt'), 'x');

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    request(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

let server: Server;
let base: string;
beforeAll(async () => {
  await precompress(dist);
  server = createCourseServer(dist);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dist, { recursive: true });
});

describe('the course server', () => {
  it('answers GET and HEAD, and 405 with Allow for every other method, headers included', async () => {
    expect((await fetch(`${base}/en/`)).status).toBe(200);
    expect((await fetch(`${base}/en/`, { method: 'HEAD' })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${base}/en/`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
      expect(await response.text()).not.toContain('home');
    }
  });

  it('answers a missing page in its path’s language', async () => {
    for (const [path, text] of [
      ['/en/no-such-lesson/', 'Page not found'],
      ['/ko/no-such-lesson/', '페이지를 찾을 수 없습니다'],
      ['/elsewhere', 'root 404'],
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain(text);
    }
  });

  it('writes brotli and gzip copies of text files only, and only when they are smaller', () => {
    for (const suffix of ['.br', '.gz']) {
      expect(existsSync(join(dist, '_astro', `lab.Ab12Cd34.js${suffix}`)), suffix).toBe(true);
      expect(existsSync(join(dist, 'en', `index.html${suffix}`)), suffix).toBe(true);
      expect(existsSync(join(dist, '_astro', `mono.Ef56Gh78.woff2${suffix}`)), suffix).toBe(false);
      expect(existsSync(join(dist, `tiny.txt${suffix}`)), suffix).toBe(false);
    }
  });

  it('sends brotli to a browser that accepts it, else gzip, else the file as it is', async () => {
    const path = '/_astro/lab.Ab12Cd34.js';
    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await get(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);

    // Each representation has its own validator, so a cache never mixes them up.
    expect(new Set([br, gzip, plain].map((response) => response.headers['etag'])).size).toBe(3);

    const page = await get('/en/', { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(brotliDecompressSync(page.body).toString()).toContain('home');

    const font = await get('/_astro/mono.Ef56Gh78.woff2', { 'accept-encoding': 'br' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.body.length).toBe(2000);
  });

  it('lets a browser keep hashed assets for a year, and revalidate pages and fixed names', async () => {
    for (const path of ['/_astro/lab.Ab12Cd34.js', '/_astro/mono.Ef56Gh78.woff2']) {
      expect((await get(path)).headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/en/', '/tiny.txt', '/no-such-page/', '/_astro/gone.Zz99Yy88.js']) {
      expect((await get(path)).headers['cache-control'], path).toBe('no-cache');
    }
    // Revalidation: the same ETag answers 304, which repeats the cache policy, Vary and the security headers.
    const first = await get('/en/', { 'accept-encoding': 'br' });
    const again = await get('/en/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers['vary']).toBe('Accept-Encoding');
    expect(again.headers['content-security-policy']).toMatch(/^default-src 'self'/);
  });

  it('listens on localhost unless HOST says otherwise', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const listening = (s: Server) =>
      new Promise<AddressInfo>((resolve) => s.once('listening', () => resolve(s.address() as AddressInfo)));
    vi.stubEnv('HOST', '');
    const local = serveCourse({ port: 0, distDir: dist });
    expect(['127.0.0.1', '::1']).toContain((await listening(local)).address);
    local.close();
    vi.stubEnv('HOST', '127.0.0.1');
    const fromEnv = serveCourse({ port: 0, distDir: dist });
    expect((await listening(fromEnv)).address).toBe('127.0.0.1');
    fromEnv.close();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('says it listens on this computer only, and how to serve the network', () => {
    expect(startMessage('localhost', 4321)).toContain('http://localhost:4321/');
    expect(startMessage('localhost', 4321)).toContain('this computer only');
    expect(startMessage('localhost', 4321)).toContain('HOST=0.0.0.0 npm start');
    const lan = startMessage('0.0.0.0', 4321, {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
      eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false } as never],
    });
    expect(lan).toContain('http://192.168.1.20:4321/');
    expect(lan).not.toContain('http://127.0.0.1');
    // Labs run over plain http (the sandbox's WebCrypto fallback); only WebContainers need a secure page.
    expect(lan).toContain('Lessons and labs open from other devices too');
    expect(lan).not.toContain('labs need a secure page');
    expect(lan).toContain('ssh -L 4321:localhost:4321');
  });
});
