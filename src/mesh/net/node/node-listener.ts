import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpHandler, HttpRequest, ListenOptions, Listening, PeerInfo } from '../types';
import { fromWire, parseHostPort, toWire } from './wire';

/** A simulated port served by a real node:http server on the host's loopback address and an ephemeral port. */
export class NodeListener implements Listening {
  /** Resolves to the real TCP port once the server is bound. */
  readonly ready: Promise<number>;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private open = true;

  constructor(
    readonly hostAddress: string,
    readonly loopbackIp: string,
    readonly port: number,
    readonly handler: HttpHandler,
    readonly options: ListenOptions,
    private readonly onClose: (listener: NodeListener) => void,
  ) {
    this.server = createServer((req, res) => void this.serve(req, res));
    // Keep-alive connections stay open until a side closes them, as they do on SimNet.
    this.server.keepAliveTimeout = 0;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.ready = new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, loopbackIp, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    this.ready.catch(() => {}); // surfaced to whoever connects
  }

  get closed(): boolean {
    return !this.open;
  }

  /** Stops accepting; idle connections close now, busy ones after their response (Node's own behaviour). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.onClose(this);
    this.server.close();
    this.server.closeIdleConnections();
  }

  /** Closes everything at once (host removed, NodeNet disposed). */
  async destroy(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.open = false;
    this.onClose(this);
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { headers, internal } = fromWire(req.headers);
    const tlsMode = this.options.tls?.mode;
    if (tlsMode === 'STRICT' && internal.tlsIdentity === undefined) {
      req.socket.destroy(); // plaintext to a STRICT mTLS port: the client sees a reset
      return;
    }
    const body = await readBody(req);
    const loopback = internal.source === '127.0.0.1';
    const originalDestination = parseHostPort(internal.originalDestination);
    const peer: PeerInfo = {
      remoteAddress: internal.source ?? req.socket.remoteAddress ?? '',
      localAddress: loopback ? '127.0.0.1' : this.hostAddress,
      localPort: this.port,
      ...(originalDestination && { originalDestination }),
      ...(internal.tlsIdentity !== undefined &&
        this.options.tls && { tls: { peerIdentity: internal.tlsIdentity, localIdentity: this.options.tls.identity } }),
    };
    const request: HttpRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      authority: req.headers.host ?? '',
      headers,
      body,
    };
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('downstream connection closed'));
    });
    try {
      const response = await this.handler(request, peer, abort.signal);
      if (abort.signal.aborted) return;
      res.sendDate = false;
      res.writeHead(response.status, toWire(response.headers, {}));
      res.end(response.body);
    } catch {
      req.socket.destroy(); // a failing handler resets the connection, as on SimNet
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
