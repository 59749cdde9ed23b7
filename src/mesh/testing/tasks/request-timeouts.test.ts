import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/request-timeouts/
describe('istio.io task: request timeouts', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
  });
  afterAll(() => s.dispose());

  const timed = async (): Promise<{ seconds: number; page: string }> => {
    const out = await s.ok('curl -s -o page.html -w "%{time_total}\\n" http://$GATEWAY_URL/productpage');
    return { seconds: Number(out.trim()), page: await s.ok('cat page.html') };
  };

  it('reviews v2 with a 2s ratings delay: the page takes about 2s, with stars', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
EOF`);
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts:
  - ratings
  http:
  - fault:
      delay:
        percentage:
          value: 100
        fixedDelay: 2s
    route:
    - destination:
        host: ratings
        subset: v1
EOF`);
    const { seconds, page } = await timed();
    expect(seconds).toBeGreaterThan(1.9);
    expect(seconds).toBeLessThan(2.5);
    expect(page).toMatch(/glyphicon-star/);
  });

  it('a 0.5s timeout on reviews: the page returns in about 1s, reviews unavailable', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
    timeout: 0.5s
EOF`);
    const { seconds, page } = await timed();
    // productpage tries reviews twice: 2 × 0.5s.
    expect(seconds).toBeGreaterThan(0.9);
    expect(seconds).toBeLessThan(1.3);
    expect(page).toContain('Sorry, product reviews are currently unavailable for this book.');
  });
});
