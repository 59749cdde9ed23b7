import type { FortioFlags } from './args';
import { FastClient } from './fast-client';
import type { FortioEnvironment } from './load';
import { LogLevel } from './logger';
import { prepareTarget } from './target';

/**
 * `fortio curl [flags] URL`: one call, printing what came back (status line, headers, blank line, body).
 * Anything but 200 also logs an error and exits 1, as fortio does.
 */
export async function runCurl(flags: FortioFlags, rawUrl: string, env: FortioEnvironment): Promise<number> {
  const { out, log } = env;
  const target = prepareTarget(rawUrl, flags, env.host, log);
  if (typeof target === 'string') {
    log.log(LogLevel.Fatal, 'fortio_main.go', 481, `Aborting because of ${target}`);
    return 1;
  }
  const client = new FastClient({
    host: env.host,
    clock: env.clock,
    random: env.random,
    log,
    address: target.address,
    port: target.url.port,
    request: target.request,
    timeoutMs: flags.timeoutNs / 1e6,
    keepAlive: false,
    thread: 0,
    timing: env.timing,
  });
  const result = await client.fetch();
  client.close();
  out.write(result.text);
  if (result.code !== 200) {
    log.log(LogLevel.Error, 'fortio_main.go', 593, 'Error status', [
      ['code', result.code],
      ['data', debugSummary(result.text, 512)],
    ]);
    return 1;
  }
  return 0;
}

/** fortio's DebugSummary: short data as is, long data as its start and end around ` [...] `. */
function debugSummary(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 7) / 2);
  return `${text.slice(0, half)} [...] ${text.slice(text.length - half)}`;
}
