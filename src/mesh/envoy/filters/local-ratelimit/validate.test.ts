import { describe, expect, it } from 'vitest';
import { validateProxyConfig } from '../../config/validate';
import { defaultRoute, routeConfig } from '../../testing/xds-builders';

describe('envoy.filters.http.local_ratelimit config', () => {
  it('refuses an empty bucket and a fill interval of 0s', () => {
    const route = {
      ...defaultRoute('c'),
      typed_per_filter_config: {
        'envoy.filters.http.local_ratelimit': {
          stat_prefix: 'http_local_rate_limiter',
          token_bucket: { max_tokens: 0, fill_interval: '0s' },
        },
      },
    };
    const at =
      'RouteConfiguration "80": virtual_hosts[0].routes[0].typed_per_filter_config["envoy.filters.http.local_ratelimit"]';
    expect(
      validateProxyConfig({ routes: [routeConfig(80, [{ name: 'vh', domains: ['*'], routes: [route] }])] }),
    ).toEqual([
      `${at}.token_bucket.max_tokens: must be an integer in [1, 4294967295]`,
      `${at}.token_bucket.fill_interval: must be greater than 0s`,
    ]);
  });
});
