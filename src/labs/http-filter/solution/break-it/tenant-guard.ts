import type { HttpFilterFactory } from './filter-types';

/** The filter's config: the `value` of its typed_config in the EnvoyFilter. */
export interface TenantGuardConfig {
  /** The tenants a request may name in its `x-tenant` header. */
  readonly tenants: readonly string[];
}

/**
 * The tenants a config lists. The type promises a list, but the config is whatever the EnvoyFilter wrote: an
 * entry without one knows no tenant, so requests naming a tenant are refused rather than failing the filter.
 */
function knownTenants(config: unknown): ReadonlySet<string> {
  const tenants: unknown = (config as Partial<TenantGuardConfig> | undefined)?.tenants;
  return new Set(Array.isArray(tenants) ? tenants.filter((t): t is string => typeof t === 'string') : []);
}

/**
 * Lab 1.4, finished: a request naming a tenant the config does not list is answered 400 in the sidecar and
 * counted; every response tells the client which tenant the mesh saw; a config without tenants refuses them all.
 */
export const tenantGuard: HttpFilterFactory<TenantGuardConfig> = {
  name: 'meshdojo.tenant_guard',
  createFilter: (config, context) => {
    const tenants = knownTenants(config);
    return {
      decodeHeaders: (request) => {
        const tenant = request.headers['x-tenant'];
        if (tenant === undefined || tenants.has(tenant)) return 'continue';
        context.count('rejected');
        return { status: 400, body: `unknown tenant: ${tenant}\n` };
      },
      encodeHeaders: (request, response) => {
        response.headers['x-dojo-tenant'] = request.headers['x-tenant'] ?? 'none';
      },
    };
  },
};
