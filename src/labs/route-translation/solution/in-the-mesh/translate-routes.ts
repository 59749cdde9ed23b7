import type {
  Destination,
  EnvoyHeaderMatcher,
  EnvoyRetryPolicy,
  EnvoyRoute,
  EnvoyRouteAction,
  EnvoyRouteMatch,
  EnvoyStringMatcher,
  HttpMatch,
  HttpRetry,
  HttpRoute,
  StringMatch,
  TranslationInput,
} from './route-types';

/** Nothing after a route that matches every request could ever be reached, so istiod stops there. */
function catchesAll(match: EnvoyRouteMatch): boolean {
  return (match.prefix === '/' || match.safeRegex?.regex === '.*') && (match.headers ?? []).length === 0;
}

/**
 * Lab 1.5 — istiod's job for one VirtualService: its `http` rules in, the sidecar's Envoy routes out, in the order
 * Envoy tries them.
 */
export function translateRoutes(input: TranslationInput): EnvoyRoute[] {
  const routes: EnvoyRoute[] = [];
  for (const rule of input.http) {
    const matches = rule.match === undefined || rule.match.length === 0 ? [undefined] : rule.match;
    for (const m of matches) {
      const match = translateMatch(m);
      routes.push({ match, route: translateAction(rule, input) });
      if (catchesAll(match)) return routes;
    }
  }
  return routes;
}

/** The request side of one route. */
function stringMatcher(m: StringMatch): EnvoyStringMatcher {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  return { safeRegex: { regex: m.regex ?? '' } };
}

export function translateMatch(match: HttpMatch | undefined): EnvoyRouteMatch {
  const uri = match?.uri;
  const out: EnvoyRouteMatch =
    uri?.exact !== undefined
      ? { path: uri.exact }
      : uri?.prefix !== undefined
        ? { prefix: uri.prefix }
        : uri?.regex !== undefined
          ? { safeRegex: { regex: uri.regex } }
          : { prefix: '/' };
  const headers: EnvoyHeaderMatcher[] = Object.entries(match?.headers ?? {}).map(([name, m]) => ({
    name: name.toLowerCase(),
    stringMatch: stringMatcher(m),
  }));
  if (headers.length > 0) out.headers = headers;
  return out;
}

/** Where a matched request goes. */
export function translateAction(rule: HttpRoute, input: TranslationInput): EnvoyRouteAction {
  // Istio's "no timeout" is written out as 0s.
  const timeout = rule.timeout === undefined ? '0s' : envoyDuration(rule.timeout);
  const retryPolicy = translateRetries(rule.retries);
  const retries = retryPolicy === undefined ? {} : { retryPolicy };
  if (rule.route.length === 1) return { cluster: clusterFor(rule.route[0]!.destination, input), timeout, ...retries };
  // Envoy shares traffic as weight / sum of weights; a destination without weight gets none and is left out.
  const clusters = rule.route
    .filter((d) => (d.weight ?? 0) > 0)
    .map((d) => ({ name: clusterFor(d.destination, input), weight: d.weight! }));
  return { weightedClusters: { clusters }, timeout, ...retries };
}

/** `10s`, `1.5s`, `250ms`, `1m30s` → Envoy's JSON duration, in seconds. */
function envoyDuration(text: string): string {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let seconds = 0;
  for (const [, value, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) seconds += Number(value) * units[unit!]!;
  return `${Number(seconds.toFixed(9))}s`;
}

/** Istio's default for a rule that says nothing about retries: 2 retries on connection-level failures. */
const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

function translateRetries(retries: HttpRetry | undefined): EnvoyRetryPolicy | undefined {
  if (retries === undefined) return { retryOn: DEFAULT_RETRY_ON, numRetries: 2 };
  // attempts 0 (or none given) turns retries off altogether.
  if ((retries.attempts ?? 0) <= 0) return undefined;
  const policy: EnvoyRetryPolicy = { retryOn: DEFAULT_RETRY_ON, numRetries: retries.attempts! };
  if (retries.retryOn !== undefined && retries.retryOn.trim() !== '') {
    const parts = retries.retryOn
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    // Status codes go into their own list, and Envoy retries on them only under retriable-status-codes.
    const codes = parts.filter((p) => /^\d{3}$/.test(p)).map(Number);
    const conditions = parts.filter((p) => !/^\d{3}$/.test(p));
    if (codes.length > 0) {
      policy.retriableStatusCodes = codes;
      if (!conditions.includes('retriable-status-codes')) conditions.push('retriable-status-codes');
    }
    policy.retryOn = conditions.join(',');
  }
  if (retries.perTryTimeout !== undefined) policy.perTryTimeout = envoyDuration(retries.perTryTimeout);
  return policy;
}

/**
 * The Envoy cluster a destination names, as istiod names it: `outbound|<port>|<subset>|<host FQDN>`. The port is
 * the destination's own, else the service's only port, else the port of the listener being built.
 */
export function clusterFor(destination: Destination, input: TranslationInput): string {
  const host = destination.host.includes('.')
    ? destination.host
    : `${destination.host}.${input.namespace}.svc.cluster.local`;
  const service = input.services.find((s) => `${s.name}.${s.namespace}.svc.cluster.local` === host);
  const port =
    destination.port?.number ?? (service?.ports.length === 1 ? service.ports[0] : undefined) ?? input.listenPort;
  return `outbound|${port}|${destination.subset ?? ''}|${host}`;
}

/**
 * The `http` rules of a VirtualService for `reviews`: QA accounts (`end-user: qa-…`) see v3, everyone else is
 * split 3 : 1 between v1 and v2. The check translates them with translateRoutes and puts the routes into
 * productpage's sidecar.
 */
export const reviewsRoutes: HttpRoute[] = [
  {
    match: [{ headers: { 'end-user': { prefix: 'qa-' } } }],
    route: [{ destination: { host: 'reviews', subset: 'v3' } }],
  },
  {
    route: [
      { destination: { host: 'reviews', subset: 'v1' }, weight: 75 },
      { destination: { host: 'reviews', subset: 'v2' }, weight: 25 },
    ],
  },
];
