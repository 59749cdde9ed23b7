import type { TypedConfig } from '../../xds/index';
import type { HttpFilterFactories, HttpFilterFactory } from '../http/filter';
import { faultFilterFactory } from './fault/config';
import { istioStatsFilterFactory } from './istio-stats/config';
import { jwtAuthnFilterFactory } from './jwt-authn/config';
import { localRateLimitFilterFactory } from './local-ratelimit/config';
import { rbacFilterFactory } from './rbac/config';

/** The HTTP filters every proxy has (Envoy: the filters compiled into the binary, each registered by name). */
export const BUILT_IN_HTTP_FILTERS: readonly HttpFilterFactory[] = [
  faultFilterFactory,
  jwtAuthnFilterFactory,
  rbacFilterFactory,
  localRateLimitFilterFactory,
  istioStatsFilterFactory,
];

/**
 * The HTTP filters of one proxy by name (Envoy: `Registry::FactoryRegistry<NamedHttpFilterConfigFactory>`).
 * What the connection manager builds its chain from, what compiles routes' typed_per_filter_config, and
 * the filter config checks the proxy's validation passes to xds. The router is not here: it ends every
 * chain, as the connection manager's own terminal stage.
 */
export class HttpFilterRegistry implements HttpFilterFactories {
  private readonly byName = new Map<string, HttpFilterFactory>();

  /** Later factories replace earlier ones of the same name (a lab may swap a built-in for the learner's). */
  constructor(factories: readonly HttpFilterFactory[]) {
    for (const f of factories) this.byName.set(f.name, f);
  }

  get(name: string): HttpFilterFactory | undefined {
    return this.byName.get(name);
  }

  createRouteSpecificConfig(filterName: string, config: TypedConfig): unknown {
    return this.byName.get(filterName)?.createRouteSpecificConfig?.(config);
  }
}

/** The built-in filters, then a lab's. */
export function httpFilterRegistry(extra: readonly HttpFilterFactory[] = []): HttpFilterRegistry {
  return new HttpFilterRegistry([...BUILT_IN_HTTP_FILTERS, ...extra]);
}
