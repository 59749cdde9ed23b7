import { FILTER_NAME } from '../../../xds/index';
import type { ActiveStream } from '../../http/active-stream';
import type { FilterResult, HttpFilter } from '../../http/filter';
import { localReply } from '../../http/local-reply';
import { MatchRequest } from '../../router/match-request';
import type { Counter, StatsStore } from '../../stats/store';
import type { RbacEngine } from './rbac-engine';

/** The body of a denial, word for word as Envoy writes it. */
export const RBAC_DENIED_BODY = 'RBAC: access denied';

/**
 * envoy.filters.http.rbac on the inbound side: Istio's AuthorizationPolicy arrives as RBAC rules. A
 * route's RBACPerRoute replaces the filter's engine. Denied → 403 `RBAC: access denied`.
 */
export class RbacFilter implements HttpFilter {
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
    const engine = (stream.route?.perFilterConfig(FILTER_NAME.rbac) as RbacEngine | undefined) ?? this.engine;
    const req = stream.request;
    const decision = engine.evaluate({
      request: new MatchRequest(req.method, req.path, req.authority, req.headers),
      peer: stream.peer,
      metadata: stream.dynamicMetadata,
    });
    if (decision.allowed) {
      this.allowed.value++;
      return undefined;
    }
    this.denied.value++;
    stream.responseCodeDetails = `rbac_access_denied_matched_policy[${decision.matchedPolicy ?? 'none'}]`;
    return localReply(403, RBAC_DENIED_BODY);
  }
}
