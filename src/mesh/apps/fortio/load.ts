import type { NetHost } from '../../net';
import type { Clock, Random } from '../../sim';
import type { ExecOutput } from '../exec-output';
import { formatG, formatGoDuration } from '../go-format';
import type { FortioFlags } from './args';
import { FastClient, codeIsOK, goSeconds, type FortioTiming } from './fast-client';
import { LogLevel, type FortioLogger } from './logger';
import { ThreadStats, printReport } from './report';
import { FORTIO_VERSION, GOMAXPROCS, prepareTarget, type FortioTarget } from './target';

export interface FortioEnvironment {
  host: NetHost;
  clock: Clock;
  random: Random;
  log: FortioLogger;
  out: ExecOutput;
  timing: FortioTiming;
  signal: AbortSignal | undefined;
}

/** How periodic.go splits the work: threads, calls per thread, and the remainder thread 0 takes. */
interface RunPlan {
  threads: number;
  callsPerThread: number;
  leftOver: number;
  useQps: boolean;
  useExactly: boolean;
  hasDuration: boolean;
}

/** `fortio load [flags] URL`: returns the exit code after printing what fortio prints. */
export async function runLoad(flags: FortioFlags, rawUrl: string, env: FortioEnvironment): Promise<number> {
  const { out, log, clock } = env;
  const scope =
    flags.exactly > 0
      ? `for ${flags.exactly} calls`
      : flags.durationNs <= 0
        ? 'until interrupted'
        : `for ${formatGoDuration(flags.durationNs)}`;
  out.line(
    `Fortio ${FORTIO_VERSION} running at ${formatG(flags.qps)} queries per second, ${GOMAXPROCS}->${GOMAXPROCS} procs, ${scope}: ${rawUrl}`,
  );
  if (flags.exactly <= 0 && flags.durationNs <= 0 && env.signal === undefined) {
    return fatal(log, 'a run "until interrupted" (-t 0) needs an interactive terminal: use -n or -t');
  }
  const target = prepareTarget(rawUrl, flags, env.host, log);
  if (typeof target === 'string') return fatal(log, target);
  const qpsText = flags.qps > 0 ? flags.qps.toFixed(1) : '-1.0';
  log.log(LogLevel.Info, 'httprunner.go', 99, 'Starting http test', [
    ['run', 0],
    ['url', rawUrl],
    ['threads', flags.connections],
    ['qps', qpsText],
    ['warmup', 'parallel'],
    ['conn-reuse', ''],
  ]);
  const plan = planRun(flags, log, out);
  const clients = Array.from({ length: plan.threads }, (_, thread) => newClient(target, thread, flags, env));
  if (!plan.useExactly) {
    // Without -n each connection makes one warm-up call first; an error there stops the run.
    const warmups = await Promise.all(clients.map((client) => client.fetch()));
    const failed = warmups.find((result) => !codeIsOK(result.code));
    if (failed !== undefined && !flags.allowInitialErrors) {
      clients.forEach((client) => client.close());
      return fatal(log, `error ${failed.code} for ${rawUrl}: ${JSON.stringify(failed.text)}`);
    }
  }
  const start = clock.now();
  const stats = await Promise.all(clients.map((client, thread) => runThread(thread, client, plan, flags, env, start)));
  printReport(out, log, {
    flags,
    threads: plan.threads,
    useQps: plan.useQps,
    warmup: !plan.useExactly,
    elapsedMs: clock.now() - start,
    stats,
    clients,
    destination: `${target.address}:${target.url.port}`,
  });
  return 0;
}

function newClient(target: FortioTarget, thread: number, flags: FortioFlags, env: FortioEnvironment): FastClient {
  return new FastClient({
    host: env.host,
    clock: env.clock,
    random: env.random,
    log: env.log,
    address: target.address,
    port: target.url.port,
    request: target.request,
    timeoutMs: flags.timeoutNs / 1e6,
    keepAlive: flags.keepAlive,
    thread,
    timing: env.timing,
  });
}

function fatal(log: FortioLogger, message: string): number {
  log.log(LogLevel.Fatal, 'fortio_main.go', 481, `Aborting because of ${message}`);
  return 1;
}

