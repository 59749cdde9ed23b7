import { NetError, type Connection, type TlsSession } from './types';

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

/** A connection whose handshake happened at the far end of a relay: requests go through, the session comes back. */
export class RelayedTlsConnection implements Connection {
  constructor(
    private readonly upstream: Connection,
    readonly localAddress: string,
    readonly remoteAddress: string,
    readonly remotePort: number,
  ) {}

  get id(): number {
    return this.upstream.id;
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

  request: Connection['request'] = (request, signal) => this.upstream.request(request, signal);
  close(): void {
    this.upstream.close();
  }
  onClose(listener: () => void): void {
    this.upstream.onClose(listener);
  }
}
