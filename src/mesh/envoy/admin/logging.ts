/** Envoy's log levels, lowest first, as `/logging` names them. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Envoy's loggers (a subset of `envoy --help`'s list: the ones an Istio sidecar's admin page shows). */
const LOGGERS = [
  'admin',
  'alternate_protocols_cache',
  'aws',
  'assert',
  'backtrace',
  'client',
  'config',
  'connection',
  'conn_handler',
  'decompression',
  'dns',
  'dubbo',
  'envoy_bug',
  'ext_authz',
  'file',
  'filter',
  'forward_proxy',
  'grpc',
  'happy_eyeballs',
  'hc',
  'health_checker',
  'http',
  'http2',
  'hystrix',
  'init',
  'io',
  'jwt',
  'kafka',
  'lua',
  'main',
  'matcher',
  'misc',
  'mongo',
  'quic',
  'quic_stream',
  'pool',
  'rbac',
  'redis',
  'router',
  'runtime',
  'stats',
  'secret',
  'tap',
  'testing',
  'thrift',
  'tracing',
  'upstream',
  'udp',
  'wasm',
  'websocket',
] as const;

/**
 * The levels of Envoy's loggers behind `/logging`: an Istio sidecar starts them at `warning` with `misc`
 * at `error` (the injector's `--proxyLogLevel=warning --proxyComponentLogLevel=misc:error`).
 */
export class LoggerLevels {
  private readonly levels = new Map<string, LogLevel>(
    LOGGERS.map((name) => [name, name === 'misc' ? 'error' : 'warning']),
  );

  /**
   * `POST /logging?level=debug` sets every logger, `POST /logging?rbac=debug` one; the answer is Envoy's
   * (the active loggers, or why it refused).
   */
  update(params: URLSearchParams): { ok: boolean; text: string } {
    for (const [name, value] of params) {
      const level = LOG_LEVELS.find((l) => l === value);
      if (level === undefined || (name !== 'level' && !this.levels.has(name))) {
        return { ok: false, text: `error: unknown logger level\n${this.usage()}` };
      }
      if (name === 'level') for (const logger of this.levels.keys()) this.levels.set(logger, level);
      else this.levels.set(name, level);
    }
    return { ok: true, text: this.list() };
  }

  /** The level of one logger; undefined for a name Envoy has no logger for. */
  level(logger: string): LogLevel | undefined {
    return this.levels.get(logger);
  }

  list(): string {
    return `active loggers:\n${[...this.levels].map(([name, level]) => `  ${name}: ${level}\n`).join('')}`;
  }

  private usage(): string {
    return `usage: /logging?<name>=<level> (change single level)\nusage: /logging?level=<level> (change all levels)\nlevels: ${LOG_LEVELS.join(' ')} \n`;
  }
}
