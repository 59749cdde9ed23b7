import type { HashPolicy, Route, RouteAction, RuntimeFractionalPercent, WeightedCluster } from '../../xds';
import { percentToFraction, ROUTE_PROVENANCE_KEY, TYPE_URL } from '../../xds';
import type { Destination, HTTPMatchRequest, HTTPRedirect, HTTPRoute } from '../model/istio-api';
import type { ServiceModel } from '../model/services';
import type { VirtualServiceConfig } from '../model/snapshot';
import { configPath } from '../model/config';
import { resolveGatewayName } from '../model/snapshot';
import { selectorMatches } from '../model/labels';
import { toEnvoyDuration } from '../model/duration';
import { translateFault } from './fault';
import { translateHeadersOperations } from './headers';
import { buildSubsetKey, DEFAULT_ROUTE_NAME, parseSubsetKey } from './names';
import { convertRetryPolicy, defaultRetryPolicy } from './retry';
import { isCatchAllRoute, translateRouteMatch } from './route-match';
import { asRoute, type RedirectActionExt, type RouteActionExt, type RouteExt } from './xds-extensions';

/** What route translation needs to know about the proxy it builds for and the mesh around it. */
export interface RouteContext {
  readonly proxyLabels: Readonly<Record<string, string>>;
  readonly proxyNamespace: string;
  /** `mesh` for sidecars; the `namespace/name` of the gateways a router serves. */
  readonly gatewayNames: ReadonlySet<string>;
  readonly serviceByHost: ReadonlyMap<string, ServiceModel>;
  /** The hash policy a DestinationRule's consistentHash asks of routes to this destination, if any. */
  readonly hashPolicy?: (destination: Destination, port: number) => HashPolicy | undefined;
}

/** Istio's "no timeout": written as 0s on every route without a VirtualService timeout. */
export const NO_TIMEOUT = '0s';

/** Istio's GetDestinationCluster: the port is the destination's, else the only port of the service, else the listener's. */
export function getDestinationCluster(
  destination: Destination,
  service: ServiceModel | undefined,
  listenPort: number,
): string {
  let port = listenPort;
  if (destination.port?.number !== undefined) port = destination.port.number;
  else if (service !== undefined && service.ports.length === 1) port = service.ports[0]?.port ?? listenPort;
  return buildSubsetKey('outbound', destination.subset ?? '', destination.host, port);
}

/** sourceLabels and gateways in a match decide whether that match is generated for this proxy at all. */
function sourceMatches(match: HTTPMatchRequest | undefined, vs: VirtualServiceConfig, ctx: RouteContext): boolean {
  if (match === undefined) return true;
  if (match.gateways !== undefined && match.gateways.length > 0) {
    return match.gateways.some((g) => ctx.gatewayNames.has(resolveGatewayName(g, vs.meta.namespace)));
  }
  if (!selectorMatches(match.sourceLabels, ctx.proxyLabels)) return false;
  return (
    match.sourceNamespace === undefined || match.sourceNamespace === '' || match.sourceNamespace === ctx.proxyNamespace
  );
}

/** Mirror percentage: explicit `mirrorPercentage` (0 turns mirroring off), deprecated integer, else 100 %. */
export function mirrorPercent(route: HTTPRoute): RuntimeFractionalPercent | undefined {
  if (route.mirrorPercentage !== undefined) {
    const value = route.mirrorPercentage.value ?? 0;
    return value > 0 ? { default_value: percentToFraction(value) } : undefined;
  }
  if (route.mirrorPercent !== undefined)
    return route.mirrorPercent > 0
      ? { default_value: { numerator: route.mirrorPercent, denominator: 'HUNDRED' } }
      : undefined;
  return { default_value: { numerator: 100, denominator: 'HUNDRED' } };
}

