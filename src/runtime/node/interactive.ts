// The learner's terminal under Node: `npx meshdojo shell` and the program a WebContainer runs share it.
// An interactive prompt on a TTY (line editing, history, Tab completion, Ctrl-C, multi-line input), or a
// script read from stdin, each statement's output shown as soon as it has run.
import { createInterface } from 'node:readline';
import type { SimCluster } from '../../mesh';
import type { Shell } from '../../mesh/cli/index';
import { needsMoreLines, parseError, scriptChunks } from './script-chunks';
import { terminalEditor } from './terminal-editor';

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/**
 * Runs a script as `bash < script` does: command by command, printing as it goes. A command that does not parse
 * (or is over the shell's size limit) stops the script there with bash's message and status 2; otherwise the exit
 * status is the last command's.
 */
export async function runScript(shell: Shell, script: string): Promise<number> {
  let exitCode = 0;
  for (const chunk of scriptChunks(script)) {
    const error = parseError(chunk.text);
    if (error !== undefined) {
      process.stderr.write(`${syntaxError(error, chunk.line)}\n`);
      return 2;
    }
    const result = await shell.run(chunk.text, { onOutput: print });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    exitCode = result.exitCode;
  }
  return exitCode;
}

/** just-bash's parse error as bash words it, with the script's line number. */
function syntaxError(message: string, firstLine: number): string {
  const at = /^Parse error at (\d+):\d+: /.exec(message);
  const line = firstLine + (at === null ? 0 : Number(at[1]) - 1);
  return `bash: line ${line}: ${at === null ? message.replace(/^line \d+: /, '') : message.slice(at[0].length)}`;
}

/** Output of a line that prints as it goes (`kubectl get -w`, `fortio load`). */
function print(text: string, stream: 'stdout' | 'stderr'): void {
  (stream === 'stdout' ? process.stdout : process.stderr).write(text);
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
  // `kubectl edit` runs the learner's editor in this terminal: the prompt lets go of the keys until it exits.
  const editor = terminalEditor(() => {
    rl.pause();
    process.stdin.setRawMode?.(false);
    return () => {
      process.stdin.setRawMode?.(true);
      rl.resume();
    };
  });
  // Lines typed while a command runs wait their turn; readline stays active so Ctrl-C reaches us.
  const queued: string[] = [];
  const accept = async (line: string): Promise<void> => {
    buffer += (buffer === '' ? '' : '\n') + line;
    // An unfinished quote, heredoc, loop, function or pipe continues on the next line.
    if (needsMoreLines(buffer)) {
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
    const result = await shell.run(script, { onOutput: print, editor });
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
