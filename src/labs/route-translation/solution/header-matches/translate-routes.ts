import type {
  Destination,
  EnvoyHeaderMatcher,
  EnvoyRoute,
  EnvoyRouteAction,
  EnvoyRouteMatch,
  EnvoyStringMatcher,
  HttpMatch,
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
  if (rule.route.length === 1) return { cluster: clusterFor(rule.route[0]!.destination, input), timeout: '0s' };
  // Envoy shares traffic as weight / sum of weights; a destination without weight gets none and is left out.
  const clusters = rule.route
    .filter((d) => (d.weight ?? 0) > 0)
    .map((d) => ({ name: clusterFor(d.destination, input), weight: d.weight! }));
  return { weightedClusters: { clusters }, timeout: '0s' };
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
 * TODO (step 5): the `http` rules of a VirtualService for `reviews`, written as data (the YAML's shape). Your
 * translateRoutes turns them into routes, and the check puts those into productpage's sidecar.
 */
export const reviewsRoutes: HttpRoute[] = [];
