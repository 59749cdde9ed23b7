import type { Clock, Random, Timer, Trace } from '../sim';
import type { HostedConnection, SimHost, SimListener } from './sim-host';
import { TlsHandshakeError } from './tls';
import {
  NetError,
  type Connection,
  type HttpRequest,
  type HttpResponse,
  type LinkBehaviour,
  type PeerInfo,
  type TlsSession,
} from './types';

/** What a connection needs of its network: time, chance, the trace, and the link between its ends. */
export interface ConnectionNetwork {
  readonly clock: Clock;
  readonly random: Random;
  readonly trace: Trace | undefined;
  linkFor(client: SimHost, server: SimHost): LinkBehaviour | undefined;
}

/** The one request in flight on a connection. */
interface Exchange {
  readonly resolve: (response: HttpResponse) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
  timer: Timer | undefined;
  /** The handler's signal, "this request's downstream went away"; created when the handler is called. */
  serverAbort: AbortController | undefined;
}

export interface SimConnectionEnds {
  client: SimHost;
  server: SimHost;
  listener: SimListener;
  /** What the server's handler is told about this connection. */
  peer: PeerInfo;
  /** The client's view of the addresses (loopback stays loopback). */
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Plaintext sent to a STRICT mTLS listener: the server resets at the first request. */
  rejectPlaintext: boolean;
}

/**
 * One simulated HTTP/1.1 connection. Requests go one at a time; each is delivered after the link's one-way
 * latency, handled, and its response delivered after the same latency again. Any failure closes the
 * connection, as a TCP reset would.
 */
