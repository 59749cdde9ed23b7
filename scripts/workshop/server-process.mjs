// Starts the real `meshdojo workshop` command as a child process on loopback and reads what it prints (the port
// it bound and the instructor key), so the bench, the crash run and the fuzz run exercise what an instructor runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/meshdojo.mjs', import.meta.url));

/**
 * `store` is { data: file } (SQLite) or { database: url } (PostgreSQL). Resolves with
 * { base, key, child, stop(), kill() } once the server prints its instructor URL.
 */
export function startWorkshopServer(store, { startTimeoutMs = 600_000 } = {}) {
  const storeArgs = store.database ? ['--database', store.database] : ['--data', store.data];
  const child = spawn(process.execPath, [BIN, 'workshop', '--host', '127.0.0.1', '--port', '0', ...storeArgs], {
    env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no instructor URL within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(why) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`meshdojo workshop: ${why}\n${output.slice(-2000)}`));
    }
    const onOutput = (chunk) => {
      output += chunk;
      const instructor = /http:\/\/[^/\s]+:(\d+)\/\w+\/workshop\/instructor\/#key=([A-Za-z0-9_~.-]+)/.exec(output);
      if (!instructor) return;
      clearTimeout(timer);
      child.stdout.off('data', onOutput);
      child.stderr.off('data', onOutput);
      child.stdout.resume();
      child.stderr.resume();
      resolve({
        base: `http://127.0.0.1:${instructor[1]}`,
        key: instructor[2],
        child,
        exited,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout.setEncoding('utf8').on('data', onOutput);
    child.stderr.setEncoding('utf8').on('data', onOutput);
    exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before it was ready`));
  });
}
