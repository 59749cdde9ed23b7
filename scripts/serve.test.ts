import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createCourseServer, serveCourse, startMessage } from './serve.mjs';

// The production server on a small dist/ of its own: methods, 404s by language, and where it listens.
const dist = mkdtempSync(join(tmpdir(), 'meshdojo-serve-'));
const page = (path: string, text: string) => {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), `<html><body>${text}</body></html>`);
};
page('404.html', 'root 404');
page('ko/404.html', '페이지를 찾을 수 없습니다');
page('en/404.html', 'Page not found');
page('en/index.html', 'home');

let server: Server;
let base: string;
beforeAll(async () => {
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
  });
});
