import { defineCommand, type Command, type PipelineNode, type TransformPlugin, type WordNode } from 'just-bash';
import type { Clock } from '../../index';
import { shellQuote } from './shell-quote';

/**
 * busybox's `time` applet (Alpine): runs a program and reports on stderr how long it took — on the cluster's
 * clock, since that is the time the pod lives in. Formats as busybox prints them: the default
 * `real\t0m 1.00s\nuser\t0m 0.00s\nsys\t0m 0.00s`, `-p` (POSIX), `-v`, `-f FMT`; `-o FILE [-a]` writes the report
 * to a file. The CPU a simulation spends is nobody's, so user and system time are zero.
 */
export function busyboxTime(clock: Clock): Command {
  return defineCommand('time', async (args, ctx) => {
    const parsed = parseTimeArgs(args);
    if (typeof parsed === 'string') return { stdout: '', stderr: parsed, exitCode: 1 };
    const [program, ...rest] = parsed.argv;
    if (program === undefined || ctx.exec === undefined) return { stdout: '', stderr: USAGE, exitCode: 1 };
    const started = clock.now();
    const result = await ctx.exec([program, ...rest].map(shellQuote).join(' '), {
      cwd: ctx.cwd,
      env: Object.fromEntries(ctx.env),
      ...(typeof ctx.stdin === 'string' && { stdin: ctx.stdin }),
      ...(ctx.signal !== undefined && { signal: ctx.signal }),
    });
    // The shell's "not found" is the applet's failure to exec here, not a second shell's error.
    const stderr = result.stderr.replace(
      /^bash: (?:line \d+: )?(.*): command not found\n/m,
      (_, name: string) => `time: can't execute '${name}': No such file or directory\n`,
    );
    const report = summarize(parsed.format, parsed.argv, clock.now() - started, result.exitCode);
    if (parsed.output === undefined)
      return { stdout: result.stdout, stderr: stderr + report, exitCode: result.exitCode };
    const path = ctx.fs.resolvePath(ctx.cwd, parsed.output);
    const before = parsed.append && (await ctx.fs.exists(path)) ? await ctx.fs.readFile(path) : '';
    await ctx.fs.writeFile(path, before + report);
    return { stdout: result.stdout, stderr, exitCode: result.exitCode };
  });
}

/**
 * ash and dash have no `time` keyword: `time a | b` runs the program `time` on `a` alone. just-bash parses bash's
 * keyword, so each timed pipeline becomes a call of `time` on its first command (`-p` kept), as those shells
 * would run it — busybox's applet in Alpine, "not found" in Debian, which has no /usr/bin/time.
 */
export const timeAsApplet: TransformPlugin = {
  name: 'busybox-time-applet',
  transform({ ast }) {
    visit(ast);
    return { ast };
  },
};

function visit(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const child of node) visit(child);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record['type'] === 'Pipeline') asApplet(record as unknown as PipelineNode);
  for (const value of Object.values(record)) visit(value);
}

function asApplet(pipeline: PipelineNode): void {
  if (!pipeline.timed) return;
  const first = pipeline.commands[0];
  pipeline.timed = false;
  if (first?.type !== 'SimpleCommand' || first.name === null) return;
  first.args = [...(pipeline.timePosix ? [literal('-p')] : []), first.name, ...first.args];
  first.name = literal('time');
}

function literal(value: string): WordNode {
  return { type: 'Word', parts: [{ type: 'Literal', value }] };
}

const USAGE = 'BusyBox v1.37.0 multi-call binary.\n\nUsage: time [-vpa] [-o FILE] PROG ARGS\n';

const DEFAULT_FORMAT = 'real\t%E\nuser\t%u\nsys\t%T';
const POSIX_FORMAT = 'real %e\nuser %U\nsys %S';
const VERBOSE_FORMAT =
  '\tCommand being timed: "%C"\n\tUser time (seconds): %U\n\tSystem time (seconds): %S\n' +
  '\tPercent of CPU this job got: %P\n\tElapsed (wall clock) time (h:mm:ss or m:ss): %E\n\tExit status: %x';

interface TimeArgs {
  format: string;
  output?: string;
  append: boolean;
  argv: string[];
}

/** busybox's options, up to the first word that is not one (`+` in its getopt string). */
function parseTimeArgs(args: readonly string[]): TimeArgs | string {
  const parsed: TimeArgs = { format: DEFAULT_FORMAT, append: false, argv: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (flag === 'v') parsed.format = VERBOSE_FORMAT;
      else if (flag === 'p') parsed.format = POSIX_FORMAT;
      else if (flag === 'a') parsed.append = true;
      else if (flag === 'o' || flag === 'f') {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined) return `time: option requires an argument -- '${flag}'\n${USAGE}`;
        if (flag === 'o') parsed.output = value;
        else parsed.format = value;
        break;
      } else return `time: unrecognized option: ${flag}\n${USAGE}`;
    }
  }
  parsed.argv = args.slice(i);
  return parsed;
}

/** busybox's summarize(): the fields it knows; memory and I/O counters are zero in a simulation. */
function summarize(format: string, argv: readonly string[], elapsedMs: number, exitCode: number): string {
  const status = exitCode === 0 ? '' : `Command exited with non-zero status ${exitCode}\n`;
  const seconds = Math.floor(elapsedMs / 1000);
  const hundredths = String(Math.floor(elapsedMs / 10) % 100).padStart(2, '0');
  const elapsed =
    seconds >= 3600
      ? `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m ${String(seconds % 60).padStart(2, '0')}s`
      : `${Math.floor(seconds / 60)}m ${seconds % 60}.${hundredths}s`;
  const fields: Record<string, string> = {
    E: elapsed,
    e: `${seconds}.${hundredths}`,
    u: '0m 0.00s',
    T: '0m 0.00s',
    U: '0.00',
    S: '0.00',
    P: elapsedMs > 0 ? '0%' : '?%',
    C: argv.join(' '),
    x: String(exitCode),
    '%': '%',
  };
  // Memory, paging and I/O counters; other letters print nothing, as in busybox.
  const counter = (field: string) => (field === 'Z' ? '4096' : 'DFIKMORWXcknprstw'.includes(field) ? '0' : '');
  return `${status}${format.replace(/%(.)/g, (_, field: string) => fields[field] ?? counter(field))}\n`;
}
