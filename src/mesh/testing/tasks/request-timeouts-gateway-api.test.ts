import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/request-timeouts/ — the Gateway API tab: the reviews route
// is an HTTPRoute whose parent is the reviews Service; the ratings delay stays a VirtualService (the Gateway API
// has no fault injection); the timeout is the rule's `timeouts.request`.
describe('istio.io task: request timeouts (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/bookinfo-gateway.yaml');
    await s.ok('kubectl wait --for=condition=programmed gtw bookinfo-gateway');
    await s.ok("export GATEWAY_URL=$(kubectl get gtw bookinfo-gateway -o jsonpath='{.status.addresses[0].value}')");
    await s.ok('kubectl apply -f samples/bookinfo/platform/kube/bookinfo-versions.yaml');
  });
  afterAll(() => s.dispose());

  const timed = async (): Promise<{ seconds: number; page: string }> => {
    const out = await s.ok('curl -s -o page.html -w "%{time_total}\\n" http://$GATEWAY_URL/productpage');
    return { seconds: Number(out.trim()), page: await s.ok('cat page.html') };
  };

  it('reviews v2 by an HTTPRoute, a 2s ratings delay by a VirtualService: about 2s, with stars', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: reviews
    port: 9080
  rules:
  - backendRefs:
    - name: reviews-v2
      port: 9080
EOF`),
    ).toBe('httproute.gateway.networking.k8s.io/reviews created\n');
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
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
EOF`),
    ).toBe('virtualservice.networking.istio.io/ratings created\n');
    await s.ok('sleep 1');
    const { seconds, page } = await timed();
    expect(seconds).toBeGreaterThan(1.9);
    expect(seconds).toBeLessThan(2.5);
    expect(page).toMatch(/reviews-v2/);
    expect(page).toMatch(/glyphicon-star/);
  });

  it('timeouts.request 500ms: the page returns in about 1s (productpage tries twice), reviews unavailable', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: reviews
    port: 9080
  rules:
  - backendRefs:
    - name: reviews-v2
      port: 9080
    timeouts:
      request: 500ms
EOF`),
    ).toBe('httproute.gateway.networking.k8s.io/reviews configured\n');
    await s.ok('sleep 1');
    const { seconds, page } = await timed();
    expect(seconds).toBeGreaterThan(0.9);
    expect(seconds).toBeLessThan(1.3);
    expect(page).toContain('Sorry, product reviews are currently unavailable for this book.');
  });

  it('cleanup: the route and the delay are gone, the page is quick again', async () => {
    expect(
      await s.ok(`kubectl delete httproute reviews
kubectl delete virtualservice ratings`),
    ).toBe(
      'httproute.gateway.networking.k8s.io "reviews" deleted\nvirtualservice.networking.istio.io "ratings" deleted\n',
    );
    await s.ok('sleep 1');
    const { seconds } = await timed();
    expect(seconds).toBeLessThan(0.5);
  });
});
