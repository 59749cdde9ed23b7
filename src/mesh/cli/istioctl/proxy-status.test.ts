import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

const TIME = 'curl -s -o /dev/null -w "%{http_code} %{time_total}\\n" http://httpbin:8000/delay/3';

const REGEX_HEADER_FILTER = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: beta-header, namespace: shop}
spec:
  workloadSelector: {labels: {app: curl}}
  configPatches:
  - applyTo: HTTP_ROUTE
    match:
      context: SIDECAR_OUTBOUND
      routeConfiguration: {vhost: {name: "httpbin.shop.svc.cluster.local:8000"}}
    patch:
      operation: MERGE
      value:
        match:
          headers:
          - name: x-beta
            string_match: {safe_regex: {regex: "v1(beta"}}`;

// One proxy edited by hand drifts from istiod; a push brings it back; a config the proxies refuse leaves the last
// good one serving — as istioctl proxy-status (Istio 1.30) shows each.
describe('istioctl proxy-status', () => {
  let s: MeshSession;
  let pods: string[];
  const curlFrom = async (pod: string): Promise<[number, number]> => {
    const [code, seconds] = (await s.ok(`kubectl exec -n shop ${pod} -c curl -- ${TIME}`)).trim().split(' ');
    return [Number(code), Number(seconds)];
  };

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl create namespace shop');
    await s.ok('kubectl label namespace shop istio-injection=enabled');
    await s.ok('kubectl apply -n shop -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -n shop -f samples/curl/curl.yaml');
    await s.ok('kubectl scale -n shop deploy/curl --replicas=3');
    await s.ok('kubectl rollout status -n shop deploy/curl');
    pods = (await s.ok("kubectl get pods -n shop -l app=curl -o jsonpath='{.items[*].metadata.name}'")).split(' ');
  });
  afterAll(() => s.dispose());

  it('lists each proxy with the types it subscribes to, and with -v 1 each type’s status and age', async () => {
    const list = (await s.ok('istioctl proxy-status -n shop')).split('\n');
    expect(list[0]).toMatch(/^NAME\s+CLUSTER\s+ISTIOD\s+VERSION\s+SUBSCRIBED TYPES$/);
    expect(list.filter((l) => l.startsWith('curl-'))).toHaveLength(3);
    expect(list[1]).toMatch(/^curl-\S+\.shop\s+Kubernetes\s+istiod-\S+\s+1\.30\.\d+\s+4 \(CDS,LDS,EDS,RDS\)$/);
    const verbose = (await s.ok('istioctl proxy-status -n shop -v 1')).split('\n');
    expect(verbose[0]).toMatch(/^NAME\s+CLUSTER\s+CDS\s+ECDS\s+EDS\s+LDS\s+RDS\s+ISTIOD\s+VERSION$/);
    expect(verbose[1]).toMatch(
      /^curl-\S+\s+Kubernetes\s+SYNCED \([0-9mhs]+\)\s+IGNORED\s+SYNCED \([0-9mhs]+\)\s+SYNCED \([0-9mhs]+\)\s+SYNCED \([0-9mhs]+\)\s+istiod-/,
    );
  });

  it('with a pod, finds nothing to tell apart while the proxy runs what istiod sent', async () => {
    expect(await s.ok(`istioctl proxy-status ${pods[0]}.shop`)).toMatch(
      /^Clusters Match\nListeners Match\nRoutes Match \(RDS last loaded at \w{3}, \d{2} \w{3} 2026 \d{2}:\d{2}:\d{2} UTC\)\n$/,
    );
  });

  it('a hand edit changes that proxy’s traffic only, and the comparison shows the drift', async () => {
    expect(await s.ok(`meshdojo proxy edit ${pods[0]}.shop --host httpbin:8000 --timeout 1500ms`)).toContain(
      '1 route to httpbin:8000 now time out after 1500ms',
    );
    const [code, seconds] = await curlFrom(pods[0]!);
    expect(code).toBe(504);
    expect(seconds).toBeGreaterThanOrEqual(1.5);
    expect(seconds).toBeLessThan(1.7);
    expect((await curlFrom(pods[1]!))[0]).toBe(200);
    const compare = await s.ok(`istioctl proxy-status ${pods[0]}.shop`);
    expect(compare).toMatch(/^Clusters Match\nListeners Match\nRoutes Don't Match \(RDS last loaded at .+ UTC\)\n/);
    expect(compare).toContain('--- Istiod Routes\n+++ Envoy Routes\n@@ -');
    expect(compare).toMatch(/^-\s+"timeout": "0s",\n\+\s+"timeout": "1.5s",$/m);
    // istiod's view is unchanged: it never learns of an edit it did not send.
    expect(await s.ok('istioctl proxy-status -n shop -v 1')).not.toMatch(/STALE|ERROR/);
  });

  it('one push overwrites the hand edit on every proxy', async () => {
    await s.ok(`kubectl apply -n shop -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - timeout: 2500ms
    route: [{destination: {host: httpbin}}]
