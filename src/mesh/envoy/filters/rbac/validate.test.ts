import { describe, expect, it } from 'vitest';
import { validateProxyConfig } from '../../config/validate';
import { inboundListener } from '../../testing/listener-builders';
import { defaultRoute, routeConfig } from '../../testing/xds-builders';

const RBAC_CONFIG = 'Listener "virtualInbound": filter_chains[0].filters[0].typed_config.http_filters[0].typed_config';

describe('envoy.filters.http.rbac config', () => {
  it('refuses an unknown action and a permission that sets two rules', () => {
    const rbac = {
      rules: {
        action: 'PERMIT',
        policies: { p: { permissions: [{ any: true, destination_port: 80 }], principals: [] } },
      },
    };
    expect(validateProxyConfig({ listeners: [inboundListener([8000], { rbac })] })).toEqual([
      `${RBAC_CONFIG}.rules.action: must be ALLOW, DENY or LOG`,
      `${RBAC_CONFIG}.rules.policies["p"].permissions[0]: sets any and destination_port; only one is allowed`,
    ]);
  });

  it('checks RBACPerRoute on routes', () => {
    const route = {
      ...defaultRoute('c'),
      typed_per_filter_config: { 'envoy.filters.http.rbac': { rbac: { rules: { action: 'ALLOW', policies: [] } } } },
    };
    expect(
      validateProxyConfig({ routes: [routeConfig(80, [{ name: 'vh', domains: ['*'], routes: [route] }])] }),
    ).toEqual([
      'RouteConfiguration "80": virtual_hosts[0].routes[0].typed_per_filter_config["envoy.filters.http.rbac"].rbac.rules.policies: must be a map of policy name to policy',
    ]);
  });
});
