import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from '../session';

// https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/
describe('istio.io task: circuit breaking', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession({ preset: 'istio', seed: 3 });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
    outlierDetection:
      consecutiveErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
EOF`);
    await s.ok('kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml');
  });
  afterAll(() => s.dispose());

  it('fortio reaches httpbin through its sidecar', async () => {
    const out = await s.ok(`FORTIO_POD=$(kubectl get pods -lapp=fortio -o 'jsonpath={.items[0].metadata.name}')
kubectl exec -it "$FORTIO_POD"  -c fortio -- /usr/bin/fortio curl -quiet http://httpbin:8000/get`);
    expect(out).toMatch(/^HTTP\/1.1 200 OK/);
  });

  it('2 connections, 20 calls: most succeed, a few 503s', async () => {
    await s.ok(`export FORTIO_POD=$(kubectl get pods -lapp=fortio -o 'jsonpath={.items[0].metadata.name}')`);
    const wall = performance.now();
    const out = await s.ok(
      'kubectl exec -it "$FORTIO_POD"  -c fortio -- /usr/bin/fortio load -c 2 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get',
    );
    expect(performance.now() - wall).toBeLessThan(1000);
    const ok = Number(/Code 200 : (\d+)/.exec(out)?.[1] ?? 0);
    const overflow = Number(/Code 503 : (\d+)/.exec(out)?.[1] ?? 0);
    expect(ok + overflow).toBe(20);
    expect(ok).toBeGreaterThanOrEqual(14);
  });

  it('3 connections, 30 calls: many 503s, counted as pending overflow', async () => {
    const out = await s.ok(
      'kubectl exec -it "$FORTIO_POD"  -c fortio /usr/bin/fortio -- load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get',
    );
    const overflow = Number(/Code 503 : (\d+)/.exec(out)?.[1] ?? 0);
    expect(overflow).toBeGreaterThanOrEqual(5);
    const stats = await s.ok(
      'kubectl exec "$FORTIO_POD" -c istio-proxy -- pilot-agent request GET stats | grep httpbin | grep pending',
    );
    expect(stats).toMatch(
      /cluster\.outbound\|8000\|\|httpbin\.default\.svc\.cluster\.local\.upstream_rq_pending_overflow: [1-9]\d*/,
    );
  });
});
