import type { Clock, Timer } from '../../sim';
import { NetError, type HttpRequest, type HttpResponse } from '../../net';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import { PoolFailure, PoolFailureReason } from '../upstream/conn-pool';
import type { UpstreamHost } from '../upstream/host';
import { OutlierResult } from '../upstream/outlier-detection/outlier-result';
import { PluginError } from '../extensions';
import type { RequestBreaker } from '../upstream/request-breaker';
import type { TransportFailure } from '../upstream/server-verification';

/** How one attempt ended. */
export const AttemptResult = {
  Response: 'response',
  Overflow: 'overflow',
  ConnectFailure: 'connect-failure',
  Reset: 'reset',
  PerTryTimeout: 'per-try-timeout',
  /** The route timeout fired, or the downstream went away: the whole request is over. */
  Cancelled: 'cancelled',
} as const;
export type AttemptResult = (typeof AttemptResult)[keyof typeof AttemptResult];

/** Shared by the router and its attempts: why the request's signal fired. */
export interface CancelState {
  globalTimedOut: boolean;
  downstreamGone: boolean;
}

export interface AttemptOutcome {
  result: AttemptResult;
  response: HttpResponse | undefined;
  /** ms from the request leaving to its response. */
  serviceTimeMs: number;
  /** Server identity of the TLS connection used, if any. */
  peerIdentity: string | undefined;
  /** `address:port` of this end of the upstream connection used (the access log's UPSTREAM_LOCAL_ADDRESS). */
  localAddress: string;
  /** Why originated TLS failed, when the connect failure was the transport socket's (optional: most never are). */
  transport?: TransportFailure | undefined;
}

/**
 * One try of a request against one host (Envoy: UpstreamRequest): take a connection from the host's pool,
 * send, wait — bounded by the per-try timeout and by the request's own cancellation — and report the
 * result to the host's outlier monitor. Circuit-breaker overflows are not reported (Envoy does not).
 */
export async function runAttempt(
  cluster: UpstreamCluster,
  host: UpstreamHost,
  request: HttpRequest,
  requestSignal: AbortSignal | undefined,
  perTryTimeoutMs: number,
  clock: Clock,
  out: AttemptOutcome,
): Promise<void> {
  const stats = cluster.stats;
  let controller: AbortController | undefined;
  let perTryTimer: Timer | undefined;
  let perTryFired = false;
  let onOuterAbort: (() => void) | undefined;
  let signal = requestSignal;
  if (perTryTimeoutMs > 0) {
    const ctl = new AbortController();
    controller = ctl;
    signal = ctl.signal;
    perTryTimer = clock.setTimer(perTryTimeoutMs, () => {
      perTryFired = true;
      ctl.abort(new NetError('ETIMEDOUT', 'per-try timeout'));
    });
    if (requestSignal !== undefined) {
      if (requestSignal.aborted) ctl.abort(requestSignal.reason);
      else {
        onOuterAbort = () => ctl.abort(requestSignal.reason);
        requestSignal.addEventListener('abort', onOuterAbort, { once: true });
      }
    }
  }
  const breaker = cluster.requestBreaker;
  if (breaker !== undefined && !breaker.allowRequest()) {
    stats.upstream_rq_pending_overflow++;
    out.result = AttemptResult.Overflow;
    perTryTimer?.cancel();
    if (onOuterAbort !== undefined) requestSignal?.removeEventListener('abort', onOuterAbort);
    return;
  }
  host.activeRequests++;
  stats.upstream_rq_active++;
  out.response = undefined;
  out.peerIdentity = undefined;
  out.transport = undefined;
  out.serviceTimeMs = -1;
  try {
    const pool = cluster.pool(host);
    let conn;
    try {
      conn = pool.newStream(signal);
      if (conn instanceof Promise) conn = await conn;
    } catch (e) {
      if (e instanceof PoolFailure) {
        if (e.reason === PoolFailureReason.Overflow) {
          out.result = AttemptResult.Overflow;
        } else {
          out.result = AttemptResult.ConnectFailure;
          out.transport = e.transport;
          reportResult(host, OutlierResult.CONNECT_FAILURE);
        }
        return;
      }
      out.result = perTryFired ? AttemptResult.PerTryTimeout : AttemptResult.Cancelled;
      if (perTryFired) stats.upstream_rq_per_try_timeout++;
      return;
    }
    stats.upstream_rq_total++;
    host.stats.rqTotal++;
    out.localAddress = conn.localPort === undefined ? conn.localAddress : `${conn.localAddress}:${conn.localPort}`;
    const sentAt = clock.now();
    try {
      const response = await conn.request(request, signal);
      pool.release(conn, true);
      out.serviceTimeMs = clock.now() - sentAt;
      out.response = response;
      out.result = AttemptResult.Response;
      out.peerIdentity = cluster.peerIdentityFor(host);
      stats.chargeResponse(response.status);
      if (response.status >= 500) host.stats.rqError++;
      else host.stats.rqSuccess++;
      reportCode(host, response.status);
    } catch {
      pool.release(conn, false);
      if (perTryFired) {
        out.result = AttemptResult.PerTryTimeout;
        stats.upstream_rq_per_try_timeout++;
        host.stats.rqTimeout++;
        reportResult(host, OutlierResult.TIMEOUT);
      } else if (signal?.aborted === true) {
        out.result = AttemptResult.Cancelled;
        stats.upstream_rq_cancelled++;
      } else {
        out.result = AttemptResult.Reset;
        stats.upstream_rq_rx_reset++;
        host.stats.rqError++;
        reportResult(host, OutlierResult.RESET);
      }
    }
  } finally {
    if (breaker !== undefined) reportToBreaker(breaker, out);
    host.activeRequests--;
    stats.upstream_rq_active--;
    perTryTimer?.cancel();
    if (onOuterAbort !== undefined) requestSignal?.removeEventListener('abort', onOuterAbort);
    void controller;
  }
}

/** Tells a lab's request breaker how the attempt went; cancellations and overflows say nothing. */
function reportToBreaker(breaker: RequestBreaker, out: AttemptOutcome): void {
  switch (out.result) {
    case AttemptResult.Response:
      if ((out.response?.status ?? 0) >= 500) breaker.onFailure();
      else breaker.onSuccess();
      return;
    case AttemptResult.ConnectFailure:
    case AttemptResult.Reset:
    case AttemptResult.PerTryTimeout:
      breaker.onFailure();
      return;
    default:
      return;
  }
}

/** Feeds the host's outlier monitor; a throwing (learner's) detector is named in the 500 it causes. */
export function reportCode(host: UpstreamHost, code: number): void {
  try {
    host.outlierMonitor.putHttpResponseCode(code);
  } catch (e) {
    throw new PluginError('outlier detector', e);
  }
}

export function reportResult(host: UpstreamHost, result: OutlierResult): void {
  try {
    host.outlierMonitor.putResult(result);
  } catch (e) {
    throw new PluginError('outlier detector', e);
  }
}
