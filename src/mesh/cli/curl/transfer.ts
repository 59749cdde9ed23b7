import {
  HttpClient,
  HttpClientError,
  parseUrl,
  type ClientResponse,
  type Clock,
  type NetHost,
  type ParsedUrl,
  type TlsClientOptions,
} from '../../index';
import { resolvePath, type CommandIo } from '../io';
import type { CookieJar } from './cookies';
import type { CurlOptions } from './options';
import { resolvedAddress, type ResolveEntry } from './resolve';
import type { AttemptOutcome } from './retry';
import { responseStatusLine, type VerboseTrace } from './verbose';
import { handshakeLines, serverCertificateLines, type TrustSource } from './verbose-tls';
import { expandWriteOut, type TransferInfo } from './write-out';

/** Where curl runs: the learner's laptop, or a pod (through `kubectl exec`). */
export interface CurlHost {
  host: NetHost;
  clock: Clock;
  /** The curl version this machine has (the curl image's differs from a laptop's). */
  userAgent?: string;
}

const MAX_REDIRECTS = 50;

/** What one curl invocation shares between its URLs and their attempts. */
export interface TransferContext {
  options: CurlOptions;
  io: CommandIo;
  where: CurlHost;
  jar: CookieJar;
  resolve: readonly ResolveEntry[];
  userAgent: string;
  trace: VerboseTrace | undefined;
  /** Connections opened so far: curl numbers them #0, #1, … in its trace. */
  connections: { opened: number };
  /** How https URLs speak TLS, and where curl says its trust comes from. */
  tls: { options: TlsClientOptions; trust: TrustSource };
}

