import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/fault-injection/
describe('istio.io task: fault injection', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml');
    await s.ok('curl -s -c cookies.txt -d "username=jason&passwd=" -o /dev/null http://$GATEWAY_URL/login');
  });
  afterAll(() => s.dispose());

  it('a 7s delay for jason: the page answers after about 6s with reviews unavailable', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-delay.yaml');
    expect(await s.ok('kubectl get virtualservice ratings -o yaml')).toContain('fixedDelay: 7s');
    // The delay passes on virtual time: counted, not timed, it starts no host timer.
    const hostTimers = vi.spyOn(globalThis, 'setTimeout');
    const out = await s
      .ok('curl -s -b cookies.txt -o page.html -w "%{http_code} %{time_total}\\n" http://$GATEWAY_URL/productpage')
      .finally(() => hostTimers.mockRestore());
    expect(hostTimers.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > 0)).toEqual([]);
    const [code, seconds] = out.trim().split(' ');
    expect(code).toBe('200');
    expect(Number(seconds)).toBeGreaterThan(5.5);
    expect(Number(seconds)).toBeLessThan(7);
    expect(await s.ok('cat page.html')).toContain('Sorry, product reviews are currently unavailable for this book.');
    // Anyone else is not delayed.
    const other = await s.ok('curl -s -o /dev/null -w "%{time_total}\\n" http://$GATEWAY_URL/productpage');
    expect(Number(other)).toBeLessThan(1);
  });

  it('an HTTP 500 abort for jason: ratings unavailable', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml');
    expect(await s.ok('kubectl get virtualservice ratings -o yaml')).toContain('httpStatus: 500');
    const page = await s.ok('curl -s -b cookies.txt http://$GATEWAY_URL/productpage');
    expect(page).toContain('Ratings service is currently unavailable');
    const anonymous = await s.ok('curl -s http://$GATEWAY_URL/productpage');
    expect(anonymous).not.toContain('Ratings service is currently unavailable');
  });
});
