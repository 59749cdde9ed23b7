import type {
  Destination,
  EnvoyRoute,
  EnvoyRouteAction,
  EnvoyRouteMatch,
  HttpMatch,
  HttpRoute,
  TranslationInput,
} from './route-types';

/** Nothing after a route that matches every request could ever be reached, so istiod stops there. */
function catchesAll(match: EnvoyRouteMatch): boolean {
  return match.prefix === '/' && (match.headers ?? []).length === 0;
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
export function translateMatch(match: HttpMatch | undefined): EnvoyRouteMatch {
  const uri = match?.uri;
  if (uri?.exact !== undefined) return { path: uri.exact };
  if (uri?.prefix !== undefined) return { prefix: uri.prefix };
  return { prefix: '/' };
}

/** Where a matched request goes. */
export function translateAction(rule: HttpRoute, input: TranslationInput): EnvoyRouteAction {
  return { cluster: clusterFor(rule.route[0]!.destination, input), timeout: '0s' };
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
