import { FILTER_NAME } from '../../../xds/index';
import type { ActiveStream } from '../../http/active-stream';
import type { FilterResult, HttpFilter } from '../../http/filter';
import { localReply } from '../../http/local-reply';
import { MatchRequest } from '../../router/match-request';
import type { Counter, StatsStore } from '../../stats/store';
import type { AppLog } from '../../admin/app-log';
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
    private readonly log: AppLog,
  ) {
    this.allowed = stats.counter(`http.${statPrefix}.rbac.allowed`);
    this.denied = stats.counter(`http.${statPrefix}.rbac.denied`);
  }

  decodeHeaders(stream: ActiveStream): FilterResult {
    const engine = (stream.route?.perFilterConfig(FILTER_NAME.rbac) as RbacEngine | undefined) ?? this.engine;
    const req = stream.request;
    if (this.log.enabled('rbac', 'debug')) this.log.write('rbac', 'debug', SOURCE_CHECK, checkingRequest(stream));
    const decision = engine.evaluate({
      request: new MatchRequest(req.method, req.path, req.authority, req.headers),
      peer: stream.peer,
      metadata: stream.dynamicMetadata,
    });
    const policy = decision.matchedPolicy ?? 'none';
    this.log.write(
      'rbac',
      'debug',
      SOURCE_DECISION,
      `enforced ${decision.allowed ? 'allowed' : 'denied'}, matched policy ${policy}`,
    );
    if (decision.action !== undefined)
      stream.hop?.decisions.push({
        kind: 'rbac',
        allowed: decision.allowed,
        action: decision.action,
        policy: decision.matchedPolicy,
      });
    if (decision.allowed) {
      this.allowed.value++;
      return undefined;
    }
    this.denied.value++;
    stream.responseCodeDetails = `rbac_access_denied_matched_policy[${policy}]`;
    return localReply(403, RBAC_DENIED_BODY);
  }
}

/** Where in Envoy's rbac_filter.cc each debug line comes from, as its log prints it. */
const SOURCE_CHECK = 'external/envoy/source/extensions/filters/http/rbac/rbac_filter.cc:128';
const SOURCE_DECISION = 'external/envoy/source/extensions/filters/http/rbac/rbac_filter.cc:186';

/**
 * Envoy's "checking request" debug line: the connection's addresses (source, direct remote, remote, local),
 * the peer certificate, the headers one per line and the dynamic metadata. The remote address is the direct
 * one here: no hop is trusted to rewrite it (x-forwarded-for with numTrustedProxies).
 */
function checkingRequest(stream: ActiveStream): string {
  const { peer, request } = stream;
  const remote = `${peer.remoteAddress}:${peer.remotePort ?? 0}`;
  const ssl =
    peer.tls === undefined
      ? 'none'
      : `uriSanPeerCertificate: ${peer.tls.peerIdentity}, dnsSanPeerCertificate: , subjectPeerCertificate: `;
  const headers = [
    [':authority', request.authority],
    [':path', request.path],
    [':method', request.method],
    ...Object.entries(request.headers),
  ]
    .map(([name, value]) => `'${name}', '${value}'`)
    .join('\n');
  return (
    `checking request: requestedServerName: ${peer.tlsSession?.serverName ?? peer.tls?.serverName ?? ''}, ` +
    `sourceIP: ${remote}, directRemoteIP: ${remote}, remoteIP: ${remote},` +
    `localAddress: ${peer.localAddress}:${peer.localPort}, ssl: ${ssl}, headers: ${headers}\n, dynamicMetadata: `
  );
}
