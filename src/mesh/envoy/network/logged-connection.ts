import { ForwardingConnection, type Connection, type HttpRequest, type HttpResponse } from '../../net';
import { requestBytes, responseBytes, type TcpSessionLog } from '../access-log/tcp-session-log';
import type { TcpSeries } from '../stats/tcp-metrics';

/**
 * A relayed upstream connection as the TCP proxy sees it: every exchange adds to the session's byte counts,
 * and its close (from either end) writes the session's access-log lines and counts in Istio's TCP metrics.
 */
export class LoggedConnection extends ForwardingConnection {
  constructor(
    upstream: Connection,
    private readonly log: TcpSessionLog,
    private readonly series: TcpSeries | undefined,
  ) {
    super(upstream);
    upstream.onClose(() => {
      log.finish();
      if (series !== undefined) series.closed++;
    });
  }

  override async request(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const response = await this.upstream.request(request, signal);
    this.log.exchanged(request, response);
    if (this.series !== undefined) {
      this.series.received += requestBytes(request);
      this.series.sent += responseBytes(request, response);
    }
    return response;
  }
}
