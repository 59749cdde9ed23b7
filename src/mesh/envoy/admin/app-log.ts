import type { Clock } from '../../sim';
import type { AccessLog } from './access-log';
import { formatIsoTime } from './time-format';
import { LOG_LEVELS, type LogLevel, type LoggerLevels } from './logging';

/**
 * Envoy's own log (ENVOY_LOG), as an Istio proxy writes it to stderr: pilot-agent starts Envoy with
 * `--log-format %Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t`, so `kubectl logs -c istio-proxy` shows
 * these lines among the access log's. A line is written only when its logger's level (`/logging`, `istioctl
 * proxy-config log --level rbac:debug`) lets it through.
 */
export class AppLog {
  constructor(
    private readonly levels: LoggerLevels,
    private readonly output: AccessLog,
    private readonly clock: Clock,
    private readonly epochMs: number,
  ) {}

  /** Whether `logger` writes at `level` now: a caller builds a costly message only when it does. */
  enabled(logger: string, level: LogLevel): boolean {
    const current = this.levels.level(logger);
    return current !== undefined && LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(current);
  }

  /** `source` is the Envoy file and line the message comes from (`…/rbac_filter.cc:139`). */
  write(logger: string, level: LogLevel, source: string, message: string): void {
    if (!this.enabled(logger, level)) return;
    // Envoy prints microseconds; the clock has milliseconds.
    const time = formatIsoTime(this.epochMs, this.clock.now()).replace(/Z$/, '000Z');
    this.output.write('/dev/stderr', `${time}\t${level}\tenvoy ${logger} ${source}\t${message}\tthread=21\n`);
  }
}
