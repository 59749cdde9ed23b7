import type { EnvoyProxy } from '../envoy';
import { formatDuration, type Route, type RouteConfiguration, type VirtualHost } from '../xds';

/** What a hand edit did: how many routes it changed, or why it changed nothing. */
export type HandEditResult = { readonly routes: number } | { readonly error: string };

/**
 * Rewrites the virtual hosts serving `host` in one proxy's running route configurations — what an admin
 * editing that Envoy by hand would do. The edit goes in as the proxy's own change: the RDS version stays the
 * one istiod last sent (no xDS response carried it), istiod is not told, and its next route push to the proxy
 * replaces it. The proxy validates it as any config; a refusal changes nothing.
 */
function editVirtualHosts(proxy: EnvoyProxy, host: string, edit: (vh: VirtualHost) => number): HandEditResult {
  const running = proxy.config?.resources.routes;
  if (running === undefined || running.size === 0) return { error: 'the proxy has no routes yet' };
  let changed = 0;
  const routes = [...running.values()].map(({ resource }): RouteConfiguration => {
    const config = structuredClone(resource);
    for (const vh of config.virtual_hosts) if (vh.domains.includes(host)) changed += edit(vh);
    return config;
  });
  if (changed === 0) return { error: `no route in the proxy serves host "${host}"` };
  const result = proxy.applyConfig({ routes, version_info: proxy.versionOf('routes')?.versionInfo ?? '' });
  return result.accepted ? { routes: changed } : { error: result.message };
}

/** Sets `route.timeout` on every route of the virtual hosts serving `host`. */
export function editRouteTimeout(proxy: EnvoyProxy, host: string, timeoutMs: number): HandEditResult {
  return editVirtualHosts(proxy, host, (vh) => {
    let changed = 0;
    for (const route of vh.routes) {
      if (route.route === undefined) continue;
      route.route.timeout = formatDuration(timeoutMs);
      changed++;
    }
    return changed;
  });
}

/** Puts `routes` in place of every route of the virtual hosts serving `host`. */
export function replaceRoutes(proxy: EnvoyProxy, host: string, routes: readonly Route[]): HandEditResult {
  if (routes.length === 0) return { error: 'no routes to put in' };
  return editVirtualHosts(proxy, host, (vh) => {
    vh.routes = structuredClone([...routes]);
    return routes.length;
  });
}
