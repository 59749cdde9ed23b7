import type { PeerInfo } from '../../net';
import type { NetworkRbac } from '../../xds/index';
import { compileRbac, type RbacEngine } from '../filters/rbac/rbac-engine';
import { MatchRequest } from '../router/match-request';
import type { Counter, StatsStore } from '../stats/store';

const NO_REQUEST = new MatchRequest('', '', '', {});

/**
 * envoy.filters.network.rbac: decides once per connection, from what a connection carries (peer identity,
 * addresses, destination port); a denied connection is closed before any byte reaches the next filter.
 * Counts `<stat_prefix>rbac.allowed` / `.denied` (Istio's prefix `tcp.` gives `tcp.rbac.denied`).
 */
export class NetworkRbacFilter {
  private readonly engine: RbacEngine;
  private readonly allowed: Counter;
  private readonly denied: Counter;

  constructor(config: NetworkRbac, stats: StatsStore) {
    this.engine = compileRbac(config);
    this.allowed = stats.counter(`${config.stat_prefix}rbac.allowed`);
    this.denied = stats.counter(`${config.stat_prefix}rbac.denied`);
  }

  allows(peer: PeerInfo): boolean {
    // Connection-level: no HTTP attributes, even when the bytes happen to be an HTTP request.
    const decision = this.engine.evaluate({ request: NO_REQUEST, peer });
    (decision.allowed ? this.allowed : this.denied).value++;
    return decision.allowed;
  }
}
