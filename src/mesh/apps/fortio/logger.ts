import { civilTime } from '../../sim';

/** fortio.org/log levels, lowest first. */
export const LogLevel = { Debug: 0, Verbose: 1, Info: 2, Warning: 3, Error: 4, Critical: 5, Fatal: 6 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

const NAMES = ['Debug', 'Verbose', 'Info', 'Warning', 'Error', 'Critical', 'Fatal'] as const;
const JSON_NAMES = ['dbug', 'trace', 'info', 'warn', 'err', 'crit', 'fatal'] as const;
const CONSOLE_NAMES = ['DBG', 'VRB', 'INF', 'WRN', 'ERR', 'CRI', 'FTL'] as const;

/** `-loglevel warning` → 3; undefined for a name fortio would refuse. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const index = NAMES.findIndex((name) => name.toLowerCase() === text.trim().toLowerCase());
  return index < 0 ? undefined : (index as LogLevel);
}

export type LogAttr = readonly [string, string | number | boolean];

/**
 * fortio's structured logger. Off a terminal (plain `kubectl exec`) each line is a JSON object, which is
 * what istio.io's circuit-breaking output shows; on a terminal (`kubectl exec -t`) a console line.
 */
export class FortioLogger {
  level: LogLevel = LogLevel.Info;

  constructor(
    private readonly write: (line: string) => void,
    private readonly epochMs: () => number,
    private readonly tty: boolean,
  ) {}

  enabled(level: LogLevel): boolean {
    return level >= this.level;
  }

  /** `-loglevel X`: fortio announces the change at info level, before it takes effect. */
  setLevel(level: LogLevel): void {
    const previous = this.level;
    this.log(
      LogLevel.Info,
      'logger.go',
      298,
      `Log level is now ${level} ${NAMES[level]} (was ${previous} ${NAMES[previous]})`,
    );
    this.level = level;
  }

  log(level: LogLevel, file: string, line: number, msg: string, attrs: readonly LogAttr[] = [], goroutine = 1): void {
    if (!this.enabled(level)) return;
    const now = this.epochMs();
    if (this.tty) {
      const t = civilTime(now);
      const p = (n: number, w = 2): string => String(n).padStart(w, '0');
      const stamp = `${p(t.hour)}:${p(t.minute)}:${p(t.second)}.${p(t.millisecond, 3)}`;
      const extra = attrs
        .map(([key, value]) => `, ${key}=${typeof value === 'string' ? JSON.stringify(value) : value}`)
        .join('');
      this.write(`${stamp} r${goroutine} [${CONSOLE_NAMES[level]}] ${file}:${line}> ${msg}${extra}`);
      return;
    }
    const fields = [
      `"ts":${(now / 1000).toFixed(6)}`,
      `"level":"${JSON_NAMES[level]}"`,
      `"r":${goroutine}`,
      `"file":"${file}"`,
      `"line":${line}`,
      `"msg":${JSON.stringify(msg)}`,
      ...attrs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`),
    ];
    this.write(`{${fields.join(',')}}`);
  }
}
