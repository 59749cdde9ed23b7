import { Bash, defineCommand } from 'just-bash';
import type { Clock, NetHost } from '../../index';
import { runCurl } from '../curl/curl';
import type { CommandIo } from '../io';

/**
 * `kubectl exec POD -- sh -c '…'`: a small shell inside the container. Its curl runs on the pod's network
 * (through the sidecar, when there is one); `sleep` waits on the cluster clock. It runs inside the command
 * already being driven, so it awaits the clock directly.
 */
export async function runPodScript(
  script: string,
  io: CommandIo,
  pod: { host: NetHost; clock: Clock; hostname: string },
): Promise<number> {
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
  const bash = new Bash({
    customCommands: [curl],
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
  io.stderr.write(result.stderr);
  return result.exitCode;
}
