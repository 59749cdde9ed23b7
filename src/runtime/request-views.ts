/**
 * The Requests tab's data, built where the cluster runs (the sandbox Worker): the request log's records as plain
 * data in the page's language, each decision in the same words `meshdojo trace` prints, with the Istio object
 * it came from where the data plane names one.
 */
import {
  describeDecision,
  endpointsOf,
  INSPECT_WORDS,
  outcomeOf,
  requestCause,
  requestVerdict,
  type Decision,
  type HopRecord,
  type ObjectName,
  type RequestLog,
  type RequestRecord,
} from '../mesh';
import type { DecisionView, HopView, InspectedObject, Locale, RequestList, RequestSummary, RequestView } from './types';

/** The list shows this many of the newest requests (the log keeps 100). */
export const LISTED_REQUESTS = 50;

export function listRequests(log: RequestLog): RequestList {
  const records = log.list().slice(-LISTED_REQUESTS).reverse();
  return { recording: log.enabled, requests: records.map(summaryOf) };
}

/** The newest kept request with this x-request-id, explained; null when it is no longer kept. */
export function viewRequest(log: RequestLog, id: string, locale: Locale): RequestView | null {
  const record = log.list().findLast((r) => r.requestId === id);
  return record === undefined ? null : viewOf(record, locale);
}

/**
 * Changes whenever the tab would show something new: a hop was recorded, or a request still in progress may have
 * finished (a hop's end is written without telling the log).
 */
export function trafficMark(log: RequestLog): string {
  const pending = log.list().filter((record) => !outcomeOf(record).done).length;
  return `${log.hopsStarted}:${pending}`;
}

function summaryOf(record: RequestRecord): RequestSummary {
  const { status, flags, durationMs, done } = outcomeOf(record);
  return {
    id: record.requestId,
    method: record.method,
    authority: record.authority,
    path: record.path,
    status: done ? status : 0,
    flags,
    durationMs: Math.round(durationMs),
    done,
  };
}

function viewOf(record: RequestRecord, locale: Locale): RequestView {
  const words = INSPECT_WORDS[locale];
  const summary = summaryOf(record);
  const cause = summary.done ? requestCause(record) : undefined;
  const last = record.hops[record.hops.length - 1];
  const server = last?.details === 'via_upstream' ? endpointsOf(last).at(-1) : undefined;
  return {
    ...summary,
    answer: summary.done ? words.answered(summary.status, summary.flags, summary.durationMs) : words.inProgress(),
    ...(summary.done && { verdict: requestVerdict(record, locale) }),
    hops: record.hops.map((hop, index) => hopView(hop, locale, cause?.hop === index ? cause.decision : undefined)),
    ...(server !== undefined && { server }),
    children: record.children.map((child) => viewOf(child, locale)),
  };
}

function hopView(hop: HopRecord, locale: Locale, cause: Decision | undefined): HopView {
  const words = INSPECT_WORDS[locale];
  const done = hop.endMs >= hop.startMs;
  return {
    kind: hop.kind,
    role: words.hop(hop.kind),
    proxy: hop.proxy,
    listener: words.listener(hop.listener, hop.filterChain),
    ...(hop.kind !== 'outbound' && { arrival: words.mtlsFrom(hop.downstreamPeer) }),
    decisions: hop.decisions.map((decision): DecisionView => {
      const object = objectOf(decision, hop);
      return {
        text: describeDecision(decision, locale),
        cause: decision === cause,
        ...(object !== undefined && { object }),
      };
    }),
    ...(done && { answer: words.answered(hop.status, hop.flags, hop.endMs - hop.startMs) }),
  };
}

/** Istio's RBAC policy id: `ns[<namespace>]-policy[<name>]-rule[<index>]`. */
const POLICY_ID = /^ns\[([^\]]+)\]-policy\[([^\]]+)\]-rule\[\d+\]$/;

/**
 * The object that made a decision. A route, and what the route carries (faults, timeouts, retries, a direct
 * response), come from the hop's VirtualService (or the HTTPRoute it was made from); the cluster, its breakers and outlier ejections from its
 * DestinationRule; an RBAC verdict from the AuthorizationPolicy its policy id names. JWT and local rate limit
 * decisions name no object (their filters' config does not say which RequestAuthentication or EnvoyFilter).
 */
function objectOf(decision: Decision, hop: HopRecord): InspectedObject | undefined {
  switch (decision.kind) {
    case 'route':
    case 'fault-delay':
    case 'fault-abort':
    case 'direct-response':
    case 'timeouts':
    case 'attempt':
    case 'route-timeout':
      return routeOf(hop)?.httpRoute !== undefined
        ? named('HTTPRoute', routeOf(hop)?.httpRoute)
        : named('VirtualService', routeOf(hop)?.virtualService);
    case 'cluster':
      return named('DestinationRule', decision.destinationRule);
    case 'breaker':
      return decision.resource === 'request-breaker'
        ? undefined
        : named('DestinationRule', clusterOf(hop)?.destinationRule);
    case 'endpoint':
      return decision.ejected.length === 0 ? undefined : named('DestinationRule', clusterOf(hop)?.destinationRule);
    case 'rbac': {
      const id = decision.policy === undefined ? null : POLICY_ID.exec(decision.policy);
      return id === null ? undefined : { kind: 'AuthorizationPolicy', namespace: id[1]!, name: id[2]! };
    }
    default:
      return undefined;
  }
}

function named(kind: InspectedObject['kind'], name: ObjectName | undefined): InspectedObject | undefined {
  return name === undefined ? undefined : { kind, namespace: name.namespace, name: name.name };
}

function routeOf(hop: HopRecord): Extract<Decision, { kind: 'route' }> | undefined {
  return hop.decisions.find((d): d is Extract<Decision, { kind: 'route' }> => d.kind === 'route');
}

function clusterOf(hop: HopRecord): Extract<Decision, { kind: 'cluster' }> | undefined {
  return hop.decisions.find((d): d is Extract<Decision, { kind: 'cluster' }> => d.kind === 'cluster');
}