function planRun(flags: FortioFlags, log: FortioLogger, out: ExecOutput): RunPlan {
  const useQps = flags.qps > 0;
  const useExactly = flags.exactly > 0;
  const hasDuration = flags.durationNs > 0;
  let threads = Math.max(1, flags.connections);
  let calls = 0;
  let leftOver = 0;
  const announce = (line: string): void => {
    if (log.enabled(LogLevel.Warning)) out.line(line);
  };
  const duration = formatGoDuration(flags.durationNs);
  if (useQps && (hasDuration || useExactly)) {
    calls = useExactly ? flags.exactly : Math.trunc((flags.qps * flags.durationNs) / 1e9);
    if (calls < 2) {
      log.log(
        LogLevel.Warning,
        'periodic.go',
        612,
        'Increasing the number of calls to the minimum of 2 with 1 thread. total duration will increase',
      );
      calls = 2;
      threads = 1;
    }
    if (2 * threads > calls) {
      const lowered = Math.trunc(calls / 2);
      log.log(
        LogLevel.Warning,
        'periodic.go',
        618,
        `Lowering number of threads - total call ${calls} -> lowering from ${threads} to ${lowered} threads`,
      );
      threads = lowered;
    }
    const perThread = Math.trunc(calls / threads);
    const total = perThread * threads;
    const head = `Starting at ${formatG(flags.qps)} qps with ${threads} thread(s) [gomax ${GOMAXPROCS}]`;
    if (useExactly) {
      leftOver = flags.exactly - total;
      announce(`${head} : exactly ${flags.exactly}, ${perThread} calls each (total ${total} + ${leftOver})`);
    } else announce(`${head} for ${duration} : ${perThread} calls each (total ${total})`);
    calls = perThread;
  } else if (useQps) {
    out.line(`Starting at ${formatG(flags.qps)} qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] until interrupted`);
  } else if (!useExactly && !hasDuration) {
    out.line(`Starting at max qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] until interrupted`);
  } else if (useExactly) {
    calls = Math.trunc(flags.exactly / threads);
    leftOver = flags.exactly % threads;
    announce(
      `Starting at max qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] for exactly ${flags.exactly} calls (${calls} per thread + ${leftOver})`,
    );
  } else {
    announce(`Starting at max qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] for ${duration}`);
  }
  return { threads, callsPerThread: calls, leftOver, useQps, useExactly, hasDuration };
}

/** One thread's loop (periodic.go runOne): call, record, then pace to the target qps if there is one. */
async function runThread(
  thread: number,
  client: FastClient,
  plan: RunPlan,
  flags: FortioFlags,
  env: FortioEnvironment,
  start: number,
): Promise<ThreadStats> {
  const { clock, log, signal } = env;
  const stats = new ThreadStats(flags.resolution);
  const numCalls = plan.callsPerThread + (thread === 0 ? plan.leftOver : 0);
  const perThreadQps = flags.qps / plan.threads;
  const endTime = start + flags.durationNs / 1e6;
  const name = `T${String(thread).padStart(3, '0')}`;
  let i = 0;
  for (;;) {
    const callStart = clock.now();
    if (!plan.useExactly && plan.hasDuration && callStart > endTime) {
      if (!plan.useQps) break;
      if (i >= 2 && i !== numCalls - 1) {
        log.log(
          LogLevel.Warning,
          'periodic.go',
          822,
          `${name} warning only did ${i} out of ${numCalls} calls before reaching ${formatGoDuration(flags.durationNs)}`,
        );
        break;
      }
    }
    const result = await client.fetch();
    const seconds = goSeconds(clock.now() - callStart);
    stats.durations.record(seconds);
    if (!codeIsOK(result.code)) stats.errors.record(seconds);
    stats.codes.set(result.code, (stats.codes.get(result.code) ?? 0) + 1);
    stats.sizes.record(result.size);
    stats.headerSizes.record(result.headerSize);
    i++;
    if (signal?.aborted) break;
    if (plan.useQps) {
      if ((plan.useExactly || plan.hasDuration) && i >= numCalls) break;
      // Spread the calls evenly over the duration (the last one lands at its end), else one per 1/qps.
      const spread = plan.hasDuration && !plan.useExactly && numCalls > 1;
      const targetSeconds = (spread ? i + i / (numCalls - 1) : i) / perThreadQps;
      const sleepSeconds = Math.round((targetSeconds - goSeconds(clock.now() - start)) * 1e9) / 1e9;
      stats.sleeps.record(sleepSeconds);
      if (sleepSeconds > 0) {
        try {
          await clock.sleep(sleepSeconds * 1000, signal);
        } catch {
          break;
        }
      }
    } else if (plan.useExactly && i >= numCalls) break;
  }
  const elapsedMs = clock.now() - start;
  log.log(
    LogLevel.Info,
    'periodic.go',
    851,
    `${name} ended after ${formatGoDuration(elapsedMs * 1e6)} : ${i} calls. qps=${formatG(i / goSeconds(elapsedMs))}`,
  );
  return stats;
}