EOF`);
    for (const pod of pods) {
      const [code, seconds] = await curlFrom(pod);
      expect(code).toBe(504);
      expect(seconds).toBeGreaterThanOrEqual(2.5);
      expect(seconds).toBeLessThan(2.7);
    }
    expect(await s.ok(`istioctl proxy-status ${pods[0]}.shop`)).toMatch(/Routes Match/);
  });

  it('a config the proxies refuse shows as ERROR while the last good one keeps serving', async () => {
    await s.ok(`kubectl apply -f - <<EOF\n${REGEX_HEADER_FILTER}\nEOF`);
    await s.ok('sleep 1');
    const verbose = await s.ok('istioctl proxy-status -n shop -v 1');
    for (const pod of pods)
      expect(verbose).toMatch(new RegExp(`^${pod}\\.shop\\s.*SYNCED.*\\s+ERROR \\([0-9mhs]+\\)\\s+istiod-`, 'm'));
    expect(verbose).toMatch(/^httpbin-\S+\s+Kubernetes(\s+(SYNCED \([0-9mhs]+\)|IGNORED)){5}\s+istiod-/m);
    const [code, seconds] = await curlFrom(pods[1]!);
    expect(code).toBe(504);
    expect(seconds).toBeGreaterThanOrEqual(2.5);
    expect(seconds).toBeLessThan(2.7);
    // Deleting the filter lets istiod send routes the proxies accept: the ACK clears the error.
    await s.ok('kubectl delete envoyfilter -n shop beta-header');
    await s.ok('sleep 1');
    expect(await s.ok('istioctl proxy-status -n shop -v 1')).not.toMatch(/ERROR/);
  });
});

// Pods that bring a service its first (or another) workload identity change what clients verify: istiod pushes
// clusters too, not only endpoints, so a fresh proxy runs exactly what istiod would send it.
describe('istioctl proxy-status after pods change a service’s identities', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl create namespace shop');
    await s.ok('kubectl label namespace shop istio-injection=enabled');
    await s.ok('kubectl apply -n shop -f samples/curl/curl.yaml');
    await s.ok('kubectl rollout status -n shop deploy/curl');
    await s.ok('kubectl apply -n shop -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl rollout status -n shop deploy/httpbin');
  });
  afterAll(() => s.dispose());

  it('finds the client’s clusters verifying the new identity, as istiod computes them', async () => {
    const pod = await s.ok("kubectl get pods -n shop -l app=curl -o jsonpath='{.items[0].metadata.name}'");
    expect(await s.ok(`istioctl proxy-status ${pod}.shop`)).toMatch(/^Clusters Match\nListeners Match\nRoutes Match/);
    expect(await s.ok(`istioctl pc cluster ${pod}.shop --fqdn httpbin.shop.svc.cluster.local -o json`)).toContain(
      'spiffe://cluster.local/ns/shop/sa/httpbin',
    );
  });
});
