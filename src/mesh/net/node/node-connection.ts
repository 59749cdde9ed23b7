import { Agent, request as httpRequest, type ClientRequest, type ClientRequestArgs } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock, Random } from '../../sim';
import { NetError, type Connection, type HttpRequest, type HttpResponse, type LinkBehaviour } from '../types';
import { fromWire, toNetError, toWire } from './wire';

/** An http.Agent that only ever uses the one socket it was given: one Connection = one real socket. */
class OneSocketAgent extends Agent {
  constructor(private readonly socket: Socket) {
    super({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
  }

  override createConnection(
    _options: ClientRequestArgs,
    _callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex {
    return this.socket;
  }
}

/** Opens the real TCP socket; resolves when it is connected. */
export function openSocket(ip: string, port: number, localAddress: string | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: ip, port, ...(localAddress !== undefined && { localAddress }) });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', (error) => reject(toNetError(error)));
  });
}

export interface NodeConnectionSetup {
  id: number;
  socket: Socket;
  /** Real address of the server socket. */
  ip: string;
  port: number;
  /** What the client believes it connected to. */
  localAddress: string;
  remoteAddress: string;
  remotePort: number;
  /** Sent with every request so the server can build its PeerInfo. */
  internal: { source: string; originalDestination?: string; tlsIdentity?: string };
  link: () => LinkBehaviour | undefined;
  clock: Clock;
  random: Random;
}

/** One keep-alive socket carrying requests one at a time; closes on any failure, as on SimNet. */
export class NodeConnection implements Connection {
  readonly id: number;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  private requests = 0;
  private isClosed = false;
  private busy = false;
  private readonly agent: OneSocketAgent;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly setup: NodeConnectionSetup) {
    this.id = setup.id;
    this.localAddress = setup.localAddress;
    this.remoteAddress = setup.remoteAddress;
    this.remotePort = setup.remotePort;
    this.agent = new OneSocketAgent(setup.socket);
    setup.socket.once('close', () => this.markClosed());
    setup.socket.on('error', () => {}); // reported through the request in flight
  }

  get requestCount(): number {
    return this.requests;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    if (this.busy) {
      throw new Error(`connection ${this.id} already has a request in flight: HTTP/1.1 carries one request at a time`);
    }
    if (this.isClosed) return Promise.reject(new NetError('ECONNRESET', `connection ${this.id} is closed`));
    if (signal?.aborted) {
      this.close();
      return Promise.reject(signal.reason);
    }
    this.busy = true;
    this.requests++;
    return this.exchange(request, signal).finally(() => (this.busy = false));
  }

  close(): void {
    this.setup.socket.destroy();
    this.markClosed();
  }

  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }

  private async exchange(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const link = this.setup.link();
    const latency = link?.latencyMs ?? 0;
    const resetP = link?.resetProbability ?? 0;
    const reset = resetP > 0 && this.setup.random.next() < resetP;
    if (latency > 0) await this.setup.clock.sleep(latency, signal).catch((reason: unknown) => this.abortWith(reason));
    if (reset) {
      this.close();
      throw new NetError('ECONNRESET', 'connection reset by peer');
    }
    const response = await this.send(request, signal);
    if (latency > 0) await this.setup.clock.sleep(latency, signal).catch((reason: unknown) => this.abortWith(reason));
    return response;
  }

  private abortWith(reason: unknown): never {
    this.close();
    throw reason;
  }

  private send(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const wantsClose = request.headers['connection']?.toLowerCase() === 'close';
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = (): void => settle(() => (this.close(), reject(signal?.reason)));
      signal?.addEventListener('abort', onAbort, { once: true });
      const outgoing: ClientRequest = httpRequest({
        agent: this.agent,
        host: this.setup.ip,
        port: this.setup.port,
        method: request.method,
        path: request.path,
        headers: { ...toWire(request.headers, this.setup.internal), host: request.authority },
      });
      outgoing.on('error', (error) => settle(() => (this.close(), reject(toNetError(error)))));
      outgoing.on('response', (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('error', (error) => settle(() => (this.close(), reject(toNetError(error)))));
        incoming.on('end', () => {
          const { headers } = fromWire(incoming.headers);
          // Mark the close before the caller resumes, so `closed` reads the same as on SimNet.
          if (wantsClose || headers['connection']?.toLowerCase() === 'close') this.close();
          settle(() => resolve({ status: incoming.statusCode ?? 0, headers, body }));
        });
      });
      outgoing.end(request.body);
    });
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.agent.destroy();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
