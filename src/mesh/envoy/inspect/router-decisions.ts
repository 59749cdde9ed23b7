import type { RouteEntry } from '../router/route-entry';
import type { UpstreamHost } from '../upstream/host';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import { RetryStatus } from '../router/retry-state';
import { AttemptResult, type AttemptOutcome } from '../router/upstream-request';
import type { Decision, ObjectName } from './request-record';

/**
 * The router's decisions as the request inspector records them. Built only while a hop is recorded, so
 * what they cost (a scan of the hosts, a copy of the weights) is never paid on the path when it is off.
 */

/**
 * The cluster the route chose, the subset in its name (`outbound|9080|v1|reviews…`), the split it drew from, and
 * the DestinationRule behind it (undefined `cluster`: no such cluster).
 */
export function clusterDecision(route: RouteEntry, name: string, cluster: UpstreamCluster | undefined): Decision {
  // A record keeps its decisions for a hundred requests, so they are shared where they can be: the same route,
  // cluster name and cluster config always make the same decision (a push builds new configs).
  let byName = clusterDecisions.get(route);
  if (byName === undefined) clusterDecisions.set(route, (byName = new Map()));
  const cached = byName.get(name);
  if (cached !== undefined && cached.config === cluster?.config) return cached.decision;
  const decision = buildClusterDecision(route, name, cluster);
  byName.set(name, { config: cluster?.config, decision });
  return decision;
}

const clusterDecisions = new WeakMap<
  RouteEntry,
  Map<string, { config: UpstreamCluster['config'] | undefined; decision: Decision }>
>();

function buildClusterDecision(route: RouteEntry, name: string, cluster: UpstreamCluster | undefined): Decision {
  // `direction|port|subset|host`: the third field.
  const subset = name.split('|')[2];
  const names = route.weightedNames;
  const weights =
    names.length < 2
      ? undefined
      : names.map((other, i) => ({
          cluster: other,
          weight: route.weightedCumulative[i]! - (i === 0 ? 0 : route.weightedCumulative[i - 1]!),
        }));
  return {
    kind: 'cluster',
    cluster: name,
    subset: subset === '' ? undefined : subset,
    weights,
    exists: cluster !== undefined,
    destinationRule: cluster === undefined ? undefined : destinationRuleOf(cluster),
  };
}

/** A route's timeouts and retries as recorded; the route's own (no `x-envoy-upstream-rq-timeout-ms`) are shared. */
export function timeoutsDecision(route: RouteEntry, routeMs: number): Decision {
  const own = routeMs === route.timeoutMs;
  const cached = own ? timeoutDecisions.get(route) : undefined;
  if (cached !== undefined) return cached;
  const decision: Decision = {
    kind: 'timeouts',
    routeMs,
    perTryMs: route.retryPolicy?.perTryTimeoutMs ?? 0,
    maxRetries: route.retryPolicy?.numRetries ?? 0,
  };
  if (own) timeoutDecisions.set(route, decision);
  return decision;
}

const timeoutDecisions = new WeakMap<RouteEntry, Decision>();

/** `/apis/networking.istio.io/v1/namespaces/<ns>/destination-rule/<name>`, as Istio's cluster metadata names it. */
const DESTINATION_RULE_PATH = /\/namespaces\/([^/]+)\/destination-rule\/([^/]+)$/;
/** Read once per cluster config (a push builds new ones), not once per request. */
const destinationRules = new WeakMap<UpstreamCluster['config'], ObjectName | null>();

function destinationRuleOf(cluster: UpstreamCluster): ObjectName | undefined {
  let found = destinationRules.get(cluster.config);
  if (found === undefined) {
    const path = cluster.config.metadata?.filter_metadata?.['istio']?.['config'];
    const match = typeof path === 'string' ? DESTINATION_RULE_PATH.exec(path) : null;
    found = match === null ? null : { namespace: match[1]!, name: match[2]! };
    destinationRules.set(cluster.config, found);
  }
  return found ?? undefined;
}

const NONE_EJECTED: readonly string[] = Object.freeze([]);

