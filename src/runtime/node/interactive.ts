// The learner's terminal under Node: `npx meshdojo shell` and the program a WebContainer runs share it.
// An interactive prompt on a TTY (line editing, history, Tab completion, Ctrl-C, multi-line input), or a
// script read from stdin, each statement's output shown as soon as it has run.
import { createInterface } from 'node:readline';
import { parse, serialize } from 'just-bash';
import type { SimCluster } from '../../mesh';
import type { Shell } from '../../mesh/cli/index';

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** Top-level statements of a script, so each one's output appears as soon as it has run. */
function statements(script: string): string[] {
  try {
    return parse(script).statements.map((statement) => serialize({ type: 'Script', statements: [statement] }));
  } catch {
    return [script];
  }
}

/** Runs a script statement by statement, printing as it goes; the exit status is the last statement's. */
export async function runScript(shell: Shell, script: string): Promise<number> {
  let exitCode = 0;
  for (const statement of statements(script)) {
    const result = await shell.run(statement);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    exitCode = result.exitCode;
  }
  return exitCode;
}

export interface InteractiveOptions {
  banner: string;
  /** Host name in the prompt (`user@<host>`). */
  host: string;
  /** Runs before each command (the WebContainer program copies the editor's files in). */
  beforeCommand?: () => Promise<void>;
}

/** An interactive prompt over `shell` until `exit` or Ctrl-D; then disposes the cluster and exits. */
export function runInteractive(shell: Shell, cluster: SimCluster, options: InteractiveOptions): void {
  const prompt = () =>
    `\x1b[32muser@${options.host}\x1b[0m:\x1b[34m${shell.cwd.replace(/^\/home\/user/, '~')}\x1b[0m$ `;
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line: string, callback: (error: null, result: [string[], string]) => void) => {
      shell.complete(line).then(
        (candidates) => callback(null, [candidates, line.split(/\s+/).at(-1) ?? '']),
        () => callback(null, [[], line]),
      );
    },
  });
  process.stdout.write(`${options.banner}\n`);
  cluster.onUiEvent((event) => {
    if (event.type === 'open-dashboard')
      process.stdout.write(`(the ${event.dashboard} dashboard opens in the course's browser view)\n`);
    // This terminal's browser cannot reach the simulated cluster; the lab page's browser tab can.
    if (event.type === 'open-url')
      process.stdout.write(`(${event.url} opens in the lab page's browser tab; here, use curl)\n`);
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
  const queued: string[] = [];
  const accept = async (line: string): Promise<void> => {
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
    await options.beforeCommand?.();
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
function incomplete(script: string): boolean {
  const lines = script.split('\n');
  // Heredocs: each `<<WORD` needs a later line that is exactly WORD (`<<-` allows leading tabs).
  const pending: { word: string; dash: boolean }[] = [];
  const code: string[] = [];
  for (const line of lines) {
    if (pending.length > 0) {
      const { word, dash } = pending[0]!;
      if ((dash ? line.replace(/^\t+/, '') : line) === word) pending.shift();
      continue;
    }
    code.push(line);
    for (const match of line.matchAll(/<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      if (line[match.index - 1] !== '<') pending.push({ word: match[3]!, dash: match[1] === '-' });
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
  const count = (w: string) => words.filter((x) => x === w).length;
  const loops = Math.max(count('do'), count('for') + count('while') + count('until'));
  return loops > count('done') || count('if') > count('fi') || count('case') > count('esac') || count('{') > count('}');
}
