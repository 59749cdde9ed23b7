import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/request-routing/ — commands as the page shows them.
describe('istio.io task: request routing', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
  });
  afterAll(() => s.dispose());

  it('without routing rules, reviews answers from all three versions', async () => {
    const out = await s.ok(
      'for i in $(seq 1 30); do curl -s http://$GATEWAY_URL/productpage | grep -o "reviews-v[123]"; done | sort | uniq -c',
    );
    expect(out).toMatch(/reviews-v1/);
    expect(out).toMatch(/reviews-v2/);
    expect(out).toMatch(/reviews-v3/);
  });

  it('virtual-service-all-v1 sends every request to v1: no stars', async () => {
    const applied = await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect(applied).toBe(
      'virtualservice.networking.istio.io/productpage created\nvirtualservice.networking.istio.io/reviews created\n' +
        'virtualservice.networking.istio.io/ratings created\nvirtualservice.networking.istio.io/details created\n',
    );
    const vs = await s.ok('kubectl get virtualservices -o yaml');
    expect(vs).toContain('subset: v1');
    const stars = await s.ok(
      'for i in $(seq 1 10); do curl -s http://$GATEWAY_URL/productpage | grep -c "glyphicon-star" || true; done | sort -u',
    );
    expect(stars).toBe('0\n');
  });

  it('virtual-service-reviews-test-v2 sends jason to v2 (black stars), everyone else to v1', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml');
    const vs = await s.ok('kubectl get virtualservice reviews -o yaml');
    expect(vs).toContain('end-user:\n          exact: jason');
    await s.ok('curl -s -c cookies.txt -d "username=jason&passwd=" -o /dev/null http://$GATEWAY_URL/login');
    expect(await s.ok('cat cookies.txt')).toMatch(/^# Netscape HTTP Cookie File/);
    const jason = await s.ok('curl -s -b cookies.txt http://$GATEWAY_URL/productpage');
    expect(jason).toMatch(/reviews-v2/);
    expect(jason).toMatch(/glyphicon glyphicon-star/);
    expect(jason).not.toMatch(/color="red"|color: ?red/);
    const anonymous = await s.ok('curl -s http://$GATEWAY_URL/productpage');
    expect(anonymous).toMatch(/reviews-v1/);
    expect(anonymous).not.toMatch(/glyphicon-star/);
  });

  it('cleanup deletes the virtual services', async () => {
    const out = await s.ok('kubectl delete -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect(out).toContain('virtualservice.networking.istio.io "reviews" deleted');
  });
});
