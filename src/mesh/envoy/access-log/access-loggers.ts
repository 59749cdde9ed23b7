import type { AccessLog, FileAccessLog } from '../../xds';
import { FILTER_NAME } from '../../xds';
import { compileCel, type CelProgram } from './cel';
import { celActivation } from './cel-attributes';
import { compileLogFormat, type LogFormatter } from './formatter';
import type { AccessLogRecord } from './log-record';

/** Where a file logger writes: the container's stdout and stderr are what `kubectl logs` shows. */
export interface AccessLogSink {
  write(path: string, line: string): void;
}

/** One `access_log` entry, compiled: its filter and its formatter. */
export interface AccessLogger {
  log(record: AccessLogRecord): void;
}

function compileFilter(log: AccessLog): CelProgram | undefined {
  const ext = log.filter?.extension_filter;
  if (ext === undefined) return undefined;
  if (ext.name !== FILTER_NAME.celAccessLogFilter)
    throw new Error(`Didn't find a registered implementation for '${ext.name}'`);
  return compileCel(ext.typed_config?.expression ?? '');
}

/**
 * The loggers of an HCM's (or TCP proxy's) `access_log` list. Only file loggers write anything here (the
 * gRPC and OpenTelemetry services they would send to are not simulated); a bad format or CEL expression
 * throws, which rejects the listener as Envoy does.
 */
export function buildAccessLoggers(configs: readonly AccessLog[] | undefined, sink: AccessLogSink): AccessLogger[] {
  const loggers: AccessLogger[] = [];
  for (const config of configs ?? []) {
    if (config.name !== FILTER_NAME.fileAccessLog) continue;
    const file = config.typed_config as FileAccessLog | undefined;
    const path = file?.path ?? '/dev/stdout';
    const format: LogFormatter = compileLogFormat(file?.log_format);
    const filter = compileFilter(config);
    loggers.push({
      log: (record) => {
        if (filter !== undefined) {
          // Envoy's CEL filter logs only when the expression evaluates to true; an error means false.
          try {
            if (filter(celActivation(record)) !== true) return;
          } catch {
            return;
          }
        }
        sink.write(path, format(record));
      },
    });
  }
  return loggers;
}

/** What a proxy started with `accessLog: 'always'` writes instead of its config: Istio's text line to stdout. */
const STDOUT_LOG: readonly AccessLog[] = [{ name: FILTER_NAME.fileAccessLog, typed_config: { path: '/dev/stdout' } }];

/** The loggers of an HCM or TCP proxy under the proxy's access-log mode (its config, always stdout, or none). */
export function loggersForMode(
  mode: 'config' | 'always' | 'never',
  configs: readonly AccessLog[] | undefined,
  sink: AccessLogSink,
): AccessLogger[] {
  if (mode === 'never') return [];
  return buildAccessLoggers(mode === 'always' ? STDOUT_LOG : configs, sink);
}
