/**
 * The request inspector's data model: what the data plane decided for one request, hop by hop. Istio's
 * pilot tests have a traffic harness that reports which listener, route and cluster a call matched; our
 * proxies run in-process, so they can report every decision as it is made. Plain data (no methods, no
 * cycles), so the terminal and the workbench render the same record, and a check can quote it.
 */

/** Where a proxy stands on the request's path. */
export type HopKind = 'gateway' | 'outbound' | 'inbound';

/** Which breaker (Envoy's resource manager) refused, with its counter against its limit. */
export type BreakerResource = 'pending' | 'requests' | 'connections' | 'retries' | 'request-breaker';

/** How one try against one endpoint ended (router/upstream-request's AttemptResult, as words). */
export type AttemptEnd = 'response' | 'overflow' | 'connect-failure' | 'reset' | 'per-try-timeout' | 'cancelled';

/** A namespaced Istio object a decision came from. */
export interface ObjectName {
  readonly namespace: string;
  readonly name: string;
}

/** One decision a hop made, in the order it made them. */
export type Decision =
  | { readonly kind: 'fault-delay'; readonly delayMs: number }
  | { readonly kind: 'fault-abort'; readonly status: number }
  | {
      readonly kind: 'rbac';
      readonly allowed: boolean;
      /** ALLOW / DENY / LOG, or undefined for a filter with no rules (allow all). */
      readonly action: string | undefined;
      /** Istio's policy id: `ns[<ns>]-policy[<name>]-rule[<i>]`. */
      readonly policy: string | undefined;
    }
  | { readonly kind: 'jwt'; readonly ok: boolean; readonly status: string }
  | {
      readonly kind: 'local-rate-limit';
      readonly allowed: boolean;
      /** Tokens left after this request (undefined when a lab's limiter cannot say). */
      readonly tokensLeft: number | undefined;
      readonly maxTokens: number;
      readonly fillIntervalMs: number;
    }
  | {
      readonly kind: 'route';
      readonly routeConfig: string;
      readonly virtualHost: string;
      readonly routeName: string;
      /** The VirtualService the route came from (Istio's route metadata `istio.config`). */
      readonly virtualService: ObjectName | undefined;
      /** Or the Gateway API HTTPRoute it came from (the same metadata names it). */
      readonly httpRoute: ObjectName | undefined;
      /** `http[i]` of that VirtualService and which of its `match` entries (undefined: the rule had none). */
      readonly httpIndex: number | undefined;
      readonly matchIndex: number | undefined;
    }
  | { readonly kind: 'no-route'; readonly routeConfig: string }
  | { readonly kind: 'direct-response'; readonly status: number }
  | {
      readonly kind: 'cluster';
      readonly cluster: string;
      /** The DestinationRule subset in the cluster name (`outbound|9080|v1|reviews…`), if any. */
      readonly subset: string | undefined;
      /** The weights the route split traffic by, when it had several clusters. */
      readonly weights: ReadonlyArray<{ readonly cluster: string; readonly weight: number }> | undefined;
      readonly exists: boolean;
      /**
       * The DestinationRule that shaped the cluster (subsets, connection pool, outlier detection), from Istio's
       * cluster metadata `istio.config`; undefined when none did.
       */
      readonly destinationRule: ObjectName | undefined;
    }
  | { readonly kind: 'timeouts'; readonly routeMs: number; readonly perTryMs: number; readonly maxRetries: number }
  | {
      readonly kind: 'endpoint';
      /** `ip:port` the load balancer picked, or undefined when none was healthy. */
      readonly endpoint: string | undefined;
      readonly healthy: number;
      readonly total: number;
      /** Endpoints outlier detection has ejected at this moment. */
      readonly ejected: readonly string[];
    }
  | {
      readonly kind: 'attempt';
      readonly attempt: number;
      readonly endpoint: string;
      readonly end: AttemptEnd;
      readonly status: number | undefined;
      /** The server's SPIFFE identity when the connection was mutual TLS; undefined: plaintext. */
      readonly peerIdentity: string | undefined;
      readonly retried: boolean;
      /** Why no retry followed a failed try. */
      readonly noRetry: 'limit' | 'overflow' | 'not-retriable' | undefined;
      readonly backOffMs: number;
    }
  | {
      readonly kind: 'breaker';
      readonly resource: BreakerResource;
      readonly count: number;
      readonly max: number;
    }
  | { readonly kind: 'route-timeout'; readonly timeoutMs: number }
  | { readonly kind: 'downstream-gone' };

/** One proxy's part in a request. */
export interface HopRecord {
  /** The proxy's node id, `<pod>.<namespace>`. */
  readonly proxy: string;
  readonly kind: HopKind;
  readonly listener: string;
  readonly filterChain: string;
  /** The address the request arrived at (`ip:port`), which the previous hop's endpoint names. */
  readonly destination: string;
  /** The client's SPIFFE identity when it came over mutual TLS; undefined: plaintext. */
  readonly downstreamPeer: string | undefined;
  readonly startMs: number;
  endMs: number;
  /** In the order made; its `endpoint` decisions name where it sent (see endpointsOf). */
  readonly decisions: Decision[];
  status: number;
  /** Envoy's response flags (`UO`, `UF,URX`, `-`). */
  flags: string;
  /** Envoy's response code details (`via_upstream`, `fault_filter_abort`, …). */
  details: string;
}

/**
 * One request as the client made it: its hops (the client's proxy first, then each proxy the request
 * reached), and the requests the serving app made while answering it, nested by the trace headers it
 * propagated (`x-request-id`).
 */
export interface RequestRecord {
  /** The x-request-id the first proxy saw or generated. */
  readonly requestId: string;
  readonly method: string;
  readonly authority: string;
  readonly path: string;
  readonly startMs: number;
  readonly hops: HopRecord[];
  readonly children: RequestRecord[];
}

/** The endpoints a hop sent to, one per try (the load balancer's picks). */
export function endpointsOf(hop: HopRecord): string[] {
  const sent: string[] = [];
  for (const d of hop.decisions) if (d.kind === 'endpoint' && d.endpoint !== undefined) sent.push(d.endpoint);
  return sent;
}

/** What a finished request came to, as its client saw it: the first hop's answer. */
export function outcomeOf(record: RequestRecord): {
  status: number;
  flags: string;
  durationMs: number;
  done: boolean;
} {
  const first = record.hops[0];
  if (first === undefined) return { status: 0, flags: '-', durationMs: 0, done: false };
  const done = first.endMs >= first.startMs;
  return { status: first.status, flags: first.flags, durationMs: done ? first.endMs - first.startMs : 0, done };
}
