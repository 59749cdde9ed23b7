import type {
  Destination,
  EnvoyRoute,
  EnvoyRouteAction,
  EnvoyRouteMatch,
  HttpMatch,
  HttpRoute,
  TranslationInput,
} from './route-types';

/**
 * Lab 1.5 — istiod's job for one VirtualService: its `http` rules in, the sidecar's Envoy routes out, in the order
 * Envoy tries them. It compiles as it is, but it writes no route yet.
 */
export function translateRoutes(input: TranslationInput): EnvoyRoute[] {
  const routes: EnvoyRoute[] = [];
  for (const rule of input.http) {
    // TODO (step 1): one route per match of the rule (a rule without a match matches everything), in order:
    // { match: translateMatch(...), route: translateAction(rule, input) }.
    void rule;
  }
  return routes;
}

/** The request side of one route. TODO (step 1): the uri; (step 3): headers and regular expressions. */
export function translateMatch(match: HttpMatch | undefined): EnvoyRouteMatch {
  void match;
  return { prefix: '/' };
}

/**
 * Where a matched request goes. For now: the rule's first destination, no timeout, no retry policy.
 * TODO (step 2): several destinations; (step 4): the rule's timeout and retries.
 */
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
