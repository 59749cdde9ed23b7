import { Bash, defineCommand } from 'just-bash';
import { runNc, type Clock, type NetHost } from '../../index';
import { runCurl } from '../curl/curl';
import type { CommandIo } from '../io';

/** The pod a `sh -c` script runs in, and which shell the image has. */
export interface PodShellTarget {
  host: NetHost;
  clock: Clock;
  hostname: string;
  /** Programs the image has (busybox's `nc` only where it is Alpine). */
  binaries: readonly string[];
  /**
   * Who reports the script's errors: bash (`bash: x: command not found`), Debian's dash as `sh`
   * (`sh: 1: x: not found`), or Alpine's busybox ash (`sh: x: not found`).
   */
  shell: 'bash' | 'dash' | 'ash';
}

/**
 * `kubectl exec POD -- sh -c '…'`: a small shell inside the container. Its curl runs on the pod's network
 * (through the sidecar, when there is one); `sleep` waits on the cluster clock. It runs inside the command
 * already being driven, so it awaits the clock directly.
 */
export async function runPodScript(script: string, io: CommandIo, pod: PodShellTarget): Promise<number> {
  const curl = defineCommand('curl', async (args, ctx) => {
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
  const nc = defineCommand('nc', (args, ctx) =>
    runNc(args, typeof ctx.stdin === 'string' ? ctx.stdin : '', {
      host: pod.host,
      ...(io.signal !== undefined && { signal: io.signal }),
    }),
  );
  const bash = new Bash({
    customCommands: pod.binaries.includes('nc') ? [curl, nc] : [curl],
    cwd: '/',
    env: { HOME: '/root', HOSTNAME: pod.hostname },
    sleep: (ms) => pod.clock.sleep(ms, io.signal),
    executionLimits: { maxExecutionTimeMs: Infinity },
    // Our commands are host code running the cluster (real-clock timers included); no guest JavaScript runs
    // here (js-exec is off), so the globals guard would only break them.
    defenseInDepth: false,
  });
  const result = await bash.exec(script, { rawScript: true, ...(io.signal !== undefined && { signal: io.signal }) });
  io.stdout.write(result.stdout);
  io.stderr.write(shellErrors(result.stderr, pod.shell));
  return result.exitCode;
}

/** just-bash words its own errors as bash does; an image's `sh` words them its way. */
function shellErrors(stderr: string, shell: PodShellTarget['shell']): string {
  if (shell === 'bash') return stderr;
  return stderr.replace(/^bash: (.*)$/gm, (_, rest: string) => {
    const missing = /^(.*): command not found$/.exec(rest);
    if (missing !== null) return shell === 'ash' ? `sh: ${missing[1]}: not found` : `sh: 1: ${missing[1]}: not found`;
    return `sh: ${rest}`;
  });
}
