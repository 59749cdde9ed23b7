import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/ — the Istio-API tab.
const HTTPS_PAIR =
  'kubectl exec "$SOURCE_POD" -c sleep -- curl -sI https://www.google.com | grep  "HTTP/"; kubectl exec "$SOURCE_POD" -c sleep -- curl -sI https://edition.cnn.com | grep "HTTP/"';

describe('istio.io task: accessing external services', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath='{.items..metadata.name}')");
  });
  afterAll(() => s.dispose());

  it('ALLOW_ANY: https to external hosts passes through the sidecar (HTTP/2 200 twice)', async () => {
    const out = await s.run(HTTPS_PAIR);
    // curl's -I output keeps the CRLF line ends it received.
    expect(out.stdout).toBe('HTTP/2 200 \r\nHTTP/2 200 \r\n');
    const stats = await s.ok('kubectl exec "$SOURCE_POD" -c istio-proxy -- pilot-agent request GET stats');
    expect(stats).toMatch(/cluster\.PassthroughCluster\.upstream_cx_total: [1-9]/);
  });

  it('REGISTRY_ONLY: https to unknown hosts fails the handshake (exit 35), http gets 502', async () => {
    await s.ok('istioctl install --set profile=demo --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y');
    await s.ok('sleep 5');
    const out = await s.run(HTTPS_PAIR);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('command terminated with exit code 35\ncommand terminated with exit code 35\n');
    const http = await s.run('kubectl exec "$SOURCE_POD" -c sleep -- curl -sI http://httpbin.org/headers');
    expect(http.stdout).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
  });

  it('a ServiceEntry for httpbin.org (HTTP, DNS) makes it reachable and logged as outbound|80||httpbin.org', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: httpbin-ext
spec:
  hosts:
  - httpbin.org
  ports:
  - number: 80
    name: http
    protocol: HTTP
  resolution: DNS
  location: MESH_EXTERNAL
EOF`);
    const headers = await s.ok('kubectl exec "$SOURCE_POD" -c sleep -- curl -sS http://httpbin.org/headers');
    expect(headers).toContain('"Host": "httpbin.org"');
    expect(headers).toContain('"Accept": "*/*"');
    // The sidecar names the route it chose; only a receiver without a sidecar gets to see it.
    expect(headers).toContain('"X-Envoy-Decorator-Operation": "httpbin.org:80/*",');
    // Metadata exchange names the sidecar by Envoy's node id; httpbin.org's load balancer keeps X-Forwarded-*.
    expect(headers).toMatch(
      /"X-Envoy-Peer-Metadata-Id": "sidecar~[\d.]+~sleep-[\w-]+\.default~default\.svc\.cluster\.local"/,
    );
    expect(headers).not.toContain('X-Forwarded');
    const log = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail');
    expect(log).toMatch(/"GET \/headers HTTP\/1\.1" 200 .* outbound\|80\|\|httpbin\.org /);
  });

  it('a ServiceEntry for www.google.com (HTTPS) passes TLS through by SNI', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: google
spec:
  hosts:
  - www.google.com
  ports:
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
  location: MESH_EXTERNAL
EOF`);
    expect(await s.ok('kubectl exec "$SOURCE_POD" -c sleep -- curl -sSI https://www.google.com | grep  "HTTP/"')).toBe(
      'HTTP/2 200 \r\n',
    );
    // The sidecar logs the passed-through TLS connection: no request line, the site's address, the SNI.
    const log = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail');
    const line = log.split('\n').find((l) => l.includes('outbound|443||www.google.com'));
    expect(line).toMatch(
      /^\[[-\dT:.]+Z\] "- - -" 0 - - - "-" [1-9]\d* [1-9]\d* \d+ - "-" "-" "-" "-" "(\d+\.){3}\d+:443" outbound\|443\|\|www\.google\.com (\d+\.){3}\d+:\d+ (\d+\.){3}\d+:443 (\d+\.){3}\d+:\d+ www\.google\.com -$/,
    );
    // edition.cnn.com is still not registered.
    const cnn = await s.run('kubectl exec "$SOURCE_POD" -c sleep -- curl -sI https://edition.cnn.com');
    expect(cnn.stderr).toBe('command terminated with exit code 35\n');
  });

  it('a VirtualService timeout of 3s cuts /delay/5 off with a 504', async () => {
    // `time` inside the pod is busybox's (the sleep image is Alpine): `real\t0m 5.00s`, on the cluster clock.
    const before = await s.run(
      'kubectl exec "$SOURCE_POD" -c sleep -- time curl -o /dev/null -sS -w "%{http_code}\\n" http://httpbin.org/delay/5',
    );
    expect(before.stdout).toBe('200\n');
    expect(Number(/real\s+0m ?(\d+\.\d+)s/.exec(before.stderr)?.[1])).toBeGreaterThanOrEqual(5);
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin-ext
spec:
  hosts:
  - httpbin.org
  http:
  - timeout: 3s
    route:
    - destination:
        host: httpbin.org
      weight: 100
EOF`);
    await s.ok('sleep 3');
    const after = await s.run(
      'kubectl exec "$SOURCE_POD" -c sleep -- time curl -o /dev/null -sS -w "%{http_code}\\n" http://httpbin.org/delay/5',
    );
    expect(after.stdout).toBe('504\n');
    const seconds = Number(/real\s+0m ?(\d+\.\d+)s/.exec(after.stderr)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThan(3.5);
  });

  it('cleanup', async () => {
    await s.ok('kubectl delete serviceentry httpbin-ext google');
    await s.ok('kubectl delete virtualservice httpbin-ext --ignore-not-found=true');
    const out = await s.run('kubectl exec "$SOURCE_POD" -c sleep -- curl -sI http://httpbin.org/headers');
    expect(out.stdout).toMatch(/^HTTP\/1\.1 502 Bad Gateway/);
  });
});
