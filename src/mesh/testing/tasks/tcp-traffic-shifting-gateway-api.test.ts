import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/tcp-traffic-shifting/ — the Gateway API tab: the
// experimental channel's CRDs (TCPRoute), a Gateway with a TCP listener on 31400, and a TCPRoute's weights.
describe('istio.io task: TCP traffic shifting (Gateway API)', () => {
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

  it('installs the experimental channel, which serves TCPRoute', async () => {
    expect((await s.run('kubectl get tcproute')).stderr).toBe(
      'error: the server doesn\'t have a resource type "tcproute"\n',
    );
    const out = await s.ok(
      'kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd/experimental?ref=v1.4.0" | kubectl apply -f -',
    );
    expect(out).toContain(
      'customresourcedefinition.apiextensions.k8s.io/tcproutes.gateway.networking.k8s.io created\n',
    );
    expect((await s.run('kubectl get tcproute')).stderr).toBe(`No resources found in default namespace.\n`);
  });

  it('sets up the namespace, sleep and tcp-echo v1/v2', async () => {
    expect(await s.ok(`kubectl create namespace ${NS}`)).toBe(`namespace/${NS} created\n`);
    await s.ok(`kubectl apply -f samples/sleep/sleep.yaml -n ${NS}`);
    await s.ok(`kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml -n ${NS}`);
    await s.ok(`kubectl wait --for=condition=ready pod --all -n ${NS}`);
  });

  it('routes every connection through the Gateway API gateway port 31400 to v1', async () => {
    expect(await s.ok(`kubectl apply -f samples/tcp-echo/gateway-api/tcp-echo-all-v1.yaml -n ${NS}`)).toBe(
      'gateway.gateway.networking.k8s.io/tcp-echo-gateway created\n' +
        'service/tcp-echo-v1 created\n' +
        'service/tcp-echo-v2 created\n' +
        'tcproute.gateway.networking.k8s.io/tcp-echo created\n',
    );
    await s.ok(`kubectl wait --for=condition=programmed gtw tcp-echo-gateway -n ${NS}`);
    await s.ok(`export INGRESS_HOST=$(kubectl get gtw tcp-echo-gateway -n ${NS} -o jsonpath='{.status.addresses[0].value}')
export TCP_INGRESS_PORT=$(kubectl get gtw tcp-echo-gateway -n ${NS} -o jsonpath='{.spec.listeners[?(@.name=="tcp-31400")].port}')`);
    expect(await s.ok('echo $TCP_INGRESS_PORT')).toBe('31400\n');
    const out = await s.ok(loop);
    expect(out).toMatch(/^(one \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n){20}$/);
    expect(versions(out)).toEqual({ one: 20 });
  });

  it('shifts 20% of the connections to v2', async () => {
    expect(await s.ok(`kubectl apply -f samples/tcp-echo/gateway-api/tcp-echo-20-v2.yaml -n ${NS}`)).toBe(
      'tcproute.gateway.networking.k8s.io/tcp-echo configured\n',
    );
    const route = await s.ok(`kubectl get tcproute tcp-echo -o yaml -n ${NS}`);
    expect(route).toMatch(/^apiVersion: gateway\.networking\.k8s\.io\/v1alpha2\nkind: TCPRoute\n/);
    expect(route).toContain(
      '  parentRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: tcp-echo-gateway\n    sectionName: tcp-31400\n',
    );
    expect(route).toContain(
      '  - backendRefs:\n    - group: ""\n      kind: Service\n      name: tcp-echo-v1\n      port: 9000\n      weight: 80\n',
    );
    expect(route).toMatch(/message: Route was valid\n/);
    const counts = versions(await s.ok(loop));
    expect((counts['one'] ?? 0) + (counts['two'] ?? 0)).toBe(20);
    expect(counts['two']).toBeGreaterThanOrEqual(1);
    expect(counts['two']).toBeLessThanOrEqual(9);
  });

  it('the listener counts the attached TCPRoute', async () => {
    expect(
      await s.ok(`kubectl get gtw tcp-echo-gateway -n ${NS} -o jsonpath='{.status.listeners[0].attachedRoutes}'`),
    ).toBe('1');
  });

  it('cleans up', async () => {
    expect(await s.ok(`kubectl delete -f samples/tcp-echo/gateway-api/tcp-echo-all-v1.yaml -n ${NS}`)).toContain(
      'tcproute.gateway.networking.k8s.io "tcp-echo" deleted\n',
    );
    await s.ok(`kubectl delete -f samples/sleep/sleep.yaml -n ${NS}`);
    await s.ok(`kubectl delete -f samples/tcp-echo/tcp-echo-services.yaml -n ${NS}`);
    expect(await s.ok(`kubectl delete namespace ${NS}`)).toBe(`namespace "${NS}" deleted\n`);
  });
});
