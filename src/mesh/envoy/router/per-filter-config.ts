import type { Route, TypedConfig, VirtualHost } from '../../xds/index';

/**
 * Compiles a filter's typed_per_filter_config entry (Envoy: createRouteSpecificFilterConfig); undefined for
 * a filter the proxy does not have, whose entry is then ignored.
 */
export interface RouteSpecificConfigFactory {
  createRouteSpecificConfig(filterName: string, config: TypedConfig): unknown;
}

const NO_PER_FILTER_CONFIG: ReadonlyMap<string, unknown> = new Map();

/** The route's typed_per_filter_config over its virtual host's, each entry compiled by its filter. */
export function compilePerFilterConfig(
  route: Route,
  virtualHost: VirtualHost,
  filters: RouteSpecificConfigFactory,
): ReadonlyMap<string, unknown> {
  const entries = Object.entries({ ...virtualHost.typed_per_filter_config, ...route.typed_per_filter_config });
  if (entries.length === 0) return NO_PER_FILTER_CONFIG;
  const compiled = new Map<string, unknown>();
  for (const [name, config] of entries) {
    const c = filters.createRouteSpecificConfig(name, config);
    if (c !== undefined) compiled.set(name, c);
  }
  return compiled;
}
