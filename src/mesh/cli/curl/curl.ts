import type { CurlHost } from './transfer';
import { resolvePath, type CommandIo } from '../io';
import { CookieJar } from './cookies';
import { CurlUsageError, parseCurlArgs, type CurlOptions } from './options';
import { parseResolveEntry, type ResolveEntry } from './resolve';
import { withRetries } from './retry';
import { transfer } from './transfer';
import { VerboseTrace, versionOf } from './verbose';
import { tlsSettings } from './tls-settings';

const DEFAULT_USER_AGENT = 'curl/8.11.1';
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** Our curl: the options the Istio and NKS docs use, over the simulated network, with curl's messages and exit codes. */
export async function runCurl(argv: readonly string[], io: CommandIo, where: CurlHost): Promise<number> {
  let options: CurlOptions;
  try {
    options = parseCurlArgs(argv);
  } catch (error) {
    if (!(error instanceof CurlUsageError)) throw error;
    io.stderr.write(`curl: ${error.message}\n${TRY_HELP}`);
    return 2;
  }
  if (options.urls.length === 0) {
    io.stderr.write(`curl: no URL specified\n${TRY_HELP}`);
    return 2;
  }
  const showErrors = !options.silent || options.showError;
  const resolve: ResolveEntry[] = [];
  for (const raw of options.resolve) {
    const entry = parseResolveEntry(raw);
    if (entry === undefined) {
      if (showErrors) io.stderr.write(`curl: (49) Couldn't parse CURLOPT_RESOLVE entry '${raw}'\n`);
      return 49;
    }
    resolve.push(entry);
  }
  const jar = new CookieJar();
  for (const cookie of options.cookies) {
    if (cookie.includes('=')) jar.addLiteral(cookie);
    else {
      const path = resolvePath(io.cwd, cookie);
      if (await io.fs.exists(path)) jar.load(await io.fs.readFile(path));
    }
  }
  const userAgent = options.userAgent ?? where.userAgent ?? DEFAULT_USER_AGENT;
  const trace = options.verbose ? new VerboseTrace(versionOf(where.userAgent ?? DEFAULT_USER_AGENT)) : undefined;
  for (const raw of options.resolve) trace?.addedToCache(raw);
  const tls = await tlsSettings(options, io, where);
  if (typeof tls === 'string') {
    if (showErrors) io.stderr.write(`curl: ${tls}\n`);
    return Number(/^\((\d+)\)/.exec(tls)?.[1] ?? 77);
  }
  const connections = { opened: 0 };
  let exitCode = 0;
  for (const url of options.urls) {
    const last = await withRetries(
      options,
      where.clock,
      (line) => void (options.silent ? undefined : io.stderr.write(line)),
      () => transfer(url, { options, io, where, jar, resolve, userAgent, trace, connections, tls }),
      io.signal,
    );
    if (last.writeOut !== undefined) {
      io.stdout.write(last.writeOut.stdout);
      io.stderr.write(last.writeOut.stderr);
    }
    exitCode = last.exitCode;
  }
  if (options.cookieJar !== undefined) {
    const path = options.cookieJar === '-' ? undefined : resolvePath(io.cwd, options.cookieJar);
    if (path === undefined) io.stdout.write(jar.serialize());
    else await io.fs.writeFile(path, jar.serialize());
  }
  return exitCode;
}
