import type { Connection, TlsSession } from '../../net';
import type { TcpSessionLog } from '../access-log/tcp-session-log';

/**
 * A relayed upstream connection as the TCP proxy sees it: every exchange adds to the session's byte counts,
 * and its close (from either end) writes the session's access-log lines.
 */
export class LoggedConnection implements Connection {
  constructor(
    private readonly upstream: Connection,
    private readonly log: TcpSessionLog,
  ) {
    upstream.onClose(() => log.finish());
  }

  get id(): number {
    return this.upstream.id;
  }
  get localAddress(): string {
    return this.upstream.localAddress;
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

  request: Connection['request'] = async (request, signal) => {
    const response = await this.upstream.request(request, signal);
    this.log.exchanged(request, response);
    return response;
  };
  close(): void {
    this.upstream.close();
  }
  onClose(listener: () => void): void {
    this.upstream.onClose(listener);
  }
}
