// The WebContainer payload's program (bundled to one .mjs by scripts/site/webcontainer-payload.mjs): the same
// mesh and the same shell commands as the sandbox, under real Node. On a terminal it is the learner's
// interactive shell: the cluster boots on virtual time, the lab's setup runs, then time is the wall clock's,
// and before each command the editor's files are copied in. With a script on stdin (how CI proves the
// payload works, since WebContainers cannot boot offline) it runs the script on virtual time and exits.
// The learner's journal is the lab folder's .meshdojo/journal.json, as in `meshdojo shell`: replayed when the
// program starts (the workbench mounts the one the page kept), and written again after every line and save, so
// the page can keep it (the WebContainer runtime watches the file).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_PATH, journalText } from '../../labs/folder-format';
import { createLabSession } from '../../labs/lab-session';
import { BootClock, type Preset } from '../../mesh';
import { checkJournal, type JournalEntry, type MeshSession } from '../../mesh/cli/index';
import { readAll, runInteractive, runScript } from './interactive';

/** The lab's files on disk (where the workbench writes them), by path relative to the lab folder. */
async function labFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.parentPath.includes('.meshdojo') || entry.name === 'package.json') continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

/** Copies files the editor changed since the last call into the shell's lab folder. */
function fileSync(session: MeshSession, dir: string, initial: Record<string, string>): () => Promise<void> {
  const seen = { ...initial };
  return async () => {
    const changed = Object.fromEntries(
      Object.entries(await labFiles(dir)).filter(([path, text]) => seen[path] !== text),
    );
    await session.writeFiles(changed);
    Object.assign(seen, changed);
  };
}

/** The journal the workbench mounted (none on a first start). */
function readJournal(dir: string): JournalEntry[] {
  const path = join(dir, JOURNAL_PATH);
  return existsSync(path) ? checkJournal(JSON.parse(readFileSync(path, 'utf8'))) : [];
}

async function main(): Promise<number> {
  const preset = (process.env['MESHDOJO_PRESET'] ?? 'bare') as Preset;
  const setup = JSON.parse(process.env['MESHDOJO_SETUP'] ?? '[]') as string[];
  // `false` for a lab whose learner writes the kubeconfig (lesson 2.1); any other value keeps the default.
  const kubeconfig = process.env['MESHDOJO_KUBECONFIG'] !== 'false';
  // `false` for the lab that shows a load balancer `<pending>` (lesson 2.4).
  const awaitLoadBalancers = process.env['MESHDOJO_AWAIT_LOAD_BALANCERS'] !== 'false';
  const interactive = process.stdin.isTTY === true;
  const clock = interactive ? new BootClock() : 'virtual';
  const files = await labFiles(process.cwd());
  const dir = process.cwd();
  const session = await createLabSession(
    { preset, setup, kubeconfig, awaitLoadBalancers },
    { seed: Number(process.env['MESHDOJO_SEED'] ?? 7), clock, files, journal: readJournal(dir) },
  );
  session.onJournal(() => writeFileSync(join(dir, JOURNAL_PATH), journalText(session.journal)));
  const shell = session.prompt;
  if (clock instanceof BootClock) {
    clock.goLive();
    runInteractive(shell, session.cluster, {
      host: 'meshdojo',
      banner: process.env['MESHDOJO_BANNER'] ?? '',
      beforeCommand: fileSync(session, process.cwd(), files),
    });
    return new Promise<number>(() => {}); // runInteractive exits the process on `exit` or Ctrl-D
  }
  const status = await runScript(shell, await readAll(process.stdin));
  session.dispose();
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