export class SimConnection implements Connection, HostedConnection {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  private requests = 0;
  private isClosed = false;
  private closeAfterResponse = false;
  private exchange: Exchange | undefined;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly net: ConnectionNetwork,
    readonly id: number,
    private readonly ends: SimConnectionEnds,
  ) {
    this.localAddress = ends.localAddress;
    this.localPort = ends.localPort;
    this.remoteAddress = ends.remoteAddress;
    this.remotePort = ends.remotePort;
    ends.client.connections.add(this);
    ends.server.connections.add(this);
    ends.listener.connections.add(this);
  }

  get requestCount(): number {
    return this.requests;
  }

  get tls(): TlsSession | undefined {
    return this.ends.peer.tlsSession;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Whether a request is in flight. */
  get busy(): boolean {
    return this.exchange !== undefined;
  }

  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    if (this.exchange !== undefined) {
      throw new Error(`connection ${this.id} already has a request in flight: HTTP/1.1 carries one request at a time`);
    }
    if (this.isClosed) return Promise.reject(new NetError('ECONNRESET', `connection ${this.id} is closed`));
    if (signal?.aborted) {
      this.terminate('aborted');
      return Promise.reject(signal.reason);
    }
    this.requests++;
    const trace = this.net.trace;
    trace?.record('net.request', {
      conn: this.id,
      n: this.requests,
      method: request.method,
      authority: request.authority,
      path: request.path,
    });
    const link = this.net.linkFor(this.ends.client, this.ends.server);
    const latency = link?.latencyMs ?? 0;
    const resetP = link?.resetProbability ?? 0;
    // Drawn only when the link can reset, so unrelated links never shift the random sequence.
    const reset = resetP > 0 && this.net.random.next() < resetP;
    const wantsClose = request.headers['connection']?.toLowerCase() === 'close';
    const alert = this.requests === 1 ? this.ends.peer.tlsSession?.alertOnFirstRead : undefined;
    const sent = copyRequest(request);

    return new Promise<HttpResponse>((resolve, reject) => {
      const exchange: Exchange = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          if (this.exchange !== exchange) return;
          this.fail(exchange, signal?.reason, 'aborted');
        },
        timer: undefined,
        serverAbort: undefined,
      };
      this.exchange = exchange;
      signal?.addEventListener('abort', exchange.onAbort, { once: true });
      this.deliver(exchange, latency, () => {
        if (alert !== undefined) {
          this.fail(exchange, new TlsHandshakeError('alert', `TLS alert: ${alert}`, alert), 'TLS alert');
          return;
        }
        if (reset || this.ends.rejectPlaintext) {
          this.fail(
            exchange,
            new NetError('ECONNRESET', resetMessage(reset)),
            reset ? 'link reset' : 'plaintext to STRICT',
          );
          return;
        }
        this.serve(exchange, sent, latency, wantsClose);
      });
    });
  }

  close(): void {
    this.terminate('closed by client');
  }

  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }

  /** Server side going away (listener closed): close now if idle, else after the response in flight. */
  closeWhenIdle(reason: string): void {
    if (this.exchange === undefined) this.terminate(reason);
    else this.closeAfterResponse = true;
  }

  /** Abrupt failure (host removed): any request in flight fails with ECONNRESET. */
  reset(reason: string): void {
    if (this.exchange !== undefined) this.fail(this.exchange, new NetError('ECONNRESET', reason), reason);
    else this.terminate(reason);
  }

  private serve(exchange: Exchange, request: HttpRequest, latency: number, wantsClose: boolean): void {
    const serverAbort = new AbortController();
    exchange.serverAbort = serverAbort;
    let handled: Promise<HttpResponse>;
    try {
      handled = this.ends.listener.handler(request, this.ends.peer, serverAbort.signal);
    } catch (error) {
      handled = Promise.reject(error);
    }
    handled.then(
      (response) => {
        if (this.exchange !== exchange) return;
        const received = copyResponse(response);
        const close = wantsClose || received.headers['connection']?.toLowerCase() === 'close';
        this.deliver(exchange, latency, () => this.complete(exchange, received, close));
      },
      (error: unknown) => {
        if (this.exchange !== exchange) return;
        this.net.trace?.record('net.handler.error', { conn: this.id, error: String(error) });
        this.fail(exchange, new NetError('ECONNRESET', 'server handler failed; connection reset'), 'handler error');
      },
    );
  }

  /**
   * Runs `step` after the link latency. Zero latency is still a timer (delay 0): every delivery is then an
   * event the clock counts, so a runaway loop of instant requests hits the loop limit instead of spinning
   * in microtasks forever.
   */
  private deliver(exchange: Exchange, latency: number, step: () => void): void {
    exchange.timer = this.net.clock.setTimer(latency, () => {
      exchange.timer = undefined;
      if (this.exchange === exchange) step();
    });
  }

  private complete(exchange: Exchange, response: HttpResponse, close: boolean): void {
    this.finish(exchange);
    this.net.trace?.record('net.response', { conn: this.id, status: response.status });
    exchange.resolve(response);
    if (close || this.closeAfterResponse) this.terminate(close ? 'connection: close' : 'listener closed');
  }

  private fail(exchange: Exchange, error: unknown, reason: string): void {
    this.finish(exchange);
    // The server learns of it a turn later (still at this instant): a chain of proxies each waiting on the
    // next (a route that loops through a gateway) then unwinds one link per turn instead of one stack frame
    // per link, which thousands of links would overflow.
    const serverAbort = exchange.serverAbort;
    if (serverAbort !== undefined)
      void Promise.resolve().then(() =>
        serverAbort.abort(new NetError('ECONNRESET', `downstream connection ${reason}`)),
      );
    exchange.reject(error);
    this.terminate(reason);
  }

  private finish(exchange: Exchange): void {
    this.exchange = undefined;
    exchange.timer?.cancel();
    exchange.signal?.removeEventListener('abort', exchange.onAbort);
  }

  private terminate(reason: string): void {
    if (this.isClosed) return;
    const pending = this.exchange;
    if (pending !== undefined)
      this.fail(pending, new NetError('ECONNRESET', `connection ${this.id} ${reason}`), reason);
    if (this.isClosed) return;
    this.isClosed = true;
    this.ends.client.connections.delete(this);
    this.ends.server.connections.delete(this);
    this.ends.listener.connections.delete(this);
    this.net.trace?.record('net.close', { conn: this.id, reason });
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

function resetMessage(linkReset: boolean): string {
  return linkReset ? 'connection reset by peer' : 'connection reset by peer (server requires mTLS)';
}

function copyRequest(request: HttpRequest): HttpRequest {
  return { ...request, headers: { ...request.headers } };
}

function copyResponse(response: HttpResponse): HttpResponse {
  return { status: response.status, headers: { ...response.headers }, body: response.body };
}
