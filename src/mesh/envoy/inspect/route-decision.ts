import { ROUTE_PROVENANCE_KEY } from '../../xds/index';
import type { RouteEntry } from '../router/route-entry';
import type { Decision } from './request-record';

type RouteDecision = Extract<Decision, { kind: 'route' }>;

/** `/apis/networking.istio.io/v1/namespaces/<ns>/virtual-service/<name>`, as Istio's route metadata names it. */
const CONFIG_PATH = /\/namespaces\/([^/]+)\/virtual-service\/([^/]+)$/;
/** `/apis/gateway.networking.k8s.io/v1/namespaces/<ns>/http-route/<name>`: a route made from an HTTPRoute. */
const HTTP_ROUTE_PATH = /^\/apis\/gateway\.networking\.k8s\.io\/[^/]+\/namespaces\/([^/]+)\/http-route\/([^/]+)$/;

/**
 * The route decision for a matched route, built once per route: where it came from is in the route's
 * metadata, under Istio's `istio.config` (the VirtualService) and our `meshdojo.io/route` (which `http[i]` and
 * which of its matches), which istiod's translation writes and the config dump leaves out.
 */
export function routeDecision(entry: RouteEntry): RouteDecision {
  let decision = built.get(entry);
  if (decision === undefined) built.set(entry, (decision = buildRouteDecision(entry)));
  return decision;
}

const built = new WeakMap<RouteEntry, RouteDecision>();

function buildRouteDecision(entry: RouteEntry): RouteDecision {
  const meta = entry.xds.metadata?.filter_metadata;
  const config = meta?.['istio']?.['config'];
  const vs = typeof config === 'string' ? CONFIG_PATH.exec(config) : null;
  const httpRoute = typeof config === 'string' ? HTTP_ROUTE_PATH.exec(config) : null;
  const place = meta?.[ROUTE_PROVENANCE_KEY];
  return {
    kind: 'route',
    routeConfig: entry.routeConfigName,
    virtualHost: entry.virtualHost.name,
    routeName: entry.name,
    virtualService: vs === null ? undefined : { namespace: vs[1]!, name: vs[2]! },
    httpRoute: httpRoute === null ? undefined : { namespace: httpRoute[1]!, name: httpRoute[2]! },
    httpIndex: numberAt(place, 'http'),
    matchIndex: numberAt(place, 'match'),
  };
}

function numberAt(place: Record<string, unknown> | undefined, key: string): number | undefined {
  const v = place?.[key];
  return typeof v === 'number' ? v : undefined;
}
