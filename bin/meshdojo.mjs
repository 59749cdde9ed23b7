#!/usr/bin/env node
// meshdojo's command line (Node only). `meshdojo shell` opens the learner's terminal over a simulated NKS
// cluster: an interactive prompt on a TTY, or a script read from stdin. The mesh itself is TypeScript,
// loaded through tsx so the repository runs as checked out (`npx meshdojo …` after `npm install`).
import { parse, serialize } from 'just-bash';
import { createInterface } from 'node:readline';
import { tsImport } from 'tsx/esm/api';

const USAGE = `Usage:
  meshdojo shell [--preset bare|istio|bookinfo] [--clock real|virtual] [--seed N]
  meshdojo labs
  meshdojo lab <id> [DIR] [--solution] [--force]
  meshdojo check [DIR] [--json]

Commands:
  shell    A terminal on a simulated NKS cluster with kubectl, istioctl, curl, fortio and ncp-iam-authenticator
  labs     Lists the labs
  lab      Writes a lab's starter files (or its solution) to DIR (default: ./<id>)
  check    Runs the checks of the lab in DIR (default: this folder); exits 1 when any fails
  (labs, lab and check answer in Korean when LANG starts with ko; --lang ko|en chooses)

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

async function readAll(stream) {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

/** Top-level statements of a script, so each one's output appears as soon as it has run. */
function statements(script) {
  try {
    return parse(script).statements.map((statement) => serialize({ type: 'Script', statements: [statement] }));
  } catch {
    return [script];
  }
}

async function runScript(shell, script) {
  let exitCode = 0;
  for (const statement of statements(script)) {
    const result = await shell.run(statement);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    exitCode = result.exitCode;
  }
  return exitCode;
}

function interactive(shell, cluster, options) {
  const prompt = () => `\x1b[32muser@laptop\x1b[0m:\x1b[34m${shell.cwd.replace(/^\/home\/user/, '~')}\x1b[0m$ `;
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line, callback) => {
      shell.complete(line).then(
        (candidates) => callback(null, [candidates, line.split(/\s+/).at(-1) ?? '']),
        () => callback(null, [[], line]),
      );
    },
  });
  process.stdout.write(
    `meshdojo shell — a simulated NKS cluster (${options.preset} preset, ${options.clock} clock). Type exit or press Ctrl-D to leave.\n`,
  );
  cluster.onUiEvent((event) => {
    if (event.type === 'open-dashboard')
      process.stdout.write(`(the ${event.dashboard} dashboard opens in the course's browser view)\n`);
  });
  let running = false;
  let buffer = '';
  rl.on('SIGINT', () => {
    if (running) shell.cancel();
    else {
      buffer = '';
      process.stdout.write('^C\n');
      rl.setPrompt(prompt());
      rl.prompt();
    }
  });
  // Lines typed while a command runs wait their turn; readline stays active so Ctrl-C reaches us.
  const queued = [];
  const accept = async (line) => {
    buffer += (buffer === '' ? '' : '\n') + line;
    // A line ending in `\`, or an unfinished heredoc/loop/quote, continues on the next line.
    if (line.endsWith('\\') || incomplete(buffer)) {
      rl.setPrompt('> ');
      rl.prompt();
      return;
    }
    const script = buffer;
    buffer = '';
    if (/^\s*exit(\s|$)/.test(script)) {
      rl.close();
      return;
    }
    running = true;
    const result = await shell.run(script);
    running = false;
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    rl.setPrompt(prompt());
    rl.prompt();
    const next = queued.shift();
    if (next !== undefined) await accept(next);
  };
  rl.on('line', (line) => {
    if (running) queued.push(line);
    else void accept(line);
  });
  rl.on('close', () => {
    cluster.dispose();
    process.stdout.write('\n');
    process.exit(0);
  });
  rl.setPrompt(prompt());
  rl.prompt();
}

/** Whether a typed script needs more lines: an open heredoc, quote, loop/if block, or a trailing pipe/operator. */
function incomplete(script) {
  const lines = script.split('\n');
  // Heredocs: each `<<WORD` needs a later line that is exactly WORD (`<<-` allows leading tabs).
  const pending = [];
  const code = [];
  for (const line of lines) {
    if (pending.length > 0) {
      const { word, dash } = pending[0];
      if ((dash ? line.replace(/^\t+/, '') : line) === word) pending.shift();
      continue;
    }
    code.push(line);
    for (const match of line.matchAll(/<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      if (line[match.index - 1] !== '<') pending.push({ word: match[3], dash: match[1] === '-' });
    }
  }
  if (pending.length > 0) return true;
  const text = code.join('\n');
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && !single) i++;
    else if (ch === "'" && !double) single = !single;
    else if (ch === '"' && !single) double = !double;
  }
  if (single || double) return true;
  if (/(\|\||&&|\||\\)\s*$/.test(text)) return true;
  const words = text.replace(/'[^']*'|"[^"]*"/g, '').split(/[\s;]+/);
  const count = (w) => words.filter((x) => x === w).length;
  const loops = Math.max(count('do'), count('for') + count('while') + count('until'));
  return loops > count('done') || count('if') > count('fi') || count('case') > count('esac') || count('{') > count('}');
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    process.exit(command === undefined ? 2 : 0);
  }
  if (['labs', 'lab', 'check'].includes(command)) {
    const { runLabsCli } = await tsImport('../src/labs/node/cli.ts', import.meta.url);
    process.exitCode = await runLabsCli(process.argv.slice(2));
    return;
  }
  if (command !== 'shell') usageError(`unknown command "${command}"`);
  const options = parseShellFlags(rest);
  const mesh = await tsImport('../src/mesh/index.ts', import.meta.url);
  const { createShell } = await tsImport('../src/mesh/cli/index.ts', import.meta.url);
  const cluster = await mesh.createCluster({ seed: options.seed, clock: options.clock, preset: options.preset });
  const shell = await createShell(cluster, { files: mesh.SAMPLE_FILES, kubeconfig: true });
  if (process.stdin.isTTY) {
    interactive(shell, cluster, options);
    return;
  }
  const exitCode = await runScript(shell, await readAll(process.stdin));
  cluster.dispose();
  process.exitCode = exitCode;
  // Timers of a real-clock cluster must not keep the process alive after the script.
  setImmediate(() => process.exit(exitCode));
}

main().catch((error) => {
  process.stderr.write(`meshdojo: ${error?.stack ?? error}\n`);
  process.exit(1);
});
