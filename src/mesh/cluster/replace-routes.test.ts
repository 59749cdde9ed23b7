import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../cli/index';

// A lab's hand edit of one proxy's routes (SimCluster.replaceProxyRoutes): the proxy takes them as its own
// change, validates them as Envoy does, and istiod's next route push puts its own back.
describe('replaceProxyRoutes', () => {
  let s: MeshSession;
  let productpage = '';
  const routes = async (): Promise<string> =>
    s.ok('istioctl proxy-config routes deploy/productpage-v1 --name 9080 -o json');
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    productpage = /^pod\/(productpage-v1-\S+)/m.exec(await s.ok('kubectl get pods -o name'))?.[1] ?? '';
  });
  afterAll(() => s.dispose());

  it('puts the routes in place of the ones to that host until istiod pushes again', async () => {
    const cluster = 'outbound|9080||reviews.default.svc.cluster.local';
    const replaced = s.cluster.replaceProxyRoutes('default', productpage, 'reviews.default.svc.cluster.local', [
      { match: { path: '/only' }, route: { cluster, timeout: '1.5s' } },
    ]);
    expect(replaced).toEqual({ routes: 1 });
    expect(await routes()).toContain('"path": "/only"');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect(await routes()).not.toContain('"path": "/only"');
  });

  it('says why it changed nothing', () => {
    const route = { match: { prefix: '/' }, route: { cluster: 'outbound|9080||reviews.default.svc.cluster.local' } };
    expect(s.cluster.replaceProxyRoutes('default', productpage, 'nowhere', [route])).toEqual({
      error: 'no route in the proxy serves host "nowhere"',
    });
    expect(s.cluster.replaceProxyRoutes('default', productpage, 'reviews', [])).toEqual({
      error: 'no routes to put in',
    });
    expect(s.cluster.replaceProxyRoutes('default', 'nosuchpod', 'reviews', [route])).toBeUndefined();
  });
});
