import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/ — the Istio API tab (the Gateway API
// tab is tcp-traffic-shifting-gateway-api.test.ts).
describe('istio.io task: TCP traffic shifting', () => {
  let s: MeshSession;
  const NS = 'istio-io-tcp-traffic-shifting';
  const loop = `export SLEEP=$(kubectl get pod -l app=sleep -n ${NS} -o jsonpath={.items..metadata.name})
for i in {1..20}; do \\
kubectl exec "$SLEEP" -c sleep -n ${NS} -- sh -c "(date; sleep 1) | nc $INGRESS_HOST $TCP_INGRESS_PORT"; \\
done`;
  const versions = (out: string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const line of out.trim().split('\n')) {
      const word = line.split(' ')[0] ?? '';
      counts[word] = (counts[word] ?? 0) + 1;
    }
    return counts;
  };

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 11 });
  });
  afterAll(() => s.dispose());

  it('sets up the namespace, sleep and tcp-echo v1/v2', async () => {
    expect(await s.ok(`kubectl create namespace ${NS}`)).toBe(`namespace/${NS} created\n`);
    await s.ok(`kubectl apply -f samples/sleep/sleep.yaml -n ${NS}`);
    expect(await s.ok(`kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml -n ${NS}`)).toBe(
      'service/tcp-echo created\ndeployment.apps/tcp-echo-v1 created\ndeployment.apps/tcp-echo-v2 created\n',
    );
    await s.ok(`kubectl wait --for=condition=ready pod --all -n ${NS}`);
  });

  it('routes every connection through the ingress gateway port 31400 to v1', async () => {
    expect(await s.ok(`kubectl apply -f samples/tcp-echo/tcp-echo-all-v1.yaml -n ${NS}`)).toBe(
      'gateway.networking.istio.io/tcp-echo-gateway created\n' +
        'destinationrule.networking.istio.io/tcp-echo-destination created\n' +
        'virtualservice.networking.istio.io/tcp-echo created\n',
    );
    // "Determining the ingress IP and ports": this cluster's load balancer publishes a host name.
    await s.ok(
      "export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
    await s.ok(
      'export TCP_INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath=\'{.spec.ports[?(@.name=="tcp")].port}\')',
    );
    expect(await s.ok('echo $TCP_INGRESS_PORT')).toBe('31400\n');
    const out = await s.ok(loop);
    expect(out).toMatch(/^(one \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n){20}$/);
    expect(versions(out)).toEqual({ one: 20 });
  });

  it('shifts 20% of the connections to v2', async () => {
    expect(await s.ok(`kubectl apply -f samples/tcp-echo/tcp-echo-20-v2.yaml -n ${NS}`)).toBe(
      'virtualservice.networking.istio.io/tcp-echo configured\n',
    );
    const vs = await s.ok(`kubectl get virtualservice tcp-echo -o yaml -n ${NS}`);
    expect(vs).toContain(
      '  tcp:\n  - match:\n    - port: 31400\n    route:\n    - destination:\n        host: tcp-echo\n        port:\n          number: 9000\n        subset: v1\n      weight: 80\n',
    );
    const counts = versions(await s.ok(loop));
    expect((counts['one'] ?? 0) + (counts['two'] ?? 0)).toBe(20);
    expect(counts['two']).toBeGreaterThanOrEqual(1);
    expect(counts['two']).toBeLessThanOrEqual(9);
  });

  it('the gateway relays port 31400 with tcp_proxy to the weighted subsets', async () => {
    const listeners = await s.ok('istioctl proxy-config listeners deploy/istio-ingressgateway -n istio-system');
    expect(listeners).toMatch(/0\.0\.0\.0\s+31400\s+ALL\s+Cluster: \n/);
    const stats = await s.ok(
      'kubectl exec deploy/istio-ingressgateway -n istio-system -- pilot-agent request GET stats',
    );
    expect(stats).toMatch(
      new RegExp(`cluster\\.outbound\\|9000\\|v1\\|tcp-echo\\.${NS}\\.svc\\.cluster\\.local\\.upstream_cx_total: \\d+`),
    );
  });

  it('cleans up', async () => {
    await s.ok(`kubectl delete -f samples/tcp-echo/tcp-echo-all-v1.yaml -n ${NS}`);
    await s.ok(`kubectl delete -f samples/sleep/sleep.yaml -n ${NS}`);
    await s.ok(`kubectl delete -f samples/tcp-echo/tcp-echo-services.yaml -n ${NS}`);
    expect(await s.ok(`kubectl delete namespace ${NS}`)).toBe(`namespace "${NS}" deleted\n`);
  });
});
