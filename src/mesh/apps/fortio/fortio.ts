import type { Listening } from '../../net';
import { ExecOutput } from '../exec-output';
import { serveHttp } from '../http-server';
import type { ExecOptions, ExecResult, Workload, WorkloadContext } from '../types';
import { wallClockOf } from '../wall-clock';
import { parseFortioFlags } from './args';
import { runCurl } from './curl';
import { DEFAULT_TIMING, type FortioTiming } from './fast-client';
import { runLoad, type FortioEnvironment } from './load';
import { FortioLogger, LogLevel } from './logger';
import { FORTIO_HTTP_PORT, echoHandler } from './server';
import { FORTIO_VERSION } from './target';

const USAGE = `Φορτίο ${FORTIO_VERSION} usage:
        fortio command [flags] target
where command is one of: load (load testing), server (starts ui, rest api,
 http-echo, redirect, proxies, tcp-echo, udp-echo and grpc ping servers),
 curl (single URL debug), version (prints the full version and build details).
where target is a url (http load tests) or host:port (grpc health test).
flags: -c connections, -qps rate (0 = max), -n calls, -t duration, -H 'name: value', -timeout duration,
 -loglevel level, -allow-initial-errors, -quiet, -payload body`;

/**
 * The fortio image: `fortio server` serving the echo handler on 8080 (what the pod runs), and the
 * `fortio load` / `fortio curl` commands learners run in it with `kubectl exec`.
 */
export function createFortio(image: string, context: WorkloadContext, timing: FortioTiming = DEFAULT_TIMING): Workload {
  const epochMs = context.wallClockMs ?? wallClockOf(context.clock);
  const port = httpPort(context);
  let listening: Listening | undefined;

  return {
    image,
    ports: [port],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(
        context.host,
        port,
        echoHandler({
          clock: context.clock,
          random: context.random,
          podName: context.env['HOSTNAME'] ?? context.pod.name,
          epochMs,
          startedAt: context.clock.now(),
        }),
      );
      context.log(`Fortio ${FORTIO_VERSION} echo server listening on [::]:${port}`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
    exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> | undefined {
      const program = argv[0]?.split('/').pop();
      if (program !== 'fortio') return undefined;
      return runFortioCommand(argv.slice(1), { ...context, epochMs, timing, options });
    },
  };
}

interface CommandContext extends WorkloadContext {
  epochMs: () => number;
  timing: FortioTiming;
  options: ExecOptions;
}

/** Runs `fortio <command> [flags] [target]` and reports its output and exit code. */
export async function runFortioCommand(args: readonly string[], context: CommandContext): Promise<ExecResult> {
  const out = new ExecOutput();
  const log = new FortioLogger((line) => out.errorLine(line), context.epochMs, context.options.tty ?? false);
  const command = args[0];
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    out.errorLine(USAGE);
    return out.result(command === undefined ? 1 : 0);
  }
  if (command === 'version') {
    out.line(FORTIO_VERSION);
    return out.result(0);
  }
  if (command !== 'load' && command !== 'curl') {
    out.errorLine(`Fortio command "${command}" is not available in this simulator (try load or curl)`);
    return out.result(1);
  }
  const parsed = parseFortioFlags(args.slice(1));
  if (!parsed.ok) {
    out.errorLine(parsed.error);
    out.errorLine(USAGE);
    return out.result(1);
  }
  const { flags, positional } = parsed;
  if (flags.quiet) log.level = LogLevel.Error;
  else if (flags.logLevel !== undefined) log.setLevel(flags.logLevel);
  if (positional.length !== 1) {
    out.errorLine(`Error: fortio ${command} needs a url or destination`);
    out.errorLine(USAGE);
    return out.result(1);
  }
  log.log(LogLevel.Info, 'scli.go', 122, 'Starting', [
    ['command', 'Φορτίο'],
    ['version', `${FORTIO_VERSION} go1.24.4 amd64 linux`],
    ['go-max-procs', 2],
  ]);
  const env: FortioEnvironment = {
    host: context.host,
    clock: context.clock,
    random: context.random,
    log,
    out,
    timing: context.timing,
    signal: context.options.signal,
  };
  const url = positional[0]!;
  const exitCode = command === 'curl' || flags.curl ? await runCurl(flags, url, env) : await runLoad(flags, url, env);
  return out.result(exitCode);
}

/** `fortio server -http-port 9090` moves the echo server; the sample uses the default 8080. */
function httpPort(context: WorkloadContext): number {
  const argv = [...(context.command ?? []), ...(context.args ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!.replace(/^--?/, '-');
    if (arg === '-http-port') return Number(argv[i + 1]) || FORTIO_HTTP_PORT;
    if (arg.startsWith('-http-port=')) return Number(arg.slice('-http-port='.length)) || FORTIO_HTTP_PORT;
  }
  return FORTIO_HTTP_PORT;
}
