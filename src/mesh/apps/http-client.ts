import {
  NetError,
  TlsHandshakeError,
  type ConnectOptions,
  type Connection,
  type Headers,
  type HttpRequest,
  type HttpResponse,
  type NetHost,
  type TlsSession,
} from '../net';
import type { Clock } from '../sim';
import { clientHelloFor, handshakeMessage, refuseServer, type TlsClientOptions } from './tls-client';

/** A URL as an HTTP client needs it. */
export interface ParsedUrl {
  scheme: 'http' | 'https';
  /** Lower-case host name or address, as DNS is asked. */
  hostname: string;
  port: number;
  /** The Host header: `host[:port]` as written (a default port is left out, as curl does). */
  authority: string;
  /** Path and query string, `/` when the URL has none. */
  path: string;
  href: string;
}

/** What went wrong, in the words a caller reports; each maps to curl's exit code for that failure. */
export type HttpClientErrorKind =
  | 'url' // malformed URL: curl 3
  | 'protocol' // unsupported scheme: curl 1
  | 'dns' // name does not resolve: curl 6
  | 'connect' // connection refused: curl 7
  | 'unreachable' // no route to host: curl 7
  | 'timeout' // deadline passed: curl 28
  | 'reset' // connection reset, e.g. plaintext to a STRICT mTLS server: curl 56
  | 'tls-connect' // the TLS handshake failed: curl 35
  | 'tls-verify' // the server's certificate is not trusted or names another host: curl 60
  | 'tls-read' // a TLS alert on the first read (TLS 1.3's late client-certificate check): curl 56
  | 'aborted'; // the caller gave up (Ctrl-C): curl 42

const CURL_EXIT_CODES: Readonly<Record<HttpClientErrorKind, number>> = {
  url: 3,
  protocol: 1,
  dns: 6,
  connect: 7,
  unreachable: 7,
  timeout: 28,
  reset: 56,
  'tls-connect': 35,
  'tls-verify': 60,
  'tls-read': 56,
  aborted: 42,
};

export class HttpClientError extends Error {
  readonly curlExitCode: number;

  constructor(
    readonly kind: HttpClientErrorKind,
    message: string,
    /** Milliseconds from the start of the call to the failure. */
    readonly elapsedMs = 0,
    /** Whether a connection was open (and the request sent) when it failed, as curl's -v tells apart. */
    readonly connected = false,
    /** The handshake's outcome when TLS got that far (curl -v prints it before the error). */
    readonly tls?: TlsSession,
  ) {
    super(message);
    this.name = 'HttpClientError';
    this.curlExitCode = CURL_EXIT_CODES[kind];
  }
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

/** Parses `http://httpbin:8000/get`; a URL without a scheme is taken as http, as curl and fortio do. */
export function parseUrl(raw: string): ParsedUrl {
  const text = raw.trim();
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new HttpClientError('protocol', `Protocol "${scheme}" not supported`);
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `http://${text}` : text);
  } catch {
    throw new HttpClientError('url', `URL rejected: Malformed input to a URL function: ${text}`);
  }
  if (url.hostname === '') throw new HttpClientError('url', `URL rejected: No host part in the URL: ${text}`);
  const isHttps = url.protocol === 'https:';
  return {
    scheme: isHttps ? 'https' : 'http',
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
    authority: url.host,
    path: `${url.pathname || '/'}${url.search}`,
    href: url.href,
  };
}

export interface HttpClientOptions {
  host: NetHost;
  clock: Clock;
  /** Reuse connections per destination (default true). Python's `requests.get` does not: false. */
  keepAlive?: boolean;
  /** Passed to every connect (e.g. mutual TLS offered by a proxy; apps leave it out). */
  connectOptions?: ConnectOptions;
}

export interface RequestOptions {
  method?: string;
  headers?: Headers;
  body?: string;
  /** Deadline for the whole call, connect included; none by default (wait forever, like curl). */
  timeoutMs?: number;
  /** Deadline for opening the connection alone (curl --connect-timeout). */
  connectTimeoutMs?: number;
  /** Connect to this address instead of asking DNS for the URL's host (curl --resolve). */
  address?: string;
  /** How to speak TLS for an https URL; without it https fails as a handshake with nothing trusted would. */
  tls?: TlsClientOptions;
  signal?: AbortSignal;
}

/** A response plus what the client learned getting it. */
export interface ClientResponse extends HttpResponse {
  url: ParsedUrl;
  /** The address DNS gave for the host. */
  remoteAddress: string;
  connectionId: number;
  /** Whether a kept-alive connection carried it. */
  reused: boolean;
  elapsedMs: number;
  /** The TLS session of an https response. */
  tls?: TlsSession;
  /** `2` when ALPN chose h2, else `1.1`. */
  httpVersion: '1.1' | '2';
}

