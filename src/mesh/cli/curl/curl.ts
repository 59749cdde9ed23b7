import {
  HttpClient,
  HttpClientError,
  parseUrl,
  statusLine,
  type Clock,
  type ClientResponse,
  type NetHost,
} from '../../index';
import { resolvePath, type CommandIo } from '../io';
import { CookieJar } from './cookies';
import { CurlUsageError, parseCurlArgs, type CurlOptions } from './options';
import { expandWriteOut, type TransferInfo } from './write-out';

/** Where curl runs: the learner's laptop, or a pod (through `kubectl exec`). */
export interface CurlHost {
  host: NetHost;
  clock: Clock;
  /** The curl version this machine has (the curl image's differs from a laptop's). */
  userAgent?: string;
}

const DEFAULT_USER_AGENT = 'curl/8.11.1';
const MAX_REDIRECTS = 50;

/** Our curl: the options the Istio and NKS docs use, over the simulated network, with curl's messages and exit codes. */
export async function runCurl(argv: readonly string[], io: CommandIo, where: CurlHost): Promise<number> {
  let options: CurlOptions;
  try {
    options = parseCurlArgs(argv);
  } catch (error) {
    if (!(error instanceof CurlUsageError)) throw error;
    io.stderr.write(`curl: ${error.message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  if (options.urls.length === 0) {
    io.stderr.write("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const jar = new CookieJar();
  for (const cookie of options.cookies) {
    if (cookie.includes('=')) jar.addLiteral(cookie);
    else {
      const path = resolvePath(io.cwd, cookie);
      if (await io.fs.exists(path)) jar.load(await io.fs.readFile(path));
    }
  }
  let exitCode = 0;
  for (const url of options.urls) {
    exitCode = await transfer(url, options, io, where, jar);
  }
  if (options.cookieJar !== undefined) {
    const path = options.cookieJar === '-' ? undefined : resolvePath(io.cwd, options.cookieJar);
    if (path === undefined) io.stdout.write(jar.serialize());
    else await io.fs.writeFile(path, jar.serialize());
  }
  return exitCode;
}

async function transfer(
  url: string,
  options: CurlOptions,
  io: CommandIo,
  where: CurlHost,
  jar: CookieJar,
): Promise<number> {
  const started = where.clock.now();
  const client = new HttpClient({ host: where.host, clock: where.clock, keepAlive: false });
  const showErrors = !options.silent || options.showError;
  const info: TransferInfo = {
    httpCode: 0,
    timeTotalMs: 0,
    timeConnectMs: 0,
    timeStartTransferMs: 0,
    sizeDownload: 0,
    sizeHeader: 0,
    urlEffective: url,
    remoteIp: '',
    remotePort: 0,
    contentType: undefined,
    method: '',
    numRedirects: 0,
    exitCode: 0,
    errorMessage: '',
    headers: {},
  };
  let method = options.method ?? (options.head ? 'HEAD' : options.data.length > 0 ? 'POST' : 'GET');
  let body = options.data.length > 0 ? options.data.join('&') : undefined;
  let current = url;
  let response: ClientResponse | undefined;
  let failure: HttpClientError | undefined;
  let verbose = '';
  for (;;) {
    let target;
    try {
      target = parseUrl(current);
    } catch (error) {
      failure = error instanceof HttpClientError ? error : new HttpClientError('url', String(error));
      break;
    }
    const headers = requestHeaders(options, target.authority, body, jar.headerFor(target.hostname, target.path), where);
    info.method = method;
    info.urlEffective = target.href;
    if (options.verbose) {
      const address = where.host.resolve(target.hostname);
      if (address !== undefined) verbose += `*   Trying ${address}:${target.port}...\n`;
    }
    try {
      response = await client.request(target, {
        method,
        headers,
        ...(body !== undefined && { body }),
        ...(options.maxTimeMs !== undefined && { timeoutMs: options.maxTimeMs }),
        ...(io.signal !== undefined && { signal: io.signal }),
      });
    } catch (error) {
      if (!(error instanceof HttpClientError)) throw error;
      failure = error;
      break;
    }
    if (options.verbose) {
      verbose += `* Connected to ${target.hostname} (${response.remoteAddress}) port ${target.port}\n`;
      verbose += `> ${method} ${target.path} HTTP/1.1\n`;
      for (const [name, value] of Object.entries(headers)) verbose += `> ${displayName(name)}: ${value}\n`;
      verbose += '> \n';
      verbose += `< ${statusLine(response.status)}\n`;
      for (const [name, value] of Object.entries(response.headers)) verbose += `< ${name}: ${value}\n`;
      verbose += '< \n';
    }
    for (const [name, value] of Object.entries(response.headers)) {
      if (name === 'set-cookie') for (const line of value.split('\n')) jar.receive(line, target.hostname, target.path);
    }
    info.remoteIp = response.remoteAddress;
    info.remotePort = target.port;
    const location = response.headers['location'];
    if (
      options.location &&
      location !== undefined &&
      response.status >= 300 &&
      response.status < 400 &&
      info.numRedirects < MAX_REDIRECTS
    ) {
      info.numRedirects++;
      current = new URL(location, target.href).href;
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    break;
  }
  const elapsed = where.clock.now() - started;
  info.timeTotalMs = elapsed;
  info.timeConnectMs = response === undefined ? 0 : Math.min(elapsed, 1);
  info.timeStartTransferMs = elapsed;
  if (options.verbose) io.stderr.write(verbose);

  let exitCode = 0;
  if (response !== undefined) {
    info.httpCode = response.status;
    info.headers = response.headers;
    info.contentType = response.headers['content-type'];
    const head = headerBlock(response);
    info.sizeHeader = head.length;
    const bodyText = options.head ? '' : response.body;
    info.sizeDownload = new TextEncoder().encode(bodyText).length;
    if (options.fail && response.status >= 400) {
      exitCode = 22;
      info.errorMessage = `The requested URL returned error: ${response.status}`;
      if (showErrors) io.stderr.write(`curl: (22) ${info.errorMessage}\n`);
    } else {
      const output = (options.include || options.head ? head : '') + bodyText;
      if (options.output === undefined || options.output === '-') io.stdout.write(output);
      else if (options.output !== '/dev/null') await io.fs.writeFile(resolvePath(io.cwd, options.output), output);
    }
    if (options.verbose)
      io.stderr.write(`* Connection #0 to host ${parseUrl(info.urlEffective).hostname} left intact\n`);
  } else if (failure !== undefined) {
    exitCode = failure.curlExitCode;
    info.errorMessage = failure.message;
    if (showErrors) io.stderr.write(`curl: (${exitCode}) ${failure.message}\n`);
  }
  info.exitCode = exitCode;
  if (options.writeOut !== undefined) {
    const written = expandWriteOut(options.writeOut, info);
    io.stdout.write(written.stdout);
    io.stderr.write(written.stderr);
  }
  return exitCode;
}

function requestHeaders(
  options: CurlOptions,
  authority: string,
  body: string | undefined,
  cookie: string | undefined,
  where: CurlHost,
): Record<string, string> {
  const headers: Record<string, string> = {
    host: authority,
    'user-agent': options.userAgent ?? where.userAgent ?? DEFAULT_USER_AGENT,
    accept: '*/*',
  };
  if (options.user !== undefined) headers['authorization'] = `Basic ${btoa(options.user)}`;
  if (cookie !== undefined) headers['cookie'] = cookie;
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  for (const line of options.headers) {
    const colon = line.indexOf(':');
    const semicolon = line.indexOf(';');
    if (colon < 0 && semicolon === line.length - 1) {
      headers[line.slice(0, -1).trim().toLowerCase()] = ''; // `-H 'X-Empty;'` sends an empty header
      continue;
    }
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (value === '')
      delete headers[name]; // `-H 'Accept:'` removes a default header
    else headers[name] = value;
  }
  return headers;
}

/** The status line and headers as curl's `-i`/`-I` print them (CRLF line ends, as they came off the wire). */
function headerBlock(response: ClientResponse): string {
  let text = `${statusLine(response.status)}\r\n`;
  for (const [name, value] of Object.entries(response.headers)) {
    for (const line of value.split('\n')) text += `${name}: ${line}\r\n`;
  }
  return `${text}\r\n`;
}

/** curl shows the request headers it builds in their usual capitalisation. */
function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
