#!/usr/bin/env node
// The fuzz run: 10,000 seeded random or malformed requests (bad JSON, huge bodies, wrong types, unicode, path
// traversal, header abuse, bad cookies, broken HTTP) against the real `meshdojo workshop` on SQLite. Every answer
// must be 2xx or 4xx (3xx outside /api/: the course server's directory redirects), never 5xx, and the server must
// still answer a learner correctly after. Exits 1 otherwise.
//
//   npx node scripts/workshop/fuzz.mjs [--count 10000] [--seed 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fuzzCase, randomSource } from './fuzz-cases.mjs';
import { Browser, createWorkshop, loopbackAddress } from './http-client.mjs';

const CONCURRENCY = 16;
/** Fuzz requests per source address: under the per-address burst, so most answers are about the request itself. */
const PER_ADDRESS = 100;

/** node:http refuses unescaped characters in a path; a browser would have escaped them too. */
const escapePath = (path) => path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));

function send(base, fuzz, localAddress) {
  const url = new URL(base);
  if (fuzz.raw !== undefined) {
    return new Promise((resolve) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), localAddress });
      let answer = '';
      socket.setTimeout(5000, () => socket.destroy());
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
        if (status) {
          resolve(Number(status[1]));
          socket.destroy();
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve('closed'));
      socket.end(fuzz.raw);
    });
  }
  return new Promise((resolve) => {
    let req;
    try {
      req = httpRequest({
        host: url.hostname,
        port: url.port,
        method: fuzz.method,
        path: escapePath(fuzz.path),
        headers: fuzz.headers,
        localAddress,
        agent: false,
      });
    } catch (error) {
      resolve(`unsendable: ${error.code ?? error.message}`);
      return;
    }
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      resolve(res.statusCode);
      if (String(res.headers['content-type']).startsWith('text/event-stream')) req.destroy();
      else res.resume();
    });
    // An error after the answer (the server closing on a body it refused) changes nothing: resolve is once.
    req.on('error', (error) => resolve(error.message === 'timeout' ? 'timeout' : 'closed'));
    req.end(fuzz.body);
  });
}

/** Sends `count` cases; returns { statuses, serverErrors, silent, alive }. */
export async function runFuzz({ base, key, count = 10_000, seed = 20 }) {
  const { instructor, workshop } = await createWorkshop(base, key, ['request-routing'], loopbackAddress(0));
  const learner = new Browser(base, loopbackAddress(1));
  await learner.expect(200, 'POST', '/api/join', { code: workshop.code, name: 'fuzz' });
  const context = {
    workshopId: workshop.id,
    code: workshop.code,
    key,
    host: new URL(base).host,
    instructorCookie: instructor.cookieHeader(),
    seatCookie: learner.cookieHeader(),
  };
  const random = randomSource(seed);
  const cases = Array.from({ length: count }, () => fuzzCase(random, context));
  const statuses = new Map();
  const serverErrors = [];
  const silent = [];
  let next = 0;
  async function worker() {
    while (next < cases.length) {
      const index = next++;
      const fuzz = cases[index];
      const status = await send(base, fuzz, loopbackAddress(2 + Math.floor(index / PER_ADDRESS)));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const summary = {
        index,
        method: fuzz.method,
        path: fuzz.path?.slice(0, 120),
        raw: fuzz.raw?.slice(0, 120),
        status,
      };
      if (typeof status === 'number' && status >= 500) serverErrors.push(summary);
      // A well-formed request must get an answer; broken HTTP and refused huge bodies may just be hung up on.
      const hugeBody = (fuzz.body?.length ?? 0) > 65_536;
      if (
        typeof status !== 'number' &&
        fuzz.raw === undefined &&
        !hugeBody &&
        !String(status).startsWith('unsendable')
      ) {
        silent.push(summary);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const me = await learner.request('GET', `/api/me?workshop=${workshop.id}`);
  const board = await instructor.request('GET', `/api/workshops/${workshop.id}/board`);
  const alive = me.status === 200 && me.json?.seat?.name === 'fuzz' && board.status === 200;
  instructor.close();
  learner.close();
  return { statuses, serverErrors, silent, alive };
}

export function describeFuzz({ statuses, serverErrors, silent, alive }) {
  const counts = [...statuses].sort(([a], [b]) => String(a).localeCompare(String(b)));
  return [
    `answers: ${counts.map(([status, n]) => `${status}×${n}`).join(', ')}`,
    `5xx: ${serverErrors.length}; well-formed requests left unanswered: ${silent.length}; server alive after: ${alive}`,
    ...serverErrors.slice(0, 5).map((error) => `  5xx: ${JSON.stringify(error)}`),
    ...silent.slice(0, 5).map((error) => `  unanswered: ${JSON.stringify(error)}`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values: flags } = parseArgs({
    options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20' } },
  });
  const { startWorkshopServer } = await import('./server-process.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'meshdojo-fuzz-'));
  const server = await startWorkshopServer({ data: join(dir, 'workshop.db') });
  let result;
  const started = performance.now();
  try {
    result = await runFuzz({
      base: server.base,
      key: server.key,
      count: Number(flags.count),
      seed: Number(flags.seed),
    });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz run: ${flags.count} requests (seed ${flags.seed}) in ${seconds} s`);
  console.log(describeFuzz(result));
  const ok = result.serverErrors.length === 0 && result.silent.length === 0 && result.alive;
  console.log(ok ? '✓ fuzz run: no 5xx, server alive' : '✗ fuzz run failed');
  process.exit(ok ? 0 : 1);
}
