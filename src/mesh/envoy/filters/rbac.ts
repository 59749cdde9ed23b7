import type { ActiveStream, FilterResult, HttpFilter } from '../http/active-stream';
import { LocalReplyBody, localReply } from '../http/local-reply';
import { MatchRequest } from '../router/match-request';
import type { Counter, StatsStore } from '../stats/store';
import type { RbacEngine } from './rbac-engine';

/**
 * envoy.filters.http.rbac on the inbound side: Istio's AuthorizationPolicy arrives as RBAC rules. A
 * route's RBACPerRoute replaces the filter's engine. Denied → 403 `RBAC: access denied`.
 */
export class RbacFilter implements HttpFilter {
  readonly name = 'envoy.filters.http.rbac';
  private readonly allowed: Counter;
  private readonly denied: Counter;

  constructor(
    private readonly engine: RbacEngine,
    statPrefix: string,
    stats: StatsStore,
  ) {
    this.allowed = stats.counter(`http.${statPrefix}.rbac.allowed`);
    this.denied = stats.counter(`http.${statPrefix}.rbac.denied`);
  }

  decodeHeaders(stream: ActiveStream): FilterResult {
    const engine = stream.route?.rbac ?? this.engine;
    const req = stream.request;
    const decision = engine.evaluate({
      request: new MatchRequest(req.method, req.path, req.authority, req.headers),
      peer: stream.peer,
    });
    if (decision.allowed) {
      this.allowed.value++;
      return undefined;
    }
    this.denied.value++;
    stream.responseCodeDetails = `rbac_access_denied_matched_policy[${decision.matchedPolicy ?? 'none'}]`;
    return localReply(403, LocalReplyBody.rbacDenied);
  }
}
