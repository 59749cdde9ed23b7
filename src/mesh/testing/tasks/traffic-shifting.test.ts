import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/traffic-shifting/
describe('istio.io task: traffic shifting', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo', seed: 7 });
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
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
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect(await versions(10)).toEqual({ 'reviews-v1': 10 });
  });

  it('50% to v3: roughly half the pages come from each version', async () => {
    expect(await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml')).toBe(
      'virtualservice.networking.istio.io/reviews configured\n',
    );
    const vs = await s.ok('kubectl get virtualservice reviews -o yaml');
    expect(vs).toContain('subset: v3\n      weight: 50');
    const counts = await versions(100);
    expect(Object.keys(counts).sort()).toEqual(['reviews-v1', 'reviews-v3']);
    expect(counts['reviews-v1']).toBeGreaterThan(35);
    expect(counts['reviews-v3']).toBeGreaterThan(35);
  });

  it('100% to v3: red stars only', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-v3.yaml');
    expect(await versions(10)).toEqual({ 'reviews-v3': 10 });
    expect(await s.ok('curl -s http://$GATEWAY_URL/productpage')).toMatch(/glyphicon-star/);
  });

  it('cleanup', async () => {
    await s.ok('kubectl delete -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect((await s.run('kubectl get virtualservice reviews')).stderr).toBe(
      'Error from server (NotFound): virtualservices.networking.istio.io "reviews" not found\n',
    );
  });
});