/** One attempt at `url` (following redirects with -L): writes the body or the error, returns how it ended. */
export async function transfer(url: string, context: TransferContext): Promise<AttemptOutcome> {
  const { options, io, where, jar, trace } = context;
  const started = where.clock.now();
  const client = new HttpClient({ host: where.host, clock: where.clock, keepAlive: false });
  const showErrors = !options.silent || options.showError;
  const info = emptyInfo(url);
  let method = options.method ?? (options.head ? 'HEAD' : options.data.length > 0 ? 'POST' : 'GET');
  let body = options.data.length > 0 ? options.data.join('&') : undefined;
  let current = url;
  let response: ClientResponse | undefined;
  let failure: HttpClientError | undefined;
  let target: ParsedUrl | undefined;
  let connection = 0;
  let dumpedHeaders = '';
  for (;;) {
    try {
      target = parseUrl(current);
    } catch (error) {
      failure = error instanceof HttpClientError ? error : new HttpClientError('url', String(error));
      break;
    }
    const headers = requestHeaders(
      options,
      target.authority,
      context.userAgent,
      body,
      jar.headerFor(target.hostname, target.path),
    );
    info.method = method;
    info.urlEffective = target.href;
    const pinned = resolvedAddress(context.resolve, target.hostname, target.port);
    const address = pinned ?? where.host.resolve(target.hostname);
    connection = context.connections.opened;
    if (address !== undefined) trace?.resolved(target.hostname, target.port, address, pinned !== undefined);
    try {
      response = await client.request(target, {
        method,
        headers: Object.fromEntries(headers),
        ...(body !== undefined && { body }),
        ...(pinned !== undefined && { address: pinned }),
        ...(options.maxTimeMs !== undefined && { timeoutMs: options.maxTimeMs }),
        ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
        ...(io.signal !== undefined && { signal: io.signal }),
        ...(target.scheme === 'https' && { tls: context.tls.options }),
      });
    } catch (error) {
      if (!(error instanceof HttpClientError)) throw error;
      failure = error;
      const https = target.scheme === 'https';
      if (error.connected) {
        context.connections.opened++;
        const lines = https ? tlsTrace(context, target.hostname, error.tls, true) : '';
        const h2 = error.tls?.alpn === 'h2';
        trace?.connected(target.hostname, address ?? '', target.port, lines, h2);
        trace?.request(method, target.path, headers, h2);
        const alert = error.tls?.alertOnFirstRead;
        if (error.kind === 'tls-read' && alert !== undefined) trace?.alertReceived(error.tls!.version, alert);
      } else if (error.kind === 'tls-connect' || error.kind === 'tls-verify') {
        const verdict = error.kind === 'tls-connect';
        trace?.handshakeFailed(
          target.hostname,
          address ?? '',
          target.port,
          tlsTrace(context, target.hostname, error.tls, verdict),
        );
      }
      trace?.failed(error, connection);
      break;
    }
    context.connections.opened++;
    const h2 = response.httpVersion === '2';
    const lines = response.tls === undefined ? '' : tlsTrace(context, target.hostname, response.tls, true);
    trace?.connected(target.hostname, response.remoteAddress, target.port, lines, h2);
    trace?.request(method, target.path, headers, h2);
    trace?.response(response);
    if (options.dumpHeader !== undefined) dumpedHeaders += headerBlock(response);
    for (const [name, value] of Object.entries(response.headers)) {
      if (name === 'set-cookie') for (const line of value.split('\n')) jar.receive(line, target.hostname, target.path);
    }
    info.remoteIp = response.remoteAddress;
    info.remotePort = target.port;
    const location = response.headers['location'];
    if (!options.location || location === undefined || response.status < 300 || response.status >= 400) break;
    if (info.numRedirects >= MAX_REDIRECTS) break;
    info.numRedirects++;
    trace?.kept(connection, target.hostname);
    current = new URL(location, target.href).href;
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
  const elapsed = where.clock.now() - started;
  info.timeTotalMs = elapsed;
  info.timeConnectMs = response === undefined ? 0 : Math.min(elapsed, 1);
  info.timeStartTransferMs = elapsed;
  if (trace !== undefined) io.stderr.write(trace.take());

  if (options.dumpHeader === '-') io.stdout.write(dumpedHeaders);
  else if (options.dumpHeader !== undefined && options.dumpHeader !== '/dev/null')
    await io.fs.writeFile(resolvePath(io.cwd, options.dumpHeader), dumpedHeaders);
  const outcome: AttemptOutcome = { exitCode: 0 };
  if (response !== undefined) {
    outcome.status = response.status;
    const retryAfter = Number(response.headers['retry-after']);
    if (Number.isInteger(retryAfter) && retryAfter > 0) outcome.retryAfterSeconds = retryAfter;
    info.httpCode = response.status;
    info.headers = response.headers;
    info.contentType = response.headers['content-type'];
    const head = headerBlock(response);
    info.sizeHeader = head.length;
    const bodyText = options.head ? '' : response.body;
    info.sizeDownload = new TextEncoder().encode(bodyText).length;
    if (options.fail && response.status >= 400) {
      outcome.exitCode = 22;
      info.errorMessage = `The requested URL returned error: ${response.status}`;
      if (showErrors) io.stderr.write(`curl: (22) ${info.errorMessage}\n`);
    } else {
      const output = (options.include || options.head ? head : '') + bodyText;
      if (options.output === undefined || options.output === '-') io.stdout.write(output);
      else if (options.output !== '/dev/null') await io.fs.writeFile(resolvePath(io.cwd, options.output), output);
    }
    if (trace !== undefined && target !== undefined) {
      trace.kept(connection, target.hostname);
      io.stderr.write(trace.take());
    }
  } else if (failure !== undefined) {
    outcome.exitCode = failure.curlExitCode;
    outcome.failure = failure.kind;
    info.errorMessage = failure.message;
    if (showErrors) io.stderr.write(`curl: (${outcome.exitCode}) ${failure.message}\n`);
    if (showErrors && failure.kind === 'tls-verify') io.stderr.write(CERTIFICATE_ADVICE);
  }
  info.exitCode = outcome.exitCode;
  if (options.writeOut !== undefined) outcome.writeOut = expandWriteOut(options.writeOut, info);
  return outcome;
}

/** What curl adds after a certificate it refused (exit 60). */
const CERTIFICATE_ADVICE = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the webpage mentioned above.
`;

/** The handshake's -v lines; the certificate block once the server's chain arrived. */
function tlsTrace(
  context: TransferContext,
  hostname: string,
  session: ClientResponse['tls'],
  trusted: boolean,
): string {
  const { options, trust } = context.tls;
  let text = handshakeLines(trust, options, session);
  if (session !== undefined) text += serverCertificateLines(session, hostname, trusted && !options.insecure);
  return text;
}

function emptyInfo(url: string): TransferInfo {
  return {
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
}

/**
 * The request head curl sends, in its order and spelling: Host, (User-Agent), Accept, then what the options add.
 * `-H 'Name: value'` replaces a default of that name (Host included: it becomes the request's authority, which
 * proxies route by), `-H 'Name:'` removes it, `-H 'Name;'` sends it empty. Names keep the spelling typed.
 */
function requestHeaders(
  options: CurlOptions,
  authority: string,
  userAgent: string,
  body: string | undefined,
  cookie: string | undefined,
): [string, string][] {
  const headers: [string, string][] = [
    ['Host', authority],
    ['User-Agent', userAgent],
    ['Accept', '*/*'],
  ];
  const set = (name: string, value: string | undefined): void => {
    const at = headers.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase());
    if (value === undefined) {
      if (at >= 0) headers.splice(at, 1);
    } else if (at >= 0) headers[at] = [headers[at]![0], value];
    else headers.push([name, value]);
  };
  if (options.user !== undefined) set('Authorization', `Basic ${btoa(options.user)}`);
  if (cookie !== undefined) set('Cookie', cookie);
  if (body !== undefined) set('Content-Type', 'application/x-www-form-urlencoded');
  for (const line of options.headers) {
    const colon = line.indexOf(':');
    if (colon < 0 && line.endsWith(';')) {
      set(line.slice(0, -1).trim(), '');
      continue;
    }
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const at = headers.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase());
    // A replaced default keeps its place but takes the name as typed, as curl prints it.
    if (value === '') set(name, undefined);
    else if (at >= 0) headers[at] = [name, value];
    else headers.push([name, value]);
  }
  return headers;
}

/** The status line and headers as curl's `-i`/`-I` print them (CRLF line ends, as they came off the wire). */
function headerBlock(response: ClientResponse): string {
  let text = `${responseStatusLine(response)}\r\n`;
  for (const [name, value] of Object.entries(response.headers)) {
    for (const line of value.split('\n')) text += `${name}: ${line}\r\n`;
  }
  return `${text}\r\n`;
}
