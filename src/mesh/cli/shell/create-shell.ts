import { Bash, defineCommand, type Command, type CommandContext } from 'just-bash';
import { RunawayError, type SimCluster } from '../../index';
import { ourCommands } from '../commands';
import type { TextEditor } from '../editor';
import type { CommandFs, CommandIo, CommandRun } from '../io';
import { completeLine } from './complete';
import { helpText, historyCommand, type SessionHistory } from './shell-builtins';
import { explainLimits, runawayMessage, type ShellLocale } from './limit-messages';
import { kubeconfigYaml, nksKubeconfig } from '../kubeconfig';
import { asBashSyntaxError, didNotParse, LineState } from './line-state';
import { streamsAsItGoes, timedPipeline } from './shell-words';
import { timeReport } from './time-report';

export interface ShellOptions {
  /** Where the shell starts: the Istio release folder, so `samples/…` paths work as in Istio's docs. */
  cwd?: string;
  /** Files to put in the sandbox, relative to `cwd` (the sample manifests at Istio's paths) or absolute. */
  files?: Readonly<Record<string, string>>;
  /** Whether `~/.kube/config` already points at the cluster (false for the NKS lessons that create it). */
  kubeconfig?: boolean;
  /**
   * Whether a command that changed the cluster returns only once every LoadBalancer Service has its address
   * (default true). False for the NKS lesson that shows the address `<pending>` while NCP provisions it.
   */
  awaitLoadBalancers?: boolean;
  env?: Readonly<Record<string, string>>;
  /** The language of the terminal's own messages (a limit that stopped a line); kubectl and friends speak English. */
  locale?: ShellLocale;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Where a line's output goes while it runs. */
export interface RunOptions {
  /**
   * A streaming program alone on its line — `kubectl get pods -w`, `kubectl logs -f`, `fortio load` — prints here
   * as it goes, as on a real terminal, and what it printed this way is not in the result; Ctrl-C then keeps what
   * was already shown. Other lines print when they end (shell-words.ts streamsAsItGoes says why).
   */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Where `kubectl edit` opens the object (the lab page's editor, `$EDITOR`); without one it says what to do instead. */
  editor?: TextEditor;
}

export interface Shell {
  /**
   * Runs one line (or a whole script); variables, functions, aliases, `set` options, `cd` and files persist to the
   * next call, as at a bash prompt.
   */
  run(line: string, options?: RunOptions): Promise<ShellResult>;
  /** Candidates for the word being typed at the end of `prefix`: commands, subcommands, resource names, files. */
  complete(prefix: string): Promise<string[]>;
  /** Ctrl-C: stops the running line at its next step. */
  cancel(): void;
  /** Writes files as they are (absolute paths, or relative to the folder the shell started in). */
  writeFiles(files: Readonly<Record<string, string>>): Promise<void>;
  readonly cwd: string;
}

export const HOME = '/home/user';
export const ISTIO_DIR = `${HOME}/istio`;

/**
 * The learner's terminal: just-bash (pipes, heredocs, `$(…)`, loops, grep, seq) with our commands registered.
 * It runs on the laptop: curl reaches LoadBalancer addresses only; cluster names resolve inside `kubectl exec`.
 * `sleep` waits on the cluster clock, so on virtual time it costs no wall time.
 */
export async function createShell(cluster: SimCluster, options: ShellOptions = {}): Promise<Shell> {
  const cwd = options.cwd ?? ISTIO_DIR;
  const absolute = (path: string) => (path.startsWith('/') ? path : `${cwd}/${path}`);
  const files: Record<string, string | { content: string; mode: number }> = {};
  // Scripts are executable, as in Istio's repository, so `samples/…/cleanup.sh` runs as its docs type it.
  for (const [path, content] of Object.entries(options.files ?? {}))
    files[absolute(path)] = path.endsWith('.sh') ? { content, mode: 0o755 } : content;
  if (options.kubeconfig ?? true) {
    const name = `nks_${cluster.info.region.toLowerCase()}_${cluster.info.name}_${cluster.info.uuid}`;
    files[`${HOME}/.kube/config`] = kubeconfigYaml(
      nksKubeconfig(cluster.info, { clusterName: name, userName: name, contextName: name }),
    );
  }
  const locale = options.locale ?? 'en';
  let lineNow: LineContext = { controller: new AbortController() };
  const commands = Object.entries(ourCommands()).map(([name, run]) =>
    wrap(name, run, cluster, () => lineNow, options.awaitLoadBalancers ?? true),
  );
  const history: SessionHistory = { lines: [] };
  const bash = new Bash({
    customCommands: [...commands, historyCommand(history)],
    files,
    cwd,
    // LANG follows the page's language, as a Korean learner's own terminal would: the advice our programs give
    // (kubectl edit, helm, …) reads it.
    env: { HOME, USER: 'user', LANG: locale === 'ko' ? 'ko_KR.UTF-8' : 'en_US.UTF-8', ...options.env },
    sleep: async (ms) => {
      const line = lineNow.controller;
      const { signal } = line;
      try {
        await cluster.run(() => cluster.clock.sleep(ms, signal), { signal });
      } catch (error) {
        if (error instanceof RunawayError) line.abort(new LineRunaway('sleep', error));
        throw error;
      }
    },
    executionLimits: { maxExecutionTimeMs: Infinity, maxCommandCount: 1_000_000, maxLoopIterations: 1_000_000 },
    // Our commands are host code running the cluster (real-clock timers included); no guest JavaScript runs
    // here (js-exec is off), so the globals guard would only break them.
    defenseInDepth: false,
  });
  // /tmp as on any Linux machine: scripts from the docs write certificates and keys there.
  await bash.exec(`mkdir -p ${cwd} ${HOME}/.kube /tmp`);
  let env: Record<string, string> = { ...bash.getEnv(), HOME, USER: 'user', PWD: cwd, ...options.env };
  let current = cwd;
  let lastStatus = 0;
  const state = new LineState();
  return {
    get cwd() {
      return current;
    },
    async run(line, options = {}) {
      const controller = new AbortController();
      const streams = options.onOutput !== undefined && streamsAsItGoes(line);
      lineNow = {
        controller,
        ...(streams && { live: options.onOutput }),
        ...(options.editor !== undefined && { editor: options.editor }),
      };
      if (line.trim() !== '') history.lines.push(line);
      // Bare `help` starts with this lab's programs; `help NAME` is the shell's own.
      if (line.trim() === 'help') return { stdout: helpText(locale), stderr: '', exitCode: 0 };
      const timed = timedPipeline(line);
      const started = cluster.clock.now();
      const command = timed ?? line;
      // `$?` carries over from the previous line, as in an interactive bash (just-bash starts each run at 0).
      const withStatus = /\$\{?\?/.test(command) && lastStatus !== 0 ? `(exit ${lastStatus}); ${command}` : command;
      const result = await bash.exec(state.script(withStatus), {
        env,
        replaceEnv: true,
        cwd: current,
        rawScript: true,
        signal: controller.signal,
      });
      env = { ...result.env };
      delete env['?'];
      // A line that did not parse ran nothing, so it defined nothing either.
      if (!didNotParse(result.stderr)) state.remember(line, env['SHELLOPTS']);
      current = env['PWD'] ?? current;
      const stopped = interruption(controller.signal, result.stderr, locale);
      const exitCode = stopped?.exitCode ?? result.exitCode;
      lastStatus = exitCode;
      const stderr = stopped?.stderr ?? explainLimits(asBashSyntaxError(result.stderr), locale);
      const timing = timed !== undefined && stopped === undefined ? timeReport(cluster.clock.now() - started) : '';
      return { stdout: result.stdout, stderr: stderr + timing, exitCode };
    },
    complete: (prefix) => completeLine(prefix, cluster, bash.fs, current, commandNames(commands)),
    cancel: () => lineNow.controller.abort(new Error('interrupted')),
    async writeFiles(written) {
      // just-bash's filesystem makes the folders a path needs.
      for (const [path, content] of Object.entries(written)) await bash.fs.writeFile(absolute(path), content);
    },
  };
}

function commandNames(ours: Command[]): string[] {
  const builtins = [
    'cat',
    'cd',
    'echo',
    'export',
    'grep',
    'head',
    'ls',
    'pwd',
    'seq',
    'sleep',
    'sort',
    'tail',
    'wc',
    'for',
    'while',
    'jq',
    'awk',
    'sed',
    'cut',
  ];
  return [...new Set([...ours.map((c) => c.name), ...builtins])].sort();
}

/**
 * Binds one of our programs to just-bash: its context becomes our CommandIo; work runs on the cluster's clock.
 * A command the simulator stops as a runaway stops the whole line, as Ctrl-C would.
 */
function wrap(
  name: string,
  run: CommandRun,
  cluster: SimCluster,
  lineNow: () => LineContext,
  awaitLoadBalancers: boolean,
): Command {
  return defineCommand(name, async (args, ctx) => {
    let stdout = '';
    let stderr = '';
    const line = lineNow();
    const { signal } = line.controller;
    const { live, editor } = line;
    const io: CommandIo = {
      stdin: decodeStdin(ctx),
      stdout: { write: (text) => void (live ? live(text, 'stdout') : (stdout += text)) },
      stderr: { write: (text) => void (live ? live(text, 'stderr') : (stderr += text)) },
      env: Object.fromEntries(ctx.env),
      cwd: ctx.cwd,
      fs: adaptFs(ctx),
      signal,
      ...(editor !== undefined && { editor }),
    };
    // Ctrl-C says nothing more (the terminal shows ^C) and exits 130, as bash reports a SIGINT.
    const failed = (error: unknown): number => {
      if (error instanceof RunawayError) {
        // The line stops here; its output ends with what happened (interruption()).
        line.controller.abort(new LineRunaway(name, error));
        return 1;
      }
      if (signal.aborted) return 130;
      io.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    };
    const before = cluster.kube.revision();
    let exitCode: number;
    try {
      exitCode = await cluster.run(() => run(args, io, cluster), { signal });
    } catch (error) {
      exitCode = failed(error);
    }
    // After a change the learner would wait a moment: pods start, istiod pushes. Virtual time passes for that,
    // unless Ctrl-C says not to wait.
    if (cluster.kube.revision() !== before && !signal.aborted)
      await cluster.settle({ signal, loadBalancers: awaitLoadBalancers }).catch(failed);
    return { stdout, stderr, exitCode };
  });
}

/**
 * The line running now: Ctrl-C aborts its controller; `live` is set while one of our programs prints as it goes;
 * `editor` is the one the line was run with.
 */
interface LineContext {
  readonly controller: AbortController;
  readonly live?: RunOptions['onOutput'];
  readonly editor?: TextEditor;
}

/** Why a line was stopped, when a command of it was a runaway: the command and what the simulator did. */
class LineRunaway extends Error {
  constructor(
    readonly command: string,
    readonly runaway: RunawayError,
  ) {
    super(runaway.message);
  }
}

/**
 * A line stopped by Ctrl-C or by a runaway: just-bash's "execution aborted" gives way to what bash shows (nothing
 * after ^C; status 130) or to the runaway's message (status 1).
 */
function interruption(
  signal: AbortSignal,
  stderr: string,
  locale: ShellLocale,
): { stderr: string; exitCode: number } | undefined {
  if (!signal.aborted) return undefined;
  const rest = explainLimits(stderr.replace(/bash: execution aborted\n?$/, ''), locale);
  const reason: unknown = signal.reason;
  if (reason instanceof LineRunaway)
    return { stderr: rest + runawayMessage(reason.command, reason.runaway, locale), exitCode: 1 };
  return { stderr: rest, exitCode: 130 };
}

function decodeStdin(ctx: CommandContext): string {
  const raw = ctx.stdin as unknown;
  if (typeof raw !== 'string') return '';
  // just-bash hands stdin over as a latin1 byte string.
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff);
  return new TextDecoder().decode(bytes);
}

function adaptFs(ctx: CommandContext): CommandFs {
  const fs = ctx.fs;
  return {
    readFile: (path) => fs.readFile(path),
    // just-bash's filesystem makes the folders a path needs, as for writeFiles.
    writeFile: (path, content) => fs.writeFile(path, content),
    exists: (path) => fs.exists(path),
    isDirectory: async (path) => (await fs.exists(path)) && (await fs.stat(path)).isDirectory,
    readdir: (path) => fs.readdir(path),
  };
}