/** The endpoint the load balancer picked (or none), among how many healthy ones, and who is ejected now. */
export function endpointDecision(cluster: UpstreamCluster, picked: UpstreamHost | undefined): Decision {
  const hosts = cluster.hostSet.hosts();
  let healthy = 0;
  let ejected: string[] | undefined;
  for (const h of hosts) {
    if (h.healthy()) healthy++;
    if (h.outlier.ejected) (ejected ??= []).push(h.key);
  }
  const total = hosts.length;
  // Nothing ejected and the same counts as the last pick of this host: that decision again, so the hundred requests
  // a log keeps do not each hold a copy of it.
  const last = picked === undefined || ejected !== undefined ? undefined : lastEndpointDecisions.get(picked);
  if (last !== undefined && last.healthy === healthy && last.total === total) return last;
  const decision = {
    kind: 'endpoint',
    endpoint: picked?.key,
    healthy,
    total,
    ejected: ejected ?? NONE_EJECTED,
  } as const;
  if (picked !== undefined && ejected === undefined) lastEndpointDecisions.set(picked, decision);
  return decision;
}

const lastEndpointDecisions = new WeakMap<UpstreamHost, Extract<Decision, { kind: 'endpoint' }>>();

/** Which breaker refused: the first at its limit, in the order the pool asks them; else a lab's request breaker. */
export function breakerDecision(cluster: UpstreamCluster): Decision {
  const r = cluster.resources;
  if (!r.pendingRequests.canCreate())
    return { kind: 'breaker', resource: 'pending', count: r.pendingRequests.count, max: r.pendingRequests.max };
  if (!r.requests.canCreate())
    return { kind: 'breaker', resource: 'requests', count: r.requests.count, max: r.requests.max };
  if (!r.connections.canCreate())
    return { kind: 'breaker', resource: 'connections', count: r.connections.count, max: r.connections.max };
  return { kind: 'breaker', resource: 'request-breaker', count: 0, max: 0 };
}

/** The retry breaker refused a retry. */
export function retryBreakerDecision(cluster: UpstreamCluster): Decision {
  const retries = cluster.resources.retries;
  return { kind: 'breaker', resource: 'retries', count: retries.count, max: retries.max };
}

/** One try: where it went, how it ended, over which TLS, and whether a retry followed (and if not, why). */
export function attemptDecision(
  attempt: number,
  host: UpstreamHost,
  out: AttemptOutcome,
  decision: RetryStatus,
  backOffMs: number,
): Decision {
  const failed = out.result !== AttemptResult.Response || (out.response?.status ?? 0) >= 500;
  // The common try (the first, answered, no retry) is shared as endpointDecision's is.
  const plain = attempt === 1 && !failed && backOffMs === 0 && decision === RetryStatus.No;
  const last = plain ? lastPlainAttempts.get(host) : undefined;
  if (last !== undefined && last.status === out.response?.status && last.peerIdentity === out.peerIdentity) return last;
  const made = buildAttemptDecision(attempt, host, out, decision, backOffMs, failed);
  if (plain) lastPlainAttempts.set(host, made);
  return made;
}

const lastPlainAttempts = new WeakMap<UpstreamHost, Extract<Decision, { kind: 'attempt' }>>();

function buildAttemptDecision(
  attempt: number,
  host: UpstreamHost,
  out: AttemptOutcome,
  decision: RetryStatus,
  backOffMs: number,
  failed: boolean,
): Extract<Decision, { kind: 'attempt' }> {
  return {
    kind: 'attempt',
    attempt,
    endpoint: host.key,
    end: out.result,
    status: out.result === AttemptResult.Response ? out.response?.status : undefined,
    peerIdentity: out.peerIdentity,
    retried: decision === RetryStatus.Yes,
    noRetry: !failed
      ? undefined
      : decision === RetryStatus.NoRetryLimitExceeded
        ? 'limit'
        : decision === RetryStatus.NoOverflow
          ? 'overflow'
          : decision === RetryStatus.No
            ? 'not-retriable'
            : undefined,
    backOffMs,
  };
}
