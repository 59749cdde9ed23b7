import type { Clock, Timer, Random } from '../../sim';
import type { HttpRequest, HttpResponse } from '../../net';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { ActiveStream } from '../http/active-stream';
import { LocalReplyBody, localReply, upstreamResetBody } from '../http/local-reply';
import type { LoadBalancerContext } from '../upstream/load-balancer/types';
import type { UpstreamHost } from '../upstream/host';
import { FLAG_DC, FLAG_NC, FLAG_NR, FLAG_UH, FLAG_UO, FLAG_URX } from '../stream-info';
import { MatchRequest } from './match-request';
import { RetryState, RetryStatus } from './retry-state';
import { RouteKind, type RouteEntry } from './route-entry';
import { AttemptResult, runAttempt, type AttemptOutcome } from './upstream-request';
import { failedTryReply, routeTimeoutReply, toRetryOutcome } from './failure-replies';
import { sendMirror } from './mirror';
import { copyWithout } from '../http/headers';
import type { PluginGuard } from '../extensions';
import {
  attemptDecision,
  breakerDecision,
  clusterDecision,
  endpointDecision,
  retryBreakerDecision,
  timeoutsDecision,
} from '../inspect/router-decisions';

/** What the router needs to know about its proxy. */
export interface RouterContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly guard: PluginGuard;
  /** Adds proxy-specific upstream headers (metadata exchange, XFCC, …). */
  decorateUpstreamRequest(stream: ActiveStream, headers: Record<string, string>): void;
  /** Whether tries carry x-envoy-attempt-count. */
  includeAttemptCount(route: RouteEntry): boolean;
}

/**
 * envoy.filters.http.router: picks the cluster (weights), then for each try a host (load balancer), a
 * connection (pool and breakers) and sends; retries per the route's policy with jittered back-off; the
 * route timeout covers every try and ends the request with 504 UT. Mirrors are sent on the side.
 */
export class Router {
  constructor(private readonly ctx: RouterContext) {}

  route(stream: ActiveStream, clusters: ReadonlyMap<string, UpstreamCluster>): HttpResponse | Promise<HttpResponse> {
    const route = stream.route;
    if (route === undefined) {
      stream.flags |= FLAG_NR;
      stream.responseCodeDetails = 'route_not_found';
      return { status: 404, headers: {}, body: '' };
    }
    if (route.kind === RouteKind.Direct) {
      stream.responseCodeDetails = 'direct_response';
      stream.hop?.decisions.push({ kind: 'direct-response', status: route.directStatus });
      return localReply(route.directStatus, route.directBody);
    }
    if (route.kind === RouteKind.Redirect) {
      stream.responseCodeDetails = 'direct_response';
      stream.hop?.decisions.push({ kind: 'direct-response', status: route.directStatus });
      const r = stream.request;
      return {
        status: route.directStatus,
        headers: { location: route.redirectLocation(r.authority, r.path) },
        body: '',
      };
    }
    const { random } = this.ctx;
    const clusterName = route.chooseCluster(random);
    stream.clusterName = clusterName;
    const cluster = clusters.get(clusterName);
    stream.upstreamCluster = cluster;
    stream.hop?.decisions.push(clusterDecision(route, clusterName, cluster));
    if (cluster === undefined) {
      stream.flags |= FLAG_NC;
      stream.responseCodeDetails = 'cluster_not_found';
      return { status: 503, headers: {}, body: '' };
    }
    const upstreamRequest = this.buildUpstreamRequest(stream, route);
    for (const mirror of route.mirrors) {
      if (mirror.numerator < mirror.denominator && random.int(mirror.denominator) >= mirror.numerator) continue;
      const target = clusters.get(mirror.cluster);
      if (target !== undefined) sendMirror(target, upstreamRequest, stream, this.ctx.guard);
    }
    const headers = stream.request.headers;
    const override = headers['x-envoy-upstream-rq-timeout-ms'];
    const timeoutMs = override !== undefined && /^\d+$/.test(override) ? Number(override) : route.timeoutMs;
    if (timeoutMs > 0) upstreamRequest.headers['x-envoy-expected-rq-timeout-ms'] = String(timeoutMs);
    stream.hop?.decisions.push(timeoutsDecision(route, timeoutMs));
    return this.forward(stream, route, cluster, upstreamRequest, timeoutMs);
  }

