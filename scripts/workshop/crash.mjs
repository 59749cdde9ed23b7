#!/usr/bin/env node
// The crash run: learners report check runs as fast as the server answers; once enough were acknowledged the
// server gets `kill -9` mid-load; a new server starts on the same store, and every run the dead one acknowledged
// must be on the board, be a duplicate when sent again, and the learners' seats must still be theirs.
// SQLite (a file) and PostgreSQL (when available). Exits 1 on any loss.
//
//   npx node scripts/workshop/crash.mjs [--learners 50] [--kill-after 1000] [--only sqlite|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, startThrowawayCluster } from '../ensure-postgres.mjs';
import { Browser, checkRun, createWorkshop, loopbackAddress } from './http-client.mjs';
import { startWorkshopServer } from './server-process.mjs';

const { values: flags } = parseArgs({
  options: {
    learners: { type: 'string', default: '50' },
    'kill-after': { type: 'string', default: '1000' },
    only: { type: 'string' },
  },
});
const LEARNERS = Number(flags.learners);
const KILL_AFTER = Number(flags['kill-after']);

async function crashRun(name, store) {
  let server = await startWorkshopServer(store);
  const { instructor, workshop } = await createWorkshop(server.base, server.key);
  instructor.close();
  const acknowledged = new Map(); // run id → { learner, run }
  let killing;
  const learners = [];
  for (let i = 0; i < LEARNERS; i++) {
    const browser = new Browser(server.base, loopbackAddress(i));
    await browser.expect(200, 'POST', '/api/join', { code: workshop.code, name: `learner ${i}` });
    learners.push(browser);
  }
  const dead = server;
  const load = learners.map(async (browser) => {
    // Each learner keeps reporting until its request fails: the server died under it.
    for (;;) {
      const run = checkRun();
      const answer = await browser
        .request('POST', `/api/me/runs?workshop=${workshop.id}`, { runs: [run] })
        .catch(() => undefined);
      if (answer?.status !== 200) return;
      for (const id of answer.json.accepted) acknowledged.set(id, { browser, run });
      if (acknowledged.size >= KILL_AFTER && !killing) killing = dead.kill();
    }
  });
  await Promise.all(load);
  await killing;
  const atKill = acknowledged.size;

  server = await startWorkshopServer(store);
  try {
    const again = new Browser(server.base, '127.0.0.1');
    await again.expect(204, 'POST', '/api/instructor/session', { key: server.key });
    const board = await again.expect(200, 'GET', `/api/workshops/${workshop.id}/board`);
    again.close();
    const onBoard = new Set(board.events.filter((event) => event.type === 'check-run').map((event) => event.run.id));
    const missing = [...acknowledged.keys()].filter((id) => !onBoard.has(id));
    // Sent again after the restart (a browser whose answer was lost), an acknowledged run is a duplicate.
    let notDuplicates = 0;
    let seatsLost = 0;
    for (const browser of learners) {
      browser.agent.destroy();
      browser.base = server.base;
      const mine = [...acknowledged.values()].filter((entry) => entry.browser === browser).slice(0, 1);
      const me = await browser.request('GET', `/api/me?workshop=${workshop.id}`);
      if (me.status !== 200) seatsLost++;
      if (mine.length === 0) continue;
      const answer = await browser.request('POST', `/api/me/runs?workshop=${workshop.id}`, { runs: [mine[0].run] });
      if (answer.status !== 200 || answer.json.duplicates[0] !== mine[0].run.id) notDuplicates++;
      browser.close();
    }
    const unacknowledgedKept = onBoard.size - atKill;
    console.log(
      `${name.padEnd(10)} killed -9 after ${atKill} acknowledged runs; after restart: ${atKill - missing.length} present, ` +
        `lost ${missing.length}; ${unacknowledgedKept} more committed but unanswered when killed; ` +
        `seats kept ${LEARNERS - seatsLost}/${LEARNERS}; resent runs not duplicates ${notDuplicates}`,
    );
    return missing.length === 0 && seatsLost === 0 && notDuplicates === 0;
  } finally {
    await server.stop();
  }
}

let ok = true;
const wanted = (name) => !flags.only || flags.only === name;
console.log(`crash run: ${LEARNERS} learners reporting; kill -9 after ${KILL_AFTER} acknowledged runs; restart`);
if (wanted('sqlite')) {
  const dir = mkdtempSync(join(tmpdir(), 'meshdojo-crash-'));
  try {
    ok = (await crashRun('SQLite', { data: join(dir, 'workshop.db') })) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (wanted('postgres')) {
  const cluster = process.env.MESHDOJO_TEST_POSTGRES
    ? { url: process.env.MESHDOJO_TEST_POSTGRES, stop() {} }
    : await startThrowawayCluster();
  if ('skipped' in cluster) console.warn(`PostgreSQL crash run SKIPPED: ${cluster.skipped}`);
  else {
    try {
      const database = await createDatabase(cluster.url, `meshdojo_crash_${process.pid}_${Date.now()}`);
      ok = (await crashRun('PostgreSQL', { database })) && ok;
    } finally {
      cluster.stop();
    }
  }
}
console.log(ok ? '✓ crash run: every acknowledged run survived' : '✗ crash run: acknowledged runs lost');
process.exit(ok ? 0 : 1);
