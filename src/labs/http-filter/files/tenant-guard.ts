import type { HttpFilterFactory } from './filter-types';

/** The filter's config: the `value` of its typed_config in the EnvoyFilter. */
export interface TenantGuardConfig {
  /** The tenants a request may name in its `x-tenant` header. */
  readonly tenants: readonly string[];
}

/**
 * Lab 1.4 — an HTTP filter that runs in the sidecars. It compiles as it is, but it does nothing yet: every
 * request continues and every response goes back untouched.
 */
export const tenantGuard: HttpFilterFactory<TenantGuardConfig> = {
  name: 'meshdojo.tenant_guard',
  createFilter: (_config, _context) => ({
    decodeHeaders: (_request) => {
      // TODO (step 2): answer 400 when x-tenant names a tenant the config does not list.
      return 'continue';
    },
    encodeHeaders: (_request, _response) => {
      // TODO (step 1): tell the client which tenant the mesh saw, in x-dojo-tenant.
    },
  }),
};
