#!/usr/bin/env node
// meshdojo's command line (Node only). `meshdojo shell` opens the learner's terminal over a simulated NKS
// cluster: an interactive prompt on a TTY, or a script read from stdin; inside a lab folder, the lab's cluster as
// the folder's journal left it. The mesh itself is TypeScript, loaded through tsx so the repository runs as
// checked out (`npx meshdojo …` after `npm install`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const USAGE = `Usage:
  meshdojo shell [--preset bare|istio|bookinfo] [--clock real|virtual] [--seed N]
  meshdojo labs
  meshdojo lab <id> [DIR] [--solution] [--force]
  meshdojo check [DIR] [--all] [--json] [--verbose] [--answer ID=ANSWER]...
  meshdojo workshop [--port 4321] [--host 0.0.0.0] [--data ./workshop.db | --database postgres://…] [--lang ko|en]

Commands:
  shell    A terminal on a simulated NKS cluster with kubectl, istioctl, curl, fortio and ncp-iam-authenticator.
           In a lab folder (made by meshdojo lab, or unpacked from the workbench's zip): the lab's cluster, with
           Istio's samples/ beside your files; what you do there is kept in .meshdojo/journal.json and replayed
           the next time, so the cluster survives (the lab sets the preset and seed)
  labs     Lists the labs
  lab      Writes a lab folder to DIR (default: ./<id>): the starter files (or the solution), README.md with the
           steps, and .meshdojo/lab.json naming the lab
  check    Grades the lab folder DIR (default: this folder), its files, the journal of its cluster and the answers to
           its quiz steps: the current step (the first that does not pass yet, shown as n/N), or every step with
           --all; exits 1 unless they pass. A current quiz step's questions are asked when stdin is a terminal;
           --answer ID=ANSWER (repeatable; a choice by its number, several as 1,3, or a short answer's text)
           answers one without asking. Answers are kept in .meshdojo/answers.json. The code it checks runs on
           your machine, in a separate Node 24 process under Node's permission model: it may read meshdojo's own
           files and write to a temporary folder, and may not read your other files, start programs or use the
           network (closed by meshdojo, as Node 24's model does not cover it); --verbose shows what it printed.
           meshdojo check --help says more
  workshop Runs an instructor-led workshop: serves the course and the workshop API from this computer (building
           the course first when needed; nothing is fetched from the internet), prints the learners' join address
           with a QR code for each network address and the instructor's address with its secret key. Results are
           kept in a SQLite file (--data, default ./workshop.db) or in PostgreSQL (--database), which several
           workshop servers can share. Ctrl-C stops it; the results stay
  (labs, lab, check, workshop and a lab folder's shell answer in Korean when LANG starts with ko; --lang ko|en chooses)

Flags for shell:
  --preset   What is installed at start: bare (an empty cluster), istio (demo profile), bookinfo (istio + Bookinfo). Default: bare
  --clock    real (time passes as you watch) or virtual (sleeps and timeouts cost no wall time). Default: real
  --seed     Seed for every random choice (pod names, load balancing). Default: 1
`;

function usageError(message) {
  process.stderr.write(`meshdojo: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseShellFlags(argv) {
  const options = { preset: 'bare', clock: 'real', seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : undefined;
    if (name === 'help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (name === undefined || !['preset', 'clock', 'seed'].includes(name)) usageError(`unknown flag: ${arg}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) usageError(`flag needs an argument: --${name}`);
    if (name === 'preset' && !['bare', 'istio', 'bookinfo'].includes(value))
      usageError(`invalid --preset "${value}": want bare, istio or bookinfo`);
    if (name === 'clock' && !['real', 'virtual'].includes(value))
      usageError(`invalid --clock "${value}": want real or virtual`);
    if (name === 'seed' && !/^\d+$/.test(value)) usageError(`invalid --seed "${value}": want a non-negative integer`);
    options[name] = name === 'seed' ? Number(value) : value;
  }
  return options;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    process.exit(command === undefined ? 2 : 0);
  }
  if (['labs', 'lab', 'check'].includes(command)) {
    const { runLabsCli } = await cliModules();
    process.exitCode = await runLabsCli(process.argv.slice(2));
    return;
  }
  if (command === 'workshop') {
    await runWorkshop(rest);
    return;
  }
  if (command !== 'shell') usageError(`unknown command "${command}"`);
  const options = parseShellFlags(rest);
  const { readAll, runInteractive, runScript } = await cliModules();
  const terminal = existsSync(join(process.cwd(), '.meshdojo', 'lab.json'))
    ? await labTerminal(options)
    : await plainTerminal(options);
  if (terminal === undefined) {
    process.exitCode = 1;
    return;
  }
  const { cluster, shell } = terminal;
  if (process.stdin.isTTY) {
    runInteractive(shell, cluster, terminal.interactive);
    return;
  }
  const exitCode = await runScript(shell, await readAll(process.stdin));
  cluster.dispose();
  process.exitCode = exitCode;
  // Timers of a real-clock cluster must not keep the process alive after the script.
  setImmediate(() => process.exit(exitCode));
}

/** A cluster of the chosen preset, and the shell over it. */
async function plainTerminal(options) {
  const { createMeshSession } = await cliModules();
  const { cluster, shell } = await createMeshSession({
    seed: options.seed,
    clock: options.clock,
    preset: options.preset,
  });
  const banner = `meshdojo shell — a simulated NKS cluster (${options.preset} preset, ${options.clock} clock). Type exit or press Ctrl-D to leave.`;
  return { cluster, shell, interactive: { host: 'laptop', banner } };
}

/** The lab folder's cluster as its journal left it; every line and saved file goes into the journal. */
async function labTerminal(options) {
  const { openFolderShell } = await cliModules();
  const opened = await openFolderShell(process.cwd(), options.clock);
  if (opened === undefined) return undefined;
  const { shell, session, syncFiles } = opened.shell;
  return {
    cluster: session.cluster,
    shell,
    interactive: { host: 'laptop', banner: opened.banner, beforeCommand: syncFiles },
  };
}

/** The workshop server (its own module graph: it loads no mesh besides the labs' step lists). */
async function runWorkshop(argv) {
  const { runWorkshopCli, UsageError } = await tsImport('../src/workshop/server/cli.ts', import.meta.url);
  try {
    process.exitCode = await runWorkshopCli(argv);
  } catch (error) {
    if (error instanceof UsageError) usageError(error.message);
    throw error;
  }
}

/** The TypeScript side of the command, loaded once: one module graph (src/runtime/node/cli-modules.ts says why). */
let loaded;
function cliModules() {
  loaded ??= tsImport('../src/runtime/node/cli-modules.ts', import.meta.url);
  return loaded;
}

main().catch((error) => {
  process.stderr.write(`meshdojo: ${error?.stack ?? error}\n`);
  process.exit(1);
});
