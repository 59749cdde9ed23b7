#!/usr/bin/env node
// `npm run bench:workshop`: a room of simulated learners (500 × 20 check runs by default) against the real
// `meshdojo workshop` on loopback, on SQLite, on PostgreSQL, and as two servers sharing one PostgreSQL with the
// learners split between them. Prints the latency of POST /api/me/runs (p50/p99), the throughput, and `lost`:
// acknowledged runs missing from the board snapshot or from any server's board stream. Exits 1 if any is lost
// or any request failed.
//
//   npx node scripts/workshop/bench.mjs [--learners 500] [--runs 20] [--only sqlite|postgres|two-servers]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, startThrowawayCluster } from '../ensure-postgres.mjs';
import { Browser, checkRun, createWorkshop, loopbackAddress, openEventStream, percentile } from './http-client.mjs';
import { startWorkshopServer } from './server-process.mjs';

const { values: flags } = parseArgs({
  options: {
    learners: { type: 'string', default: '500' },
    runs: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const LEARNERS = Number(flags.learners);
const RUNS = Number(flags.runs);
/** How long the streams may take to deliver the last events once every run was acknowledged. */
const DRAIN_MS = 15_000;

/** Every server's board stream: the run ids it has seen. */
async function watchBoards(servers, workshopId) {
  const watchers = [];
  for (const server of servers) {
    const instructor = new Browser(server.base, '127.0.0.1');
    await instructor.expect(204, 'POST', '/api/instructor/session', { key: server.key });
    const board = await instructor.expect(200, 'GET', `/api/workshops/${workshopId}/board`);
    const seen = new Set();
    const stream = await openEventStream(
      instructor,
      `/api/workshops/${workshopId}/events`,
      (event) => {
        if (event.event === 'check-run') seen.add(JSON.parse(event.data).run.id);
      },
      board.seq,
    );
    watchers.push({ instructor, seen, stream });
  }
  return watchers;
}

async function learner(index, server, code, workshopId, tally) {
  const browser = new Browser(server.base, loopbackAddress(index));
  const send = async (path, body) => {
    const { answer, retries } = await browser.persist('POST', path, body);
    tally.retries += retries;
    if (answer.status !== 200) throw new Error(`POST ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
    return answer.json;
  };
  try {
    await send('/api/join', { code, name: `학습자 ${index}` });
    for (let n = 0; n < RUNS; n++) {
      const run = checkRun();
      const started = performance.now();
      const answer = await send(`/api/me/runs?workshop=${workshopId}`, { runs: [run] });
      // The latency a learner's page sees: from the first attempt to the answer.
      tally.latencies.push(performance.now() - started);
      // A resent run may come back as a duplicate (its first answer was lost): acknowledged all the same.
      for (const id of [...answer.accepted, ...answer.duplicates]) tally.acknowledged.add(id);
    }
  } finally {
    browser.close();
  }
}

async function scenario(name, servers) {
  const { instructor, workshop } = await createWorkshop(servers[0].base, servers[0].key);
  instructor.close();
  const watchers = await watchBoards(servers, workshop.id);
  const tally = { latencies: [], acknowledged: new Set(), retries: 0 };
  const { latencies, acknowledged } = tally;
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: LEARNERS }, (_, i) =>
      learner(i, servers[i % servers.length], workshop.code, workshop.id, tally),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected');

  const drainUntil = performance.now() + DRAIN_MS;
  const complete = () => watchers.every((watcher) => [...acknowledged].every((id) => watcher.seen.has(id)));
  while (!complete() && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));
  const board = await watchers[0].instructor.expect(200, 'GET', `/api/workshops/${workshop.id}/board`);
  const onBoard = new Set(board.events.filter((event) => event.type === 'check-run').map((event) => event.run.id));
  const lostOnBoard = [...acknowledged].filter((id) => !onBoard.has(id)).length;
  const lostInStreams = watchers.map((watcher) => [...acknowledged].filter((id) => !watcher.seen.has(id)).length);
  for (const watcher of watchers) {
    watcher.stream.close();
    watcher.instructor.close();
  }

  const lost = lostOnBoard + lostInStreams.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(28)} ${acknowledged.size} runs acknowledged in ${seconds.toFixed(1)} s ` +
      `(${Math.round(acknowledged.size / seconds)} runs/s); POST /api/me/runs p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(1)} ms; lost ${lost} (board ${lostOnBoard}, streams ${lostInStreams.join('+')}); ` +
      `requests resent ${tally.retries}; failed learners ${failures.length}`,
  );
  if (failures.length > 0) console.error(`  first failure: ${failures[0].reason?.message ?? failures[0].reason}`);
  return lost === 0 && failures.length === 0 && acknowledged.size === LEARNERS * RUNS;
}

async function withServers(stores, run) {
  const servers = [];
  try {
    for (const store of stores) servers.push(await startWorkshopServer(store));
    return await run(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

console.log(`workshop bench: ${LEARNERS} learners × ${RUNS} check runs, one run per request, on loopback`);
let ok = true;
const wanted = (name) => !flags.only || flags.only === name;

if (wanted('sqlite')) {
  const dir = mkdtempSync(join(tmpdir(), 'meshdojo-bench-'));
  try {
    ok = (await withServers([{ data: join(dir, 'workshop.db') }], (s) => scenario('SQLite', s))) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (wanted('postgres') || wanted('two-servers')) {
  const cluster = process.env.MESHDOJO_TEST_POSTGRES
    ? { url: process.env.MESHDOJO_TEST_POSTGRES, stop() {} }
    : await startThrowawayCluster();
  if ('skipped' in cluster) {
    console.warn(`PostgreSQL scenarios SKIPPED: ${cluster.skipped}`);
  } else {
    try {
      const suffix = `${process.pid}_${Date.now()}`;
      if (wanted('postgres')) {
        const database = await createDatabase(cluster.url, `meshdojo_bench_one_${suffix}`);
        ok = (await withServers([{ database }], (s) => scenario('PostgreSQL', s))) && ok;
      }
      if (wanted('two-servers')) {
        const database = await createDatabase(cluster.url, `meshdojo_bench_two_${suffix}`);
        ok = (await withServers([{ database }, { database }], (s) => scenario('two servers, one PostgreSQL', s))) && ok;
      }
    } finally {
      cluster.stop();
    }
  }
}

console.log(ok ? '✓ workshop bench: nothing lost' : '✗ workshop bench: runs lost or requests failed');
process.exit(ok ? 0 : 1);