/** Why a deadline fired: distinguishes our timeouts from the caller's own abort. */
class DeadlineExceeded extends Error {
  constructor(readonly phase: 'connect' | 'call') {
    super(`${phase} deadline exceeded`);
  }
}

/**
 * A small HTTP/1.1 client over a NetHost: DNS through the host's resolver, a keep-alive pool per destination,
 * one deadline per call on the simulation clock, and failures as HttpClientError kinds a caller can report.
 */
export class HttpClient {
  private readonly idle = new Map<string, Connection[]>();
  private opened = 0;

  constructor(private readonly options: HttpClientOptions) {}

  /** Connections this client has opened so far. */
  get connectionsOpened(): number {
    return this.opened;
  }

  get(url: string | ParsedUrl, options: Omit<RequestOptions, 'method'> = {}): Promise<ClientResponse> {
    return this.request(url, { ...options, method: 'GET' });
  }

  async request(url: string | ParsedUrl, options: RequestOptions = {}): Promise<ClientResponse> {
    const { clock, host } = this.options;
    const started = clock.now();
    const target = typeof url === 'string' ? parseUrl(url) : url;
    const deadline = new AbortController();
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : clock.setTimer(options.timeoutMs, () => deadline.abort(new DeadlineExceeded('call')));
    const onOuterAbort = (): void => deadline.abort(options.signal?.reason);
    if (options.signal?.aborted) onOuterAbort();
    else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let connected = false;
    let session: TlsSession | undefined;
    try {
      const address = options.address ?? host.resolve(target.hostname);
      if (address === undefined) throw new HttpClientError('dns', `Could not resolve host: ${target.hostname}`);
      const request = buildRequest(target, options);
      const tls = target.scheme === 'https' ? (options.tls ?? UNTRUSTING) : undefined;
      const key = `${target.scheme}://${address}:${target.port}`;
      let connection = this.takeIdle(key);
      let reused = connection !== undefined;
      connection ??= await this.connectWithin(address, target, tls, deadline, options.connectTimeoutMs);
      connected = true;
      session = connection.tls;
      let response: HttpResponse;
      try {
        response = await connection.request(request, deadline.signal);
      } catch (error) {
        // A kept-alive connection the server closed while it sat idle fails before any byte arrives; every
        // client (urllib3, Go, curl) then retries once on a fresh connection.
        if (!reused || deadline.signal.aborted || !(error instanceof NetError)) throw error;
        connection.close();
        connection = await this.connect(address, target, tls, deadline.signal);
        reused = false;
        response = await connection.request(request, deadline.signal);
      }
      this.release(key, connection, response);
      const h2 = connection.tls?.alpn === 'h2';
      // HTTP/2 has no connection-level headers: a server's Connection header does not cross it.
      if (h2 && response.headers['connection'] !== undefined) {
        const { connection: _hopByHop, ...headers } = response.headers;
        response = { ...response, headers };
      }
      return {
        ...response,
        url: target,
        remoteAddress: address,
        connectionId: connection.id,
        reused,
        elapsedMs: clock.now() - started,
        ...(connection.tls !== undefined && { tls: connection.tls }),
        httpVersion: h2 ? '2' : '1.1',
      };
    } catch (error) {
      throw classify(error, target, deadline.signal, clock.now() - started, connected, options.tls, session);
    } finally {
      timer?.cancel();
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  /** Closes idle kept-alive connections. */
  close(): void {
    for (const connections of this.idle.values()) for (const connection of connections) connection.close();
    this.idle.clear();
  }

  private takeIdle(key: string): Connection | undefined {
    const pool = this.idle.get(key);
    while (pool !== undefined && pool.length > 0) {
      const connection = pool.pop()!;
      if (!connection.closed) return connection;
    }
    return undefined;
  }

  private release(key: string, connection: Connection, response: HttpResponse): void {
    const keep = this.options.keepAlive !== false && response.headers['connection']?.toLowerCase() !== 'close';
    if (!keep || connection.closed) {
      connection.close();
      return;
    }
    const pool = this.idle.get(key) ?? [];
    pool.push(connection);
    this.idle.set(key, pool);
  }

  /** Connects, giving up with the connect phase's own deadline when one is set. */
  private async connectWithin(
    address: string,
    target: ParsedUrl,
    tls: TlsClientOptions | undefined,
    call: AbortController,
    timeoutMs: number | undefined,
  ): Promise<Connection> {
    if (timeoutMs === undefined) return this.connect(address, target, tls, call.signal);
    const timer = this.options.clock.setTimer(timeoutMs, () => call.abort(new DeadlineExceeded('connect')));
    try {
      return await this.connect(address, target, tls, call.signal);
    } finally {
      timer.cancel();
    }
  }

  /** Opens a connection; for https, the handshake and the client's verdict on the server's chain. */
  private async connect(
    address: string,
    target: ParsedUrl,
    tls: TlsClientOptions | undefined,
    signal: AbortSignal,
  ): Promise<Connection> {
    this.opened++;
    const options = this.options.connectOptions ?? {};
    const connecting = this.options.host.connect(
      address,
      target.port,
      tls === undefined ? options : { ...options, tlsHello: clientHelloFor(target.hostname, tls) },
    );
    const connection = await abortable(connecting, signal, (late) => late.close());
    const session = connection.tls;
    const refused =
      tls === undefined || session === undefined ? undefined : refuseServer(session, target.hostname, tls);
    if (refused !== undefined) {
      connection.close();
      throw new HttpClientError('tls-verify', refused, 0, false, session);
    }
    return connection;
  }
}

function buildRequest(target: ParsedUrl, options: RequestOptions): HttpRequest {
  const body = options.body ?? '';
  const headers: Headers = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  // A Host header the caller set (curl -H 'Host: x') is the request's authority: proxies route by it.
  const authority = headers['host'] ?? target.authority;
  delete headers['host'];
  if (body !== '' && headers['content-length'] === undefined) {
    headers['content-length'] = String(new TextEncoder().encode(body).length);
  }
  return { method: options.method ?? 'GET', path: target.path, authority, headers, body };
}

/** Rejects when `signal` aborts first; a connection that arrives too late is handed to `discard`. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, discard: (late: T) => void): Promise<T> {
  if (signal.aborted) {
    promise.then(discard, () => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** No trust anchors: what a TLS client without a CA bundle has. */
const UNTRUSTING: TlsClientOptions = { trusted: [], insecure: false, alpn: ['http/1.1'], library: 'OpenSSL', nowMs: 0 };

function classify(
  error: unknown,
  target: ParsedUrl,
  signal: AbortSignal,
  elapsedMs: number,
  connected: boolean,
  tls: TlsClientOptions | undefined,
  /** The handshake a failed read came after, for curl -v to print. */
  session?: TlsSession,
): unknown {
  if (error instanceof HttpClientError)
    return new HttpClientError(error.kind, error.message, elapsedMs, connected, error.tls);
  const ms = Math.round(elapsedMs);
  if (signal.aborted && signal.reason instanceof DeadlineExceeded) {
    const message =
      signal.reason.phase === 'connect'
        ? `Connection timed out after ${ms} milliseconds`
        : `Operation timed out after ${ms} milliseconds with 0 bytes received`;
    return new HttpClientError('timeout', message, elapsedMs, connected);
  }
  if (signal.aborted)
    return new HttpClientError('aborted', 'Operation was aborted by an application callback', elapsedMs, connected);
  if (error instanceof TlsHandshakeError) {
    const library = tls?.library ?? UNTRUSTING.library;
    const phase = connected ? 'read' : 'connect';
    const message = handshakeMessage(error, target, library, phase);
    return new HttpClientError(connected ? 'tls-read' : 'tls-connect', message, elapsedMs, connected, session);
  }
  if (!(error instanceof NetError)) return error;
  const where = `${target.hostname} port ${target.port} after ${ms} ms`;
  switch (error.code) {
    case 'ENOTFOUND':
      return new HttpClientError('dns', `Could not resolve host: ${target.hostname}`, elapsedMs);
    case 'ECONNREFUSED':
    case 'EADDRNOTAVAIL':
      return new HttpClientError('connect', `Failed to connect to ${where}: Couldn't connect to server`, elapsedMs);
    case 'EHOSTUNREACH':
      return new HttpClientError(
        'unreachable',
        `Failed to connect to ${where}: Could not connect to server`,
        elapsedMs,
      );
    case 'ETIMEDOUT':
      return new HttpClientError('timeout', `Failed to connect to ${where}: Timeout was reached`, elapsedMs);
    case 'ECONNRESET':
      return new HttpClientError('reset', 'Recv failure: Connection reset by peer', elapsedMs, connected);
    case 'EPROTO':
      return new HttpClientError('tls-connect', error.message, elapsedMs, connected);
  }
}
