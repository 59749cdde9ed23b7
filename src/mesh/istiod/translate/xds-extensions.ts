/**
 * LOCAL xDS TYPES — fields istiod writes that src/mesh/xds does not (yet) declare. They are Envoy's real
 * field names; a proxy that does not know them ignores them. Listed in the istiod report so the xds owner
 * can adopt them.
 */
import type { Route, RouteAction } from '../../xds';

/** RedirectAction with the fields Istio's ApplyRedirect sets beyond host and path. */
export interface RedirectActionExt {
  host_redirect?: string;
  path_redirect?: string;
  prefix_rewrite?: string;
  scheme_redirect?: string;
  port_redirect?: number;
  response_code?: 'MOVED_PERMANENTLY' | 'FOUND' | 'SEE_OTHER' | 'TEMPORARY_REDIRECT' | 'PERMANENT_REDIRECT';
}

/** RouteAction with regex_rewrite (VirtualService `rewrite.uriRegexRewrite`). */
export interface RouteActionExt extends RouteAction {
  regex_rewrite?: { pattern: { regex: string }; substitution: string };
}

/** A Route whose redirect may carry the extended fields. */
export type RouteExt = Omit<Route, 'redirect' | 'route'> & { redirect?: RedirectActionExt; route?: RouteActionExt };

/** Envoy ignores fields it does not declare; TypeScript needs to be told once, here. */
export function asRoute(route: RouteExt): Route {
  return route as Route;
}
