import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/traffic-shifting/ — the Gateway API tab: weights on an
// HTTPRoute's backends (one Service per reviews version), Bookinfo reached through the Gateway API's gateway.
describe('istio.io task: traffic shifting (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo', seed: 7 });
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/bookinfo-gateway.yaml');
    await s.ok('kubectl wait --for=condition=programmed gtw bookinfo-gateway');
    await s.ok("export GATEWAY_URL=$(kubectl get gtw bookinfo-gateway -o jsonpath='{.status.addresses[0].value}')");
  });
  afterAll(() => s.dispose());

  const versions = async (n: number): Promise<Record<string, number>> => {
    const out = await s.ok(
      `for i in $(seq 1 ${n}); do curl -s http://$GATEWAY_URL/productpage | grep -o "reviews-v[123]" | head -1; done`,
    );
    const counts: Record<string, number> = {};
    for (const line of out.trim().split('\n')) counts[line] = (counts[line] ?? 0) + 1;
    return counts;
  };

  it('all traffic to v1', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/platform/kube/bookinfo-versions.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/route-reviews-v1.yaml');
    await s.ok('sleep 1');
    expect(await versions(10)).toEqual({ 'reviews-v1': 10 });
  });

  it('50% to v3: roughly half the pages come from each version', async () => {
    expect(await s.ok('kubectl apply -f samples/bookinfo/gateway-api/route-reviews-50-v3.yaml')).toBe(
      'httproute.gateway.networking.k8s.io/reviews configured\n',
    );
    await s.ok('sleep 1');
    const route = await s.ok('kubectl get httproute reviews -o yaml');
    // The API server's defaults (the CRD schema's): backends are Services, a rule without matches matches every path.
    expect(route).toMatch(/- group: ""\n\s+kind: Service\n\s+name: reviews-v3\n\s+port: 9080\n\s+weight: 50\n/);
    expect(route).toMatch(/\n {4}matches:\n {4}- path:\n {8}type: PathPrefix\n {8}value: \/\n/);
    expect(route).toMatch(/observedGeneration: 2\n\s+reason: Accepted\n\s+status: "True"/);
    const counts = await versions(100);
    expect(Object.keys(counts).sort()).toEqual(['reviews-v1', 'reviews-v3']);
    expect(counts['reviews-v1']).toBeGreaterThan(35);
    expect(counts['reviews-v3']).toBeGreaterThan(35);
  });

  it('100% to v3: red stars only', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/gateway-api/route-reviews-v3.yaml');
    await s.ok('sleep 1');
    expect(await versions(10)).toEqual({ 'reviews-v3': 10 });
    expect(await s.ok('curl -s http://$GATEWAY_URL/productpage')).toMatch(/glyphicon-star/);
  });

  it('cleanup', async () => {
    expect(
      await s.ok(`kubectl delete httproute reviews
kubectl delete -f samples/bookinfo/platform/kube/bookinfo-versions.yaml`),
    ).toContain('httproute.gateway.networking.k8s.io "reviews" deleted\nservice "reviews-v1" deleted\n');
  });
});
