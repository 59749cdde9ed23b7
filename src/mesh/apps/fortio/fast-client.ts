import { NetError, type Connection, type HttpRequest, type HttpResponse, type NetHost } from '../../net';
import type { Clock, Random } from '../../sim';
import { responseHead, statusLine, utf8Length } from '../http-text';
import { Counter } from './histogram';
import { LogLevel, type FortioLogger } from './logger';

/** fortio's code for a transport failure (refused, reset, timed out): it has no HTTP status. */
export const SOCKET_ERROR = -1;

/** 2xx, and 418 which fortio's echo server uses on purpose, count as success. */
export function codeIsOK(code: number): boolean {
  return (code >= 200 && code <= 299) || code === 418;
}

/** Time fortio itself spends per call (building, writing, parsing), on the simulation clock. */
export interface FortioTiming {
  callOverheadMs: number;
  /** ± fraction of the overhead drawn at random, so threads do not stay in lock step. */
  jitter: number;
}

export const DEFAULT_TIMING: FortioTiming = { callOverheadMs: 0.25, jitter: 0.6 };

export interface FetchResult {
  /** HTTP status, or SOCKET_ERROR. */
  code: number;
  /** Bytes read: head + body for a success; for a non-2xx fortio stops after the first read (all of it here). */
  size: number;
  /** Header bytes; 0 for non-2xx (fortio does not parse their headers). */
  headerSize: number;
  /** What `fortio curl` prints: status line, headers, blank line, body. */
  text: string;
}

export interface FastClientOptions {
  host: NetHost;
  clock: Clock;
  random: Random;
  log: FortioLogger;
  /** The address fortio resolved once at start (`resolved to …` in the report). */
  address: string;
  port: number;
  request: HttpRequest;
  timeoutMs: number;
  keepAlive: boolean;
  thread: number;
  timing: FortioTiming;
}

/**
 * One fortio "thread": a single HTTP/1.1 connection kept alive while answers are 2xx. After any other
 * answer or a socket error fortio closes it and dials a new one for the next call — which is what its
 * `Sockets used` line counts, and why circuit breaking (503s) makes that number grow.
 */
export class FastClient {
  socketCount = 0;
  readonly connectTimes = new Counter();
  private socket: Connection | undefined;

  constructor(private readonly options: FastClientOptions) {}

  private get attrs(): [string, number][] {
    return [
      ['thread', this.options.thread],
      ['run', 0],
    ];
  }

  private get goroutine(): number {
    return 12 + this.options.thread;
  }

  async fetch(): Promise<FetchResult> {
    const { clock, random, timing } = this.options;
    if (timing.callOverheadMs > 0) {
      const spread = 1 - timing.jitter + 2 * timing.jitter * random.next();
      await clock.sleep(wholeNanoseconds(timing.callOverheadMs * spread));
    }
    return this.attempt(true);
  }

  /** Closes the kept-alive connection; returns how many sockets this thread opened. */
  close(): number {
    this.socket?.close();
    this.socket = undefined;
    return this.socketCount;
  }

  private async attempt(mayRetry: boolean): Promise<FetchResult> {
    const { clock, log } = this.options;
    const failed: FetchResult = { code: SOCKET_ERROR, size: 0, headerSize: 0, text: '' };
    const reused = this.socket !== undefined;
    const connection = this.socket ?? (await this.connect());
    this.socket = undefined;
    if (connection === undefined) return failed;

    const deadline = new AbortController();
    const timer = clock.setTimer(this.options.timeoutMs, () =>
      deadline.abort(new NetError('ETIMEDOUT', 'i/o timeout')),
    );
    let response: HttpResponse;
    try {
      response = await connection.request(this.options.request, deadline.signal);
    } catch (error) {
      connection.close();
      const timedOut = deadline.signal.aborted;
      if (reused && mayRetry && !timedOut && error instanceof NetError) {
        // A kept-alive socket the server closed: fortio retries once on a fresh one.
        log.log(LogLevel.Info, 'http_client.go', 1008, 'Closing dead socket', this.attrs, this.goroutine);
        return this.attempt(false);
      }
      const reason = timedOut ? 'i/o timeout' : 'read: connection reset by peer';
      log.log(
        LogLevel.Error,
        'http_client.go',
        1089,
        'Read error',
        [
          ['dest', this.dest],
          ['size', 0],
          ['err', `read tcp ${connection.localAddress}->${this.dest}: ${reason}`],
          ...this.attrs,
        ],
        this.goroutine,
      );
      return failed;
    } finally {
      timer.cancel();
    }

    const head = responseHead(response);
    const total = utf8Length(head) + utf8Length(response.body);
    const text = `${head.replace(/\r\n/g, '\n')}${response.body}`;
    const ok = codeIsOK(response.status);
    if (!ok) {
      log.log(
        LogLevel.Warning,
        'http_client.go',
        1151,
        'Non ok http code',
        [['code', response.status], ['status', statusLine(response.status).slice(0, 12)], ...this.attrs],
        this.goroutine,
      );
    }
    if (ok && this.options.keepAlive && !connection.closed) this.socket = connection;
    else connection.close();
    return ok
      ? { code: response.status, size: total, headerSize: utf8Length(head), text }
      : { code: response.status, size: total, headerSize: 0, text };
  }

  private get dest(): string {
    return `${this.options.address}:${this.options.port}`;
  }

  private async connect(): Promise<Connection | undefined> {
    const { host, clock, address, port, log } = this.options;
    this.socketCount++;
    const started = clock.now();
    try {
      const connection = await host.connect(address, port);
      this.connectTimes.record(goSeconds(clock.now() - started));
      return connection;
    } catch (error) {
      if (!(error instanceof NetError)) throw error;
      log.log(
        LogLevel.Error,
        'http_client.go',
        920,
        'Unable to connect',
        [['dest', this.dest], ['err', `dial tcp ${this.dest}: ${DIAL_ERRORS[error.code]}`], ...this.attrs],
        this.goroutine,
      );
      return undefined;
    }
  }
}

/** Milliseconds rounded to whole nanoseconds, the resolution of Go's clock. */
export function wholeNanoseconds(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

/** What Go's `time.Since(start).Seconds()` gives for an interval of `ms`: nanoseconds divided by 1e9. */
export function goSeconds(ms: number): number {
  return Math.round(ms * 1e6) / 1e9;
}

const DIAL_ERRORS: Readonly<Record<NetError['code'], string>> = {
  ECONNREFUSED: 'connect: connection refused',
  ECONNRESET: 'connect: connection reset by peer',
  EHOSTUNREACH: 'connect: no route to host',
  ETIMEDOUT: 'i/o timeout',
  ENOTFOUND: 'no such host',
  EADDRNOTAVAIL: 'connect: cannot assign requested address',
  // fortio dials plain http; a TLS failure would come from a Go tls.Dial it never makes.
  EPROTO: 'remote error: tls: handshake failure',
};
