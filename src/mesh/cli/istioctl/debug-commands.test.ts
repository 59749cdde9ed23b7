import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('istioctl debugging commands on Bookinfo', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok('export REVIEWS_V1=$(kubectl get pod -l app=reviews,version=v1 -o jsonpath={.items[0].metadata.name})');
    await s.ok('export REVIEWS_V2=$(kubectl get pod -l app=reviews,version=v2 -o jsonpath={.items[0].metadata.name})');
    await s.ok('export PP=$(kubectl get pod -l app=productpage -o jsonpath={.items[0].metadata.name})');
  });
  afterAll(() => s.dispose());

  it('x precheck finds nothing in the way', async () => {
    expect(await s.run('istioctl x precheck')).toMatchObject({
      exitCode: 0,
      stderr:
        '✔ No issues found when checking the cluster. Istio is safe to install or upgrade!\n' +
        '  To get started, check out https://istio.io/latest/docs/setup/getting-started/\n',
    });
  });

  it('x describe pod shows the service, the DestinationRule subsets and whether the VirtualService reaches the pod', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    const v1 = await s.ok('istioctl x describe pod $REVIEWS_V1');
    expect(v1).toMatch(
      /^Pod: reviews-v1-\S+\n {3}Pod Revision: default\n {3}Pod Ports: 9080 \(reviews\), 15090 \(istio-proxy\)\n/,
    );
    expect(v1).toContain(
      '--------------------\nService: reviews\n   Port: http 9080/HTTP targets pod port 9080\n' +
        'DestinationRule: reviews for "reviews"\n   Matching subsets: v1\n      (Non-matching subsets v2,v3)\n   No Traffic Policy\n' +
        'VirtualService: reviews\n   1 HTTP route(s)\n',
    );
    expect(await s.ok('istioctl experimental describe pod $REVIEWS_V2')).toContain(
      'VirtualService: reviews\n   WARNING: No destinations match pod subsets (checked 1 HTTP routes)\n' +
        '      Route to non-matching subset v1 for (everything)\n',
    );
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-90-10.yaml');
    expect(await s.ok('istioctl x describe pod $REVIEWS_V1')).toContain(
      'VirtualService: reviews\n   Route to host "reviews" subset "v1" with weight 90%\n',
    );
  });

  it('pc routes --name narrows the table and -o json alike; pc ep is endpoints', async () => {
    const routes = JSON.parse(await s.ok('istioctl pc routes $PP --name 9080 -o json')) as { name: string }[];
    expect(routes.map((r) => r.name)).toEqual(['9080']);
    expect(await s.ok('istioctl pc ep $PP --cluster "outbound|9080|v1|reviews.default.svc.cluster.local"')).toMatch(
      /^\d+\.\d+\.\d+\.\d+:9080\s+HEALTHY\s+OK\s+outbound\|9080\|v1\|reviews/m,
    );
  });

  it("a Gateway on port 80 gives the ingress gateway's route http.8080 on its 8080 listener, as istio.io shows", async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [httpbin.example.com]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts: [httpbin.example.com]
  gateways: [httpbin-gateway]
  http:
  - match: [{uri: {prefix: /status}}]
    route: [{destination: {host: productpage, port: {number: 9080}}}]
EOF`);
    const routes = await s.ok('istioctl pc routes deploy/istio-ingressgateway -n istio-system');
    expect(routes).toMatch(
      /^http\.8080\s+httpbin\.example\.com:80\s+httpbin\.example\.com\s+\/status\*\s+httpbin\.default$/m,
    );
    expect(routes).not.toMatch(/^http\.80\s/m);
    expect(await s.ok('istioctl pc listeners deploy/istio-ingressgateway -n istio-system --port 8080')).toMatch(
      /^0\.0\.0\.0\s+8080\s+ALL\s+Route: http\.8080$/m,
    );
  });

  it('pc log sets and lists Envoy logger levels; pc bootstrap prints the bootstrap JSON', async () => {
    const before = await s.ok('istioctl pc log $PP');
    expect(before).toMatch(/^active loggers:\n/);
    expect(before).toContain('  rbac: warning\n');
    expect(before).toContain('  misc: error\n');
    const all = await s.ok('istioctl pc log $PP --level debug');
    expect(all).toContain('  http: debug\n');
    expect(all).not.toContain('warning');
    expect(await s.ok('istioctl pc log $PP --level rbac:trace')).toContain('  rbac: trace\n');
    expect(await s.run('istioctl pc log $PP --level loud')).toMatchObject({
      exitCode: 1,
      stderr: 'Error: unrecognized logging level: loud\n',
    });
    const bootstrap = JSON.parse(await s.ok('istioctl proxy-config bootstrap $PP')) as {
      bootstrap: { node: { id: string; metadata: { ISTIO_VERSION: string } }; dynamicResources: unknown };
    };
    expect(bootstrap.bootstrap.node.id).toMatch(/^productpage-v1-\S+\.default$/);
    // protojson, as istioctl prints it; the node's metadata is a Struct, whose keys stay as they are.
    expect(bootstrap.bootstrap.dynamicResources).toMatchObject({ adsConfig: { apiType: 'GRPC' } });
    expect(bootstrap.bootstrap.node.metadata.ISTIO_VERSION).toBe('1.30.4');
  });

  it('analyze reports a namespace not enabled for injection (IST0102) as Info: exit 0, no trailer', async () => {
    await s.ok('kubectl create namespace foo');
    expect(await s.run('istioctl analyze -n foo')).toMatchObject({
      exitCode: 0,
      stdout:
        "Info [IST0102] (Namespace foo) The namespace is not enabled for Istio injection. Run 'kubectl label namespace foo istio-injection=enabled' " +
        "to enable it, or 'kubectl label namespace foo istio-injection=disabled' to explicitly mark it as not needing injection.\n",
      stderr: '',
    });
    expect((await s.run('istioctl analyze')).stdout).not.toContain('IST0102');
  });

  it('analyze warns of pods that predate the injection label (IST0103) and is quiet once they are redeployed', async () => {
    await s.ok('kubectl create namespace late');
    await s.ok('kubectl -n late create deployment web --image=nginx');
    await s.ok('kubectl -n late create deployment host --image=nginx');
    await s.ok(
      `kubectl -n late patch deployment host -p '{"spec":{"template":{"metadata":{"labels":{"sidecar.istio.io/inject":"false"}}}}}'`,
    );
    await s.ok('kubectl label namespace late istio-injection=enabled');
    const before = await s.run('istioctl analyze -n late');
    expect(before.exitCode).toBe(0);
    expect(before.stdout).toMatch(
      /^Warning \[IST0103\] \(Pod late\/(web-\S+)\) The pod late\/\1 is missing the Istio proxy\. This can often be resolved by restarting or redeploying the workload\.\n$/,
    );
    await s.ok('kubectl -n late rollout restart deployment web');
    await s.ok('kubectl -n late rollout status deployment web');
    expect((await s.run('istioctl analyze -n late')).stdout).toBe('\n');
    await s.ok('kubectl label namespace late istio-injection=disabled --overwrite');
    await s.ok('kubectl -n late rollout restart deployment web');
    expect((await s.run('istioctl analyze -n late')).stdout).toBe('\n');
  });

  it('proxy-config -o yaml prints the JSON dump as YAML, keys in alphabetical order', async () => {
    const args = 'cluster deploy/productpage-v1 --fqdn reviews.default.svc.cluster.local';
    const json = JSON.parse(await s.ok(`istioctl proxy-config ${args} -o json`)) as unknown;
    const yaml = await s.ok(`istioctl proxy-config ${args} -o yaml`);
    expect(parse(yaml)).toEqual(json);
    expect(yaml).toMatch(
      /^- "@type": type\.googleapis\.com\/envoy\.config\.cluster\.v3\.Cluster\n {2}circuitBreakers:/,
    );
  });
});
