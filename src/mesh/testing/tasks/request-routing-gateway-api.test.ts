import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/request-routing/ — the Gateway API tab: Bookinfo behind
// the Gateway API's bookinfo-gateway (deployed by istiod), routes for mesh traffic as HTTPRoutes whose parent
// is the reviews Service, and one Service per version as their backends.
describe('istio.io task: request routing (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/bookinfo-gateway.yaml');
    await s.ok('kubectl wait --for=condition=programmed gtw bookinfo-gateway');
    await s.ok("export GATEWAY_URL=$(kubectl get gtw bookinfo-gateway -o jsonpath='{.status.addresses[0].value}')");
  });
  afterAll(() => s.dispose());

  it('reaches Bookinfo through the Gateway API gateway, all three reviews versions answering', async () => {
    const out = await s.ok(
      'for i in $(seq 1 30); do curl -s http://$GATEWAY_URL/productpage | grep -o "reviews-v[123]"; done | sort | uniq -c',
    );
    expect(out).toMatch(/reviews-v1/);
    expect(out).toMatch(/reviews-v2/);
    expect(out).toMatch(/reviews-v3/);
  });

  it('routes reviews to v1 with an HTTPRoute whose parent is the reviews Service', async () => {
    expect(await s.ok('kubectl apply -f samples/bookinfo/platform/kube/bookinfo-versions.yaml')).toContain(
      'service/reviews-v1 created\n',
    );
    expect(await s.ok('kubectl apply -f samples/bookinfo/gateway-api/route-reviews-v1.yaml')).toBe(
      'httproute.gateway.networking.k8s.io/reviews created\n',
    );
    await s.ok('sleep 1');
    const route = await s.ok('kubectl get httproute reviews -o yaml');
    expect(route).toMatch(/controllerName: istio\.io\/gateway-controller/);
    expect(route).toMatch(/message: Route was valid\n\s+observedGeneration: 1\n\s+reason: Accepted\n\s+status: "True"/);
    expect(route).toMatch(/message: All references resolved\n/);
    expect(route).toMatch(/parentRef:\n\s+group: ""\n\s+kind: Service\n\s+name: reviews\n\s+port: 9080\n/);
    const stars = await s.ok(
      'for i in $(seq 1 10); do curl -s http://$GATEWAY_URL/productpage | grep -c "glyphicon-star" || true; done | sort -u',
    );
    expect(stars).toBe('0\n');
  });

  it('sends jason to v2 by the end-user header, everyone else to v1', async () => {
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
  - matches:
    - headers:
      - name: end-user
        value: jason
    backendRefs:
    - name: reviews-v2
      port: 9080
  - backendRefs:
    - name: reviews-v1
      port: 9080
EOF`);
    await s.ok('sleep 1');
    await s.ok('curl -s -c cookies.txt -d "username=jason&passwd=" -o /dev/null http://$GATEWAY_URL/login');
    const jason = await s.ok('curl -s -b cookies.txt http://$GATEWAY_URL/productpage');
    expect(jason).toMatch(/reviews-v2/);
    expect(jason).toMatch(/glyphicon glyphicon-star/);
    const anonymous = await s.ok('curl -s http://$GATEWAY_URL/productpage');
    expect(anonymous).toMatch(/reviews-v1/);
    expect(anonymous).not.toMatch(/glyphicon-star/);
  });

  it('cleanup deletes the route: all versions answer again', async () => {
    expect(await s.ok('kubectl delete httproute reviews')).toBe(
      'httproute.gateway.networking.k8s.io "reviews" deleted\n',
    );
    await s.ok('sleep 1');
    const out = await s.ok(
      'for i in $(seq 1 30); do curl -s http://$GATEWAY_URL/productpage | grep -o "reviews-v[123]"; done | sort -u',
    );
    expect(out).toBe('reviews-v1\nreviews-v2\nreviews-v3\n');
  });
});
