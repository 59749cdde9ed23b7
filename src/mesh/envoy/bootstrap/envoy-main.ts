import type { NetHost } from '../../net';
import type { Clock, Random } from '../../sim';
import { formatIsoTime } from '../admin/time-format';
import type { RequestRecorder } from '../inspect/request-log';
import type { ProxyNode } from '../node';
import { EnvoyProxy } from '../proxy';
import { loadBootstrap } from './load-bootstrap';

/** What the `envoy` process of an `envoyproxy/envoy` container gets from its pod. */
export interface EnvoyMainOptions {
  readonly host: NetHost;
  readonly clock: Clock;
  readonly random: Random;
  readonly node: ProxyNode;
  readonly epochMs: number;
  /** The container's command line after `envoy` (the image's entrypoint adds `envoy` to flags). */
  readonly args: readonly string[];
  /** A file of the container's mounted volumes. */
  readonly readFile: (path: string) => string | undefined;
  /** One line of the container's output. */
  readonly log: (line: string) => void;
  /** The process ended with this code. */
  readonly exit: (code: number) => void;
  readonly recorder?: () => RequestRecorder | undefined;
}

export interface EnvoyProcess {
  stop(): void;
}

/** Where the image's own entrypoint points Envoy when the container names no config. */
const DEFAULT_CONFIG_PATH = '/etc/envoy/envoy.yaml';

/** Envoy's default log format, `[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v`; the main thread of PID 1 is 1. */
function logLine(options: EnvoyMainOptions, level: string, source: string, message: string): string {
  const time = formatIsoTime(options.epochMs, options.clock.now()).replace('T', ' ').replace(/Z$/, '');
  return `[${time}][1][${level}][main] [${source}] ${message}`;
}

interface CommandLine {
  readonly configPath: string;
  readonly configYaml?: string;
}

/** The flags that choose the config; others (`-l`, `--service-cluster`, …) change nothing simulated. */
function parseArgs(args: readonly string[]): CommandLine {
  let configPath = '';
  let configYaml: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string => inline ?? args[++i] ?? '';
    if (flag === '-c' || flag === '--config-path') configPath = value();
    else if (flag === '--config-yaml') configYaml = value();
  }
  if (args.length === 0) configPath = DEFAULT_CONFIG_PATH;
  return { configPath, ...(configYaml !== undefined && { configYaml }) };
}

function readConfig(command: CommandLine, readFile: (path: string) => string | undefined): string | { error: string } {
  if (command.configYaml !== undefined && command.configPath === '') return command.configYaml;
  if (command.configPath === '')
    return { error: 'At least one of --config-path or --config-yaml or Options::configProto() should be non-empty' };
  const text = readFile(command.configPath);
  return text ?? { error: `unable to read file: ${command.configPath}` };
}

/**
 * Envoy run as one runs it outside Istio: `envoy -c /etc/envoy/envoy.yaml` reads a bootstrap whose
 * static_resources are the whole config, once, at startup (a changed file needs a restart). The listeners and
 * clusters go to the same data plane Istio's sidecars run, as one xDS update. A config Envoy refuses ends the
 * process with exit code 1 after the lines Envoy prints, so the kubelet restarts it (CrashLoopBackOff).
 */
export function runEnvoyMain(options: EnvoyMainOptions): EnvoyProcess {
  const command = parseArgs(options.args);
  const log = (level: string, source: string, message: string): void =>
    options.log(logLine(options, level, source, message));
  const fail = (error: string): EnvoyProcess => {
    log(
      'critical',
      'source/server/server.cc:131',
      `error initializing configuration '${command.configPath}': ${error}`,
    );
    log('info', 'source/server/server.cc:1002', 'exiting');
    // main() prints the exception once more on its way out, without a log prefix.
    options.log(error);
    options.exit(1);
    return { stop: () => undefined };
  };
  log('info', 'source/server/server.cc:430', 'initializing epoch 0 (base id=0, hot restart version=11.104)');
  const text = readConfig(command, options.readFile);
  if (typeof text !== 'string') return fail(text.error);
  const loaded = loadBootstrap(text);
  if (!loaded.ok) return fail(loaded.error);
  const proxy = new EnvoyProxy({
    host: options.host,
    clock: options.clock,
    random: options.random,
    node: options.node,
    epochMs: options.epochMs,
    adminPort: loaded.bootstrap.adminPort ?? 0,
    // pilot-agent's health port and metadata exchange are Istio's; a plain Envoy has neither.
    readinessPort: 0,
    metadataExchange: false,
    ...(options.recorder !== undefined && { recorder: options.recorder }),
  });
  const applied = proxy.applyConfig(loaded.bootstrap.update);
  if (!applied.accepted) {
    proxy.stop();
    return fail(applied.message);
  }
  log('info', 'source/server/server.cc:1000', 'starting main dispatch loop');
  log('info', 'source/common/upstream/cluster_manager_impl.cc:222', 'cm init: all clusters initialized');
  log('info', 'source/server/server.cc:955', 'all clusters initialized. initializing init manager');
  log('info', 'source/server/server.cc:975', 'all dependencies initialized. starting workers');
  return { stop: () => proxy.stop() };
}
