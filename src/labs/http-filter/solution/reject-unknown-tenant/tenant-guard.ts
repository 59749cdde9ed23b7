import type { HttpFilterFactory } from './filter-types';

/** The filter's config: the `value` of its typed_config in the EnvoyFilter. */
export interface TenantGuardConfig {
  /** The tenants a request may name in its `x-tenant` header. */
  readonly tenants: readonly string[];
}

/**
 * Lab 1.4 after step 2: a request naming a tenant the config does not list is answered 400 in the sidecar and
 * counted; every response tells the client which tenant the mesh saw.
 */
export const tenantGuard: HttpFilterFactory<TenantGuardConfig> = {
  name: 'meshdojo.tenant_guard',
  createFilter: (config, context) => ({
    decodeHeaders: (request) => {
      const tenant = request.headers['x-tenant'];
      if (tenant === undefined || config.tenants.includes(tenant)) return 'continue';
      context.count('rejected');
      return { status: 400, body: `unknown tenant: ${tenant}\n` };
    },
    encodeHeaders: (request, response) => {
      response.headers['x-dojo-tenant'] = request.headers['x-tenant'] ?? 'none';
    },
  }),
};
