import { describe, expect, it } from 'vitest';
import { ISTIO_DEFAULT_RETRY_POLICY } from '../../xds';
import { translateHttpRoutesForHost } from './http-routes-for-host';

const services = [
  { name: 'reviews', namespace: 'default', ports: [9080] },
  { name: 'multi', namespace: 'shop', ports: [80, 8080] },
];

describe('translateHttpRoutesForHost', () => {
  it('resolves short hosts in the namespace and picks the port as a push does', () => {
    const routes = translateHttpRoutesForHost({
      namespace: 'shop',
      listenPort: 8080,
      services,
      http: [
        { match: [{ uri: { exact: '/a' } }], route: [{ destination: { host: 'multi' } }] },
        { route: [{ destination: { host: 'reviews.default.svc.cluster.local', subset: 'v1' } }] },
      ],
    });
    expect(routes.map((r) => [r.match, r.route?.cluster])).toEqual([
      [{ path: '/a', case_sensitive: true }, 'outbound|8080||multi.shop.svc.cluster.local'],
      [{ prefix: '/' }, 'outbound|9080|v1|reviews.default.svc.cluster.local'],
    ]);
  });

  it('stops after the first catch-all and gives routes without retries the default policy', () => {
    const routes = translateHttpRoutesForHost({
      namespace: 'default',
      listenPort: 9080,
      services,
      http: [{ route: [{ destination: { host: 'reviews' } }] }, { route: [{ destination: { host: 'reviews' } }] }],
    });
    expect(routes).toHaveLength(1);
    expect(routes[0]?.route).toMatchObject({ timeout: '0s', retry_policy: ISTIO_DEFAULT_RETRY_POLICY });
  });

  it('leaves the caller’s rules as they were', () => {
    const http = [{ route: [{ destination: { host: 'reviews' } }] }];
    translateHttpRoutesForHost({ namespace: 'default', listenPort: 9080, services, http });
    expect(http).toEqual([{ route: [{ destination: { host: 'reviews' } }] }]);
  });
});
