import { ForwardingConnection, type Connection, type HttpRequest, type HttpResponse } from '../../net';
import type { TcpSessionLog } from '../access-log/tcp-session-log';

/**
 * A relayed upstream connection as the TCP proxy sees it: every exchange adds to the session's byte counts,
 * and its close (from either end) writes the session's access-log lines.
 */
export class LoggedConnection extends ForwardingConnection {
  constructor(
    upstream: Connection,
    private readonly log: TcpSessionLog,
  ) {
    super(upstream);
    upstream.onClose(() => log.finish());
  }

  override async request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const response = await this.upstream.request(request, signal);
    this.log.exchanged(request, response);
    return response;
  }
}