const REDIRECT_CODES: Record<number, RedirectActionExt['response_code']> = {
  0: 'MOVED_PERMANENTLY',
  301: 'MOVED_PERMANENTLY',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

/** Istio's ApplyRedirect. */
export function translateRedirect(
  redirect: HTTPRedirect,
  listenPort: number,
  gatewaySemantics: boolean,
): RedirectActionExt | undefined {
  const code = REDIRECT_CODES[redirect.redirectCode ?? 0];
  if (code === undefined) return undefined;
  const out: RedirectActionExt = {};
  if (redirect.authority !== undefined) out.host_redirect = redirect.authority;
  if (redirect.uri !== undefined) {
    if (gatewaySemantics && redirect.uri.startsWith('%PREFIX()%'))
      out.prefix_rewrite = redirect.uri.slice('%PREFIX()%'.length);
    else out.path_redirect = redirect.uri;
  }
  if (redirect.scheme !== undefined) out.scheme_redirect = redirect.scheme;
  let port: number | undefined = redirect.port;
  if (redirect.derivePort === 'FROM_REQUEST_PORT') port = listenPort;
  const scheme = redirect.scheme ?? 'http';
  if (port !== undefined && !((port === 80 && scheme === 'http') || (port === 443 && scheme === 'https')))
    out.port_redirect = port;
  out.response_code = code;
  return out;
}

function applyHTTPRouteDestination(
  out: RouteExt,
  http: HTTPRoute,
  ctx: RouteContext,
  listenPort: number,
  authority: string | undefined,
): void {
  const timeout = toEnvoyDuration(http.timeout) ?? NO_TIMEOUT;
  const action: RouteActionExt = { timeout };
  if (http.rewrite?.uriRegexRewrite?.match !== undefined) {
    action.regex_rewrite = {
      pattern: { regex: http.rewrite.uriRegexRewrite.match },
      substitution: http.rewrite.uriRegexRewrite.rewrite ?? '',
    };
  } else if (http.rewrite?.uri !== undefined) action.prefix_rewrite = http.rewrite.uri;
  const hostRewrite = http.rewrite?.authority ?? authority;
  if (hostRewrite !== undefined) action.host_rewrite_literal = hostRewrite;
  const mirrors = [];
  if (http.mirror !== undefined) {
    const percent = mirrorPercent(http);
    if (percent !== undefined)
      mirrors.push({
        cluster: getDestinationCluster(http.mirror, ctx.serviceByHost.get(http.mirror.host), listenPort),
        runtime_fraction: percent,
      });
  }
  for (const m of http.mirrors ?? []) {
    const value = m.percentage?.value;
    if (value !== undefined && value <= 0) continue;
    const runtime_fraction: RuntimeFractionalPercent = {
      default_value: value === undefined ? { numerator: 100, denominator: 'HUNDRED' } : percentToFraction(value),
    };
    mirrors.push({
      cluster: getDestinationCluster(m.destination, ctx.serviceByHost.get(m.destination.host), listenPort),
      runtime_fraction,
    });
  }
  if (mirrors.length > 0) action.request_mirror_policies = mirrors;
  const target: RouteActionExt = {};
  const destinations = http.route ?? [];
  const hashPolicies: HashPolicy[] = [];
  const addHash = (d: Destination, port: number): void => {
    const h = ctx.hashPolicy?.(d, port);
    if (h !== undefined) hashPolicies.push(h);
  };
  if (destinations.length === 1) {
    const dst = destinations[0]!;
    target.cluster = getDestinationCluster(dst.destination, ctx.serviceByHost.get(dst.destination.host), listenPort);
    addHash(dst.destination, listenPort);
    if (dst.headers !== undefined) {
      const ops = translateHeadersOperations(dst.headers);
      out.request_headers_to_add = [...(out.request_headers_to_add ?? []), ...ops.requestHeadersToAdd];
      out.request_headers_to_remove = [...(out.request_headers_to_remove ?? []), ...ops.requestHeadersToRemove];
      out.response_headers_to_add = [...(out.response_headers_to_add ?? []), ...ops.responseHeadersToAdd];
      out.response_headers_to_remove = [...(out.response_headers_to_remove ?? []), ...ops.responseHeadersToRemove];
      if (ops.authority !== undefined && action.host_rewrite_literal === undefined)
        action.host_rewrite_literal = ops.authority;
    }
  } else {
    // A 0-weight destination gets nothing; Envoy shares traffic as weight / sum(weights).
    const clusters: WeightedCluster[] = [];
    for (const dst of destinations) {
      if ((dst.weight ?? 0) === 0) continue;
      const wc: WeightedCluster = {
        name: getDestinationCluster(dst.destination, ctx.serviceByHost.get(dst.destination.host), listenPort),
        weight: dst.weight ?? 0,
      };
      if (dst.headers !== undefined) {
        const ops = translateHeadersOperations(dst.headers);
        if (ops.requestHeadersToAdd.length > 0) wc.request_headers_to_add = ops.requestHeadersToAdd;
      }
      clusters.push(wc);
      addHash(dst.destination, listenPort);
    }
    target.weighted_clusters = { clusters };
  }
  // With consistent hashing a retry must not move to another host: no previous-hosts predicate.
  const retry = convertRetryPolicy(http.retries, destinations.length === 1 && hashPolicies.length > 0);
  if (hashPolicies.length > 0) action.hash_policy = hashPolicies;
  // Envoy's field order: where to, then how long, then retries and the rest.
  out.route = { ...target, timeout, ...(retry === undefined ? {} : { retry_policy: retry }), ...action };
}

/** The operation name Envoy's tracing shows, which `istioctl proxy-config routes` also prints. */
export function getRouteOperation(route: RouteExt, vsName: string, port: number): string {
  const m = route.match;
  const path = m.prefix !== undefined ? `${m.prefix}*` : (m.path ?? m.safe_regex?.regex ?? '/*');
  const key = route.route?.cluster === undefined ? undefined : parseSubsetKey(route.route.cluster);
  return key !== undefined ? `${key.hostname}:${key.port}${path}` : `${vsName}:${port}${path}`;
}

/** The same route with its fields in the order Envoy's config dump prints them. */
function inEnvoyOrder(r: RouteExt): RouteExt {
  const { name, match, route, redirect, direct_response, metadata, decorator, typed_per_filter_config, ...rest } = r;
  return {
    ...(name === undefined ? {} : { name }),
    match,
    ...(route === undefined ? {} : { route }),
    ...(redirect === undefined ? {} : { redirect }),
    ...(direct_response === undefined ? {} : { direct_response }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(decorator === undefined ? {} : { decorator }),
    ...(typed_per_filter_config === undefined ? {} : { typed_per_filter_config }),
    ...rest,
  };
}

/** Istio's translateRoute: one HTTPRoute rule with one of its matches (or none), for one listener port. */
export function translateRoute(
  ctx: RouteContext,
  vs: VirtualServiceConfig,
  http: HTTPRoute,
  match: HTTPMatchRequest | undefined,
  listenPort: number,
): Route | undefined {
  if (match?.port !== undefined && match.port !== 0 && match.port !== listenPort) return undefined;
  if (!sourceMatches(match, vs, ctx)) return undefined;
  const out: RouteExt = {
    match: translateRouteMatch(match, vs.gatewaySemantics),
    metadata: { filter_metadata: { istio: { config: configPath(vs.meta) } } },
  };
  const name = (http.name ?? '') + (match?.name !== undefined && match.name !== '' ? `.${match.name}` : '');
  if (name !== '') out.name = name;
  let authority: string | undefined;
  if (http.headers !== undefined) {
    const ops = translateHeadersOperations(http.headers);
    if (ops.requestHeadersToAdd.length > 0) out.request_headers_to_add = ops.requestHeadersToAdd;
    if (ops.responseHeadersToAdd.length > 0) out.response_headers_to_add = ops.responseHeadersToAdd;
    if (ops.requestHeadersToRemove.length > 0) out.request_headers_to_remove = ops.requestHeadersToRemove;
    if (ops.responseHeadersToRemove.length > 0) out.response_headers_to_remove = ops.responseHeadersToRemove;
    authority = ops.authority;
  }
  if (http.redirect !== undefined) {
    const redirect = translateRedirect(http.redirect, listenPort, vs.gatewaySemantics);
    if (redirect === undefined) return undefined;
    out.redirect = redirect;
  } else if (http.directResponse !== undefined) {
    out.direct_response = { status: http.directResponse.status };
    if (http.directResponse.body?.string !== undefined)
      out.direct_response.body = { inline_string: http.directResponse.body.string };
  } else applyHTTPRouteDestination(out, http, ctx, listenPort, authority);
  out.decorator = { operation: getRouteOperation(out, vs.meta.name, listenPort) };
  const fault = translateFault(http.fault);
  if (fault !== undefined)
    out.typed_per_filter_config = { 'envoy.filters.http.fault': { '@type': TYPE_URL.httpFault, ...fault } };
  return asRoute(inEnvoyOrder(out));
}

/**
 * Istio's BuildHTTPRoutesForVirtualService: rules top to bottom, each match of a rule a route of its own,
 * stopping after the first catch-all (nothing after it could ever match).
 */
export function buildHTTPRoutesForVirtualService(
  ctx: RouteContext,
  vs: VirtualServiceConfig,
  listenPort: number,
): Route[] {
  const out: Route[] = [];
  const rules = vs.spec.http ?? [];
  for (let i = 0; i < rules.length; i++) {
    const http = rules[i]!;
    let catchAll = false;
    if (http.match === undefined || http.match.length === 0) {
      const r = translateRoute(ctx, vs, http, undefined, listenPort);
      if (r !== undefined) out.push(withProvenance(r, i, undefined));
      catchAll = true;
    } else {
      for (let j = 0; j < http.match.length; j++) {
        const r = translateRoute(ctx, vs, http, http.match[j], listenPort);
        if (r === undefined) continue;
        out.push(withProvenance(r, i, j));
        if (isCatchAllRoute(r.match)) {
          catchAll = true;
          break;
        }
      }
    }
    if (catchAll) break;
  }
  return out;
}

/** Which rule and match a route came from, for the request inspector (the config dump leaves it out). */
function withProvenance(route: Route, http: number, match: number | undefined): Route {
  const meta = (route.metadata ??= {});
  (meta.filter_metadata ??= {})[ROUTE_PROVENANCE_KEY] = match === undefined ? { http } : { http, match };
  return route;
}

/** The route for a service port no VirtualService covers: everything to all endpoints, default retries, no timeout. */
export function buildDefaultHTTPOutboundRoute(cluster: string, operation: string, hashPolicy?: HashPolicy): Route {
  const action: RouteAction = { cluster, timeout: NO_TIMEOUT, retry_policy: defaultRetryPolicy() };
  if (hashPolicy !== undefined) action.hash_policy = [hashPolicy];
  return { name: DEFAULT_ROUTE_NAME, match: { prefix: '/' }, route: action, decorator: { operation } };
}