  private async forward(
    stream: ActiveStream,
    route: RouteEntry,
    cluster: UpstreamCluster,
    request: HttpRequest,
    timeoutMs: number,
  ): Promise<HttpResponse> {
    const { clock, random, guard } = this.ctx;
    const policy = route.retryPolicy;
    const retriable = policy !== undefined && policy.numRetries > 0;
    let retry: RetryState | undefined;
    const perTryTimeoutMs = policy?.perTryTimeoutMs ?? 0;
    // A controller only when something can cancel the request on our side (route timeout).
    let controller: AbortController | undefined;
    let timer: Timer | undefined;
    let globalTimedOut = false;
    let signal: AbortSignal | undefined = stream.signal;
    if (timeoutMs > 0) {
      const ctl = new AbortController();
      controller = ctl;
      signal = ctl.signal;
      timer = clock.setTimer(timeoutMs, () => {
        globalTimedOut = true;
        ctl.abort(new Error('upstream request timeout'));
      });
      if (stream.signal.aborted) ctl.abort(stream.signal.reason);
      else stream.signal.addEventListener('abort', () => ctl.abort(stream.signal.reason), { once: true });
    }
    const attempted: UpstreamHost[] = [];
    const firstContext = this.lbContext(stream, route, undefined);
    let retryContext: LoadBalancerContext | undefined;
    const out: AttemptOutcome = {
      result: AttemptResult.Response,
      response: undefined,
      serviceTimeMs: -1,
      peerIdentity: undefined,
      localAddress: '-',
    };
    try {
      for (;;) {
        // previous_hosts has nothing to avoid on the first try, so that try needs no predicate.
        const context =
          attempted.length === 0 ? firstContext : (retryContext ??= this.lbContext(stream, route, attempted));
        const host = guard.chooseHost(cluster, context, stream.peer.originalDestination);
        stream.hop?.decisions.push(endpointDecision(cluster, host));
        if (host === undefined) {
          cluster.stats.upstream_cx_none_healthy++;
          stream.flags |= FLAG_UH;
          stream.responseCodeDetails = 'no_healthy_upstream';
          return localReply(503, LocalReplyBody.noHealthyUpstream);
        }
        attempted.push(host);
        stream.upstreamHost = host;
        stream.upstreamHostKey = host.key;
        stream.attemptCount++;
        if (this.ctx.includeAttemptCount(route)) request.headers['x-envoy-attempt-count'] = String(stream.attemptCount);
        await runAttempt(cluster, host, request, signal, perTryTimeoutMs, clock, out);
        retry?.releaseSlot();
        const result = out.result;
        if (result === AttemptResult.Cancelled || globalTimedOut) {
          if (globalTimedOut) return routeTimeoutReply(stream, cluster, host, timeoutMs);
          stream.hop?.decisions.push({ kind: 'downstream-gone' });
          stream.flags |= FLAG_DC;
          stream.responseCodeDetails = 'downstream_remote_disconnect';
          return { status: 503, headers: {}, body: '' };
        }
        if (result === AttemptResult.Overflow) {
          stream.hop?.decisions.push(breakerDecision(cluster));
          stream.flags |= FLAG_UO;
          stream.responseCodeDetails = 'upstream_reset_before_response_started{overflow}';
          return localReply(503, upstreamResetBody('overflow', stream.attemptCount > 1), {
            'x-envoy-overloaded': 'true',
          });
        }
        const response = out.response;
        const status = response?.status ?? 0;
        // Most tries succeed: the retry state is only built for the first one that did not.
        if (
          retriable &&
          retry === undefined &&
          (result !== AttemptResult.Response || status >= 300 || response?.headers['grpc-status'] !== undefined)
        ) {
          retry = new RetryState(policy, cluster.resources.retries, cluster.stats);
        }
        const decision =
          retry === undefined
            ? RetryStatus.No
            : retry.shouldRetry(toRetryOutcome(result), status, response?.headers['grpc-status']);
        if (decision === RetryStatus.Yes) {
          const wait = retry!.nextBackOffMs(random);
          stream.hop?.decisions.push(attemptDecision(stream.attemptCount, host, out, decision, wait));
          if (wait > 0) {
            try {
              await clock.sleep(wait, signal);
            } catch {
              // Timed out between tries: no request was in flight, so no host is blamed.
              if (globalTimedOut) return routeTimeoutReply(stream, cluster, undefined, timeoutMs);
              stream.flags |= FLAG_DC;
              return { status: 503, headers: {}, body: '' };
            }
          }
          continue;
        }
        const recorded = stream.hop;
        if (recorded !== undefined) {
          recorded.decisions.push(attemptDecision(stream.attemptCount, host, out, decision, 0));
          if (decision === RetryStatus.NoOverflow) recorded.decisions.push(retryBreakerDecision(cluster));
        }
        if (decision === RetryStatus.NoRetryLimitExceeded) stream.flags |= FLAG_URX;
        else if (decision === RetryStatus.NoOverflow) stream.flags |= FLAG_UO;
        stream.upstreamPeerIdentity = out.peerIdentity;
        stream.upstreamLocalAddress = out.localAddress;
        if (response !== undefined) {
          if (stream.attemptCount > 1 && status < 500) cluster.stats.upstream_rq_retry_success++;
          stream.upstreamServiceTimeMs = out.serviceTimeMs;
          stream.responseCodeDetails = 'via_upstream';
          return response;
        }
        return failedTryReply(stream, result, out.transport);
      }
    } finally {
      timer?.cancel();
      void controller;
    }
  }

  private lbContext(
    stream: ActiveStream,
    route: RouteEntry,
    attempted: UpstreamHost[] | undefined,
  ): LoadBalancerContext {
    const policy = route.retryPolicy;
    let hashKey: string | undefined;
    if (route.hashPolicies.length > 0) {
      const r = stream.request;
      hashKey = route.hashKey(new MatchRequest(r.method, r.path, r.authority, r.headers), stream.peer.remoteAddress);
    }
    if (policy?.previousHosts !== true || attempted === undefined)
      return hashKey === undefined ? EMPTY_CONTEXT : { hashKey };
    return {
      ...(hashKey !== undefined && { hashKey }),
      hostSelectionRetryMaxAttempts: policy.hostSelectionRetryMaxAttempts,
      shouldSelectAnotherHost: (host) => attempted.includes(host),
    };
  }

  private buildUpstreamRequest(stream: ActiveStream, route: RouteEntry): HttpRequest {
    const src = stream.request;
    const headers = copyWithout(src.headers, route.upstreamHeadersToDrop);
    for (const [k, v] of route.requestHeadersToAdd) headers[k] = v;
    // The scheme the client used to reach this proxy: https where it terminated the client's TLS.
    headers['x-forwarded-proto'] ??= stream.peer.tlsSession !== undefined ? 'https' : 'http';
    this.ctx.decorateUpstreamRequest(stream, headers);
    const path =
      route.prefixRewrite === undefined && route.regexRewrite === undefined ? src.path : route.rewritePath(src.path);
    return { method: src.method, path, authority: route.hostRewrite ?? src.authority, headers, body: src.body };
  }
}

const EMPTY_CONTEXT: LoadBalancerContext = Object.freeze({});
