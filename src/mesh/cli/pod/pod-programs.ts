import { defineCommand, getCommandNames, type Command, type CommandName } from 'just-bash';
import { ncListens, runNc, type Clock, type ExecOptions, type ExecResult, type NetHost } from '../../index';
import { adviceLocale, NC_LISTEN, notSimulatedInPod, OPENSSL_S_CLIENT } from '../advice';
import { runCurl } from '../curl/curl';
import type { CommandIo } from '../io';
import { podDate } from './busybox-date';
import { busyboxTime } from './busybox-time';

/** The container a shell or a program runs in. */
export interface PodContainer {
  host: NetHost;
  clock: Clock;
  hostname: string;
  /** What the container's image has on its PATH (the image catalogue's `binaries`). */
  binaries: readonly string[];
  /** Which shell `sh` is: busybox's ash (Alpine), or dash beside bash (Debian, Ubuntu). */
  base: 'ash' | 'dash';
  /** The container's own programs (pilot-agent, fortio, …); undefined where it has no such program of its own. */
  own(argv: readonly string[], options: ExecOptions): Promise<ExecResult> | undefined;
}

/**
 * just-bash's commands that would show the host instead of the pod (`date` reads the host's clock; `hostname` is
 * ours), or that belong to the shell rather than the image (`time`: busybox's applet below, or bash's keyword;
 * `help`, `clear`).
 */
const NOT_PASSED_THROUGH = new Set(['date', 'time', 'hostname', 'help', 'clear']);

/**
 * What a shell in the container can run: just-bash's implementations of the tools the image has, and ours for
 * the rest — curl on the pod's network, busybox's nc and time, the container's own programs; a program the image
 * has and nothing here runs says so. A program the image lacks is not found, as in the image.
 */
export function podPrograms(pod: PodContainer, io: CommandIo): { builtIn: CommandName[]; custom: Command[] } {
  const available = new Set<string>(getCommandNames());
  const has = (name: string) => pod.binaries.includes(name);
  const custom: Command[] = [
    defineCommand('hostname', () => Promise.resolve({ stdout: `${pod.hostname}\n`, stderr: '', exitCode: 0 })),
  ];
  if (has('curl')) custom.push(curlIn(pod, io));
  if (has('nc') && pod.base === 'ash') custom.push(busyboxNc(pod, io));
  if (has('time') && pod.base === 'ash') custom.push(busyboxTime(pod.clock));
  if (has('date')) custom.push(podDate(pod.clock));
  const builtIn = pod.binaries.filter(
    (name): name is CommandName => available.has(name) && !NOT_PASSED_THROUGH.has(name),
  );
  for (const name of ['env', 'printenv'] as const) if (builtIn.includes(name)) custom.push(environment(name));
  const named = new Set(custom.map((c) => c.name));
  const passed = new Set<string>(builtIn);
  for (const name of pod.binaries)
    if (!passed.has(name) && !named.has(name) && name !== 'hostname') custom.push(ownOrAdvice(name, pod, io));
  return { builtIn, custom };
}

function curlIn(pod: PodContainer, io: CommandIo): Command {
  return defineCommand('curl', async (args, ctx) => {
    let stdout = '';
    let stderr = '';
    const exitCode = await runCurl(
      args,
      {
        stdin: '',
        stdout: { write: (t) => void (stdout += t) },
        stderr: { write: (t) => void (stderr += t) },
        env: Object.fromEntries(ctx.env),
        cwd: ctx.cwd,
        fs: {
          readFile: (p) => ctx.fs.readFile(p),
          writeFile: (p, c) => ctx.fs.writeFile(p, c),
          exists: (p) => ctx.fs.exists(p),
          isDirectory: async (p) => (await ctx.fs.exists(p)) && (await ctx.fs.stat(p)).isDirectory,
          readdir: (p) => ctx.fs.readdir(p),
        },
        ...(io.signal !== undefined && { signal: io.signal }),
      },
      { host: pod.host, clock: pod.clock },
    );
    return { stdout, stderr, exitCode };
  });
}

function busyboxNc(pod: PodContainer, io: CommandIo): Command {
  return defineCommand('nc', async (args, ctx) => {
    if (ncListens(args)) return { stdout: '', stderr: `${NC_LISTEN[adviceLocale(io.env)]}\n`, exitCode: 1 };
    return runNc(args, typeof ctx.stdin === 'string' ? ctx.stdin : '', {
      host: pod.host,
      clock: pod.clock,
      ...(io.signal !== undefined && { signal: io.signal }),
    });
  });
}

/** A program of the image: the container's own implementation when it has one, else the advice that it is not simulated. */
function ownOrAdvice(name: string, pod: PodContainer, io: CommandIo): Command {
  return defineCommand(name, async (args) => {
    const own = pod.own([name, ...args], { ...(io.signal !== undefined && { signal: io.signal }) });
    if (own !== undefined) {
      const { stdout, stderr, exitCode } = await own;
      return { stdout, stderr, exitCode };
    }
    // istio.io's pages run `openssl s_client` in istio-proxy to see its certificates: say where to look instead.
    const advice = name === 'openssl' && args[0] === 's_client' ? OPENSSL_S_CLIENT : notSimulatedInPod(name);
    // 126: found, but cannot be run (here).
    return { stdout: '', stderr: `${advice[adviceLocale(io.env)]}\n`, exitCode: 126 };
  });
}

/** Shell variables just-bash's `env` lists that a process's environment does not hold. */
const SHELL_ONLY = new Set(['IFS', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE', 'OLDPWD', 'OPTIND', 'SHELLOPTS', 'BASHOPTS']);

/** `env` / `printenv` without arguments: the environment alone, without the shell's own variables and `$0`. */
function environment(name: 'env' | 'printenv'): Command {
  return defineCommand(name, async (args, ctx) => {
    const result = await ctx.origCommand!(args);
    if (args.length > 0) return result;
    const lines = result.stdout.split(/\n(?=[^\n=]*=)/).filter((line) => {
      const key = line.slice(0, line.indexOf('='));
      return /^[A-Za-z_]\w*$/.test(key) && !SHELL_ONLY.has(key);
    });
    return { ...result, stdout: lines.length === 0 ? '' : `${lines.join('\n').replace(/\n$/, '')}\n` };
  });
}
