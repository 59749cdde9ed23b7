import { NetError, type Connection, type HttpRequest, type HttpResponse, type TlsSession } from './types';

/**
 * How a handshake failed, in the terms a TLS client tells apart:
 * `not-tls`: the server answered in plaintext (OpenSSL's "wrong version number");
 * `closed`: the connection closed before the server's hello (SSL_ERROR_SYSCALL, Envoy's BlackHoleCluster);
 * `alert`: the server sent a TLS alert (e.g. `handshake failure`, `unrecognized name`).
 */
export type TlsFailure = 'not-tls' | 'closed' | 'alert';

export class TlsHandshakeError extends NetError {
  constructor(
    readonly failure: TlsFailure,
    message: string,
    /** The alert's description, when `failure` is `alert`. */
    readonly alert?: string,
  ) {
    super('EPROTO', message);
    this.name = 'TlsHandshakeError';
  }
}

/**
 * A connection that hands everything to another (Envoy-style connection decorators): a subclass overrides only
 * what it changes.
 */
export class ForwardingConnection implements Connection {
  constructor(protected readonly upstream: Connection) {}

  get id(): number {
    return this.upstream.id;
  }
  get localAddress(): string {
    return this.upstream.localAddress;
  }
  get localPort(): number | undefined {
    return this.upstream.localPort;
  }
  get remoteAddress(): string {
    return this.upstream.remoteAddress;
  }
  get remotePort(): number {
    return this.upstream.remotePort;
  }
  get requestCount(): number {
    return this.upstream.requestCount;
  }
  get closed(): boolean {
    return this.upstream.closed;
  }
  get tls(): TlsSession | undefined {
    return this.upstream.tls;
  }

  request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    return this.upstream.request(request, signal);
  }
  close(): void {
    this.upstream.close();
  }
  onClose(listener: () => void): void {
    this.upstream.onClose(listener);
  }
}

/** A connection whose handshake happened at the far end of a relay: requests go through, the session comes back. */
export class RelayedTlsConnection extends ForwardingConnection {
  constructor(
    upstream: Connection,
    private readonly addresses: { localAddress: string; remoteAddress: string; remotePort: number },
  ) {
    super(upstream);
  }

  override get localAddress(): string {
    return this.addresses.localAddress;
  }
  override get localPort(): undefined {
    return undefined;
  }
  override get remoteAddress(): string {
    return this.addresses.remoteAddress;
  }
  override get remotePort(): number {
    return this.addresses.remotePort;
  }
}
