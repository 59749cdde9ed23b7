import type { HttpFilterFactory } from './filter-types';

/** The filter's config: the `value` of its typed_config in the EnvoyFilter. */
export interface TenantGuardConfig {
  /** The tenants a request may name in its `x-tenant` header. */
  readonly tenants: readonly string[];
}

/** Lab 1.4 after step 1: every response tells the client which tenant the mesh saw. Nothing is refused yet. */
export const tenantGuard: HttpFilterFactory<TenantGuardConfig> = {
  name: 'meshdojo.tenant_guard',
  createFilter: (_config, _context) => ({
    decodeHeaders: (_request) => {
      // TODO (step 2): answer 400 when x-tenant names a tenant the config does not list.
      return 'continue';
    },
    encodeHeaders: (request, response) => {
      response.headers['x-dojo-tenant'] = request.headers['x-tenant'] ?? 'none';
    },
  }),
};
