import { ncListens, runNc } from './busybox-nc';
import { ExecOutput } from './exec-output';
import { parseGoDuration } from './go-format';
import type { ExecOptions, ExecResult, Workload, WorkloadContext } from './types';

/**
 * The sleep / curl sample pods: `/bin/sleep infinity`, so the container stays up for `kubectl exec`.
 * It listens on nothing (its Service port 80 refuses connections, as in a real cluster). `curl` in it is
 * provided by the CLI; the image's own small tools are here (busybox's `nc` where the image is Alpine).
 */
export function createSleep(image: string, context: WorkloadContext, base: { busybox: boolean }): Workload {
  return {
    image,
    ports: [],
    start() {},
    stop() {},
    exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> | undefined {
      const program = argv[0]?.split('/').pop();
      if (program === 'hostname') {
        const out = new ExecOutput();
        out.line(context.env['HOSTNAME'] ?? context.pod.name);
        return Promise.resolve(out.result(0));
      }
      if (program === 'sleep') return sleep(argv[1], context, options);
      // `nc -l` is answered by the terminal's pod shell, which says why in the learner's language.
      if (program === 'nc' && base.busybox && !ncListens(argv)) {
        return runNc(argv.slice(1), '', {
          host: context.host,
          clock: context.clock,
          ...(options.signal && { signal: options.signal }),
        });
      }
      return undefined;
    },
  };
}

/** busybox `sleep N[smhd]`: waits on the simulation clock (Ctrl-C ends it with 130). */
async function sleep(arg: string | undefined, context: WorkloadContext, options: ExecOptions): Promise<ExecResult> {
  const out = new ExecOutput();
  if (arg === undefined) {
    out.errorLine('sleep: missing operand');
    return out.result(1);
  }
  const ms = arg === 'infinity' ? Infinity : sleepMs(arg);
  if (ms === undefined) {
    out.errorLine(`sleep: invalid number '${arg}'`);
    return out.result(1);
  }
  if (ms === Infinity) {
    // Only an interrupt ends `sleep infinity`; without a way to interrupt, don't hang the simulation.
    if (options.signal === undefined) {
      out.errorLine('sleep: infinity needs an interactive terminal here');
      return out.result(1);
    }
    await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
    return out.result(130);
  }
  try {
    await context.clock.sleep(ms, options.signal);
    return out.result(0);
  } catch {
    return out.result(130);
  }
}

function sleepMs(arg: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (match === null) {
    const ns = parseGoDuration(arg);
    return ns === undefined ? undefined : ns / 1e6;
  }
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
