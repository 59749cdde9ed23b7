#!/usr/bin/env node
// The PostgreSQL store's tests, the workshop bench and the crash run need a PostgreSQL server. This finds Debian's
// (installing the `postgresql` package when it is missing and we are root, as ensure-chromium.mjs does for
// Chromium) and starts a throwaway cluster: a temp directory, loopback only, trust auth, a free port, stopped
// and deleted after. MESHDOJO_TEST_POSTGRES=postgres://… uses that server instead.
//
// Run alone (`node scripts/ensure-postgres.mjs`, a step of `npm test`) it only installs, or says plainly why the
// PostgreSQL tests will be skipped.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const isRoot = process.getuid?.() === 0;

/** The newest installed PostgreSQL's bin directory (Debian keeps each major version apart), or undefined. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

/** Installs Debian's postgresql when missing and we are root. Returns why PostgreSQL cannot be used, or undefined. */
export function ensurePostgresInstalled() {
  if (postgresBinDir()) return undefined;
  if (!isRoot) {
    return 'PostgreSQL is not installed and we are not root; install it with `sudo apt-get install -y postgresql` or set MESHDOJO_TEST_POSTGRES=postgres://…';
  }
  console.log("PostgreSQL is missing; installing Debian's postgresql package…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'postgresql'],
  ]) {
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
      return `apt-get ${args.join(' ')} failed; see its output above`;
    }
  }
  return postgresBinDir()
    ? undefined
    : 'apt-get installed postgresql but initdb was not found under /usr/lib/postgresql';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user that Debian's package made. */
function postgresUser() {
  if (!isRoot) return {};
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts a throwaway cluster on 127.0.0.1. Returns { url, stop() } (url names the `postgres` database; make
 * your own databases in it), or { skipped: reason } when PostgreSQL cannot be had. `durable: false` turns fsync
 * off, for tests that make many databases (the bench and the crash run keep it on: they measure real commits).
 */
export async function startThrowawayCluster({ durable = true } = {}) {
  const reason = ensurePostgresInstalled();
  if (reason) return { skipped: reason };
  const bin = postgresBinDir();
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'meshdojo-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const run = (tool, args) => {
    const result = spawnSync(join(bin, tool), args, { ...user, encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c max_connections=200${
    durable ? '' : ' -c fsync=off -c synchronous_commit=off'
  }`;
  run('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'server.log'), '-o', settings]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-m', 'fast', '-D', data], { ...user, stdio: 'ignore', cwd: dir });
    rmSync(dir, { recursive: true, force: true });
  };
  // A run that ends early (a failed assertion, ^C) must not leave a postgres behind.
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** Creates a database on the server at `url` (which names any database) and returns the URL naming it. */
export async function createDatabase(url, name) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const database = new URL(url);
  database.pathname = `/${name}`;
  return database.href;
}

/** For tests: the configured server, or a throwaway cluster, or why neither. */
export async function postgresForTests() {
  const configured = process.env.MESHDOJO_TEST_POSTGRES;
  if (configured) return { url: configured, stop() {} };
  return startThrowawayCluster({ durable: false });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reason = ensurePostgresInstalled();
  if (reason) console.warn(`⚠ The PostgreSQL store's tests will be SKIPPED: ${reason}`);
  else console.log(`PostgreSQL found in ${postgresBinDir()}.`);
}
