import type { HttpResponse } from '../../net';
import type { ActiveStream } from '../http/active-stream';
import { LocalReplyBody, localReply, upstreamResetBody } from '../http/local-reply';
import type { TransportFailure } from '../upstream/server-verification';
import type { UpstreamHost } from '../upstream/host';
import { OutlierResult } from '../upstream/outlier-detection/outlier-result';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import { FLAG_UC, FLAG_UF, FLAG_UT } from '../stream-info';
import { AttemptOutcome as RetryOutcome } from './retry-state';
import { AttemptResult, reportResult } from './upstream-request';

/**
 * The router's answers when no upstream response comes back: the route timeout ran out (504 UT, the host that
 * was trying blamed for it), or the last try ended without a response (per-try timeout, connect failure, reset).
 * Each sets the flags and response-code details Envoy's access log shows for it.
 */

export function routeTimeoutReply(
  stream: ActiveStream,
  cluster: UpstreamCluster,
  host: UpstreamHost | undefined,
  timeoutMs: number,
): HttpResponse {
  stream.hop?.decisions.push({ kind: 'route-timeout', timeoutMs });
  cluster.stats.upstream_rq_timeout++;
  if (host !== undefined) {
    host.stats.rqTimeout++;
    reportResult(host, OutlierResult.TIMEOUT);
  }
  stream.flags |= FLAG_UT;
  stream.responseCodeDetails = 'response_timeout';
  return localReply(504, LocalReplyBody.timeout);
}

export function failedTryReply(
  stream: ActiveStream,
  result: AttemptResult,
  transport: TransportFailure | undefined,
): HttpResponse {
  const retried = stream.attemptCount > 1;
  if (result === AttemptResult.PerTryTimeout) {
    stream.flags |= FLAG_UT;
    stream.responseCodeDetails = 'upstream_per_try_timeout';
    return localReply(504, LocalReplyBody.timeout);
  }
  if (result === AttemptResult.ConnectFailure) {
    stream.flags |= FLAG_UF;
    const reason = transport?.resetReason ?? 'connection failure';
    stream.upstreamTransportFailureReason = transport?.transportFailureReason;
    const details = transport === undefined ? reason : `${reason},${transport.transportFailureReason}`;
    // Envoy's details are one token: spaces become underscores.
    stream.responseCodeDetails = `upstream_reset_before_response_started{${details.replaceAll(' ', '_')}}`;
    return localReply(503, upstreamResetBody(reason, retried, transport?.transportFailureReason));
  }
  stream.flags |= FLAG_UC;
  stream.responseCodeDetails = 'upstream_reset_before_response_started{connection_termination}';
  return localReply(503, upstreamResetBody('connection termination', retried));
}

/** How a try ended, as the retry state judges it. */
export function toRetryOutcome(result: AttemptResult): RetryOutcome {
  switch (result) {
    case AttemptResult.ConnectFailure:
      return RetryOutcome.ConnectFailure;
    case AttemptResult.Reset:
      return RetryOutcome.Reset;
    case AttemptResult.PerTryTimeout:
      return RetryOutcome.PerTryTimeout;
    default:
      return RetryOutcome.Response;
  }
}
