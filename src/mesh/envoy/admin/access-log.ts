import type { HttpResponse } from '../../net';
import type { ActiveStream } from '../http/active-stream';
import { formatResponseFlags } from '../stream-info';
import { formatIsoTime } from './time-format';

/**
 * The proxy's access log in Istio's default text format:
 * `[START_TIME] "METHOD PATH PROTOCOL" RESPONSE_CODE RESPONSE_FLAGS RESPONSE_CODE_DETAILS
 * CONNECTION_TERMINATION_DETAILS "UPSTREAM_TRANSPORT_FAILURE_REASON" BYTES_RECEIVED BYTES_SENT DURATION
 * UPSTREAM_SERVICE_TIME "X-FORWARDED-FOR" "USER-AGENT" "X-REQUEST-ID" "AUTHORITY" "UPSTREAM_HOST"
 * UPSTREAM_CLUSTER UPSTREAM_LOCAL_ADDRESS DOWNSTREAM_LOCAL_ADDRESS DOWNSTREAM_REMOTE_ADDRESS
 * REQUESTED_SERVER_NAME ROUTE_NAME`. Kept in a ring buffer that `kubectl logs -c istio-proxy` reads.
 */
export class AccessLog {
  private readonly lines: string[] = [];
  private next = 0;
  private full = false;

  constructor(
    private readonly capacity: number,
    private readonly epochMs: number,
  ) {}

  append(line: string): void {
    if (this.capacity <= 0) return;
    if (this.full) {
      this.lines[this.next] = line;
    } else {
      this.lines.push(line);
      if (this.lines.length === this.capacity) this.full = true;
    }
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first; `tail` keeps only the last n. */
  entries(tail?: number): string[] {
    const ordered = this.full ? [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)] : [...this.lines];
    return tail === undefined ? ordered : ordered.slice(Math.max(0, ordered.length - tail));
  }

  clear(): void {
    this.lines.length = 0;
    this.next = 0;
    this.full = false;
  }

  log(stream: ActiveStream, response: HttpResponse, upstreamLocal: string): void {
    const req = stream.request;
    const h = req.headers;
    const duration = Math.round(stream.endTime - stream.startTime);
    const serviceTime = stream.upstreamServiceTimeMs >= 0 ? String(Math.round(stream.upstreamServiceTimeMs)) : '-';
    const peer = stream.peer;
    const downstreamLocal = `${peer.originalDestination?.address ?? peer.localAddress}:${peer.originalDestination?.port ?? peer.localPort}`;
    this.append(
      `[${formatIsoTime(this.epochMs, stream.startTime)}] "${req.method} ${req.path} HTTP/1.1" ${response.status} ` +
        `${formatResponseFlags(stream.flags)} ${stream.responseCodeDetails} - "-" ${req.body.length} ${response.body.length} ` +
        `${duration} ${serviceTime} "${h['x-forwarded-for'] ?? '-'}" "${h['user-agent'] ?? '-'}" "${h['x-request-id'] ?? '-'}" ` +
        `"${req.authority}" "${stream.upstreamHostKey}" ${stream.clusterName === '' ? '-' : stream.clusterName} ${upstreamLocal} ` +
        `${downstreamLocal} ${peer.remoteAddress}:0 - ${stream.route?.name || '-'}`,
    );
  }
}
