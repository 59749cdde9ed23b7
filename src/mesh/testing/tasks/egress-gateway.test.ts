import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/ — the Istio-API tabs (HTTP, then
// HTTPS passed through by SNI). The demo profile installs istio-egressgateway.
const CURL = (scheme: string) =>
  `kubectl exec "$SOURCE_POD" -c sleep -- curl -sSL -o /dev/null -D - ${scheme}://edition.cnn.com/politics`;

const CLEANUP = `kubectl delete serviceentry cnn
kubectl delete gateway istio-egressgateway
kubectl delete virtualservice direct-cnn-through-egress-gateway
kubectl delete destinationrule egressgateway-for-cnn`;

describe('istio.io task: egress gateways', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok('export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})');
  });
  afterAll(() => s.dispose());

  it('the demo profile runs istio-egressgateway', async () => {
    expect(await s.ok('kubectl get pod -l istio=egressgateway -n istio-system')).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nistio-egressgateway-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 /,
    );
  });

  it('HTTP: the sidecar routes edition.cnn.com to the egress gateway, which calls the site', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: cnn
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
EOF`);
    await s.ok('sleep 2');
    const direct = await s.ok(CURL('http'));
    expect(direct).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(direct).toContain('location: https://edition.cnn.com/politics\r\n');
    expect(direct).toContain('\r\n\r\nHTTP/2 200 \r\ndate: ');
    expect(direct).toContain('content-type: text/html; charset=utf-8\r\n');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: istio-egressgateway
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - edition.cnn.com
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
EOF`);
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 100
  - match:
    - gateways:
      - istio-egressgateway
      port: 80
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 80
      weight: 100
EOF`);
    await s.ok('sleep 2');
    const through = await s.ok(CURL('http'));
    expect(through).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(through).toContain('\r\n\r\nHTTP/2 200 \r\n');
    const log = await s.ok('kubectl logs -l istio=egressgateway -c istio-proxy -n istio-system | tail');
    expect(log).toMatch(
      /"GET \/politics HTTP\/[\d.]+" 301 .* "edition\.cnn\.com" "[^"]+" outbound\|80\|\|edition\.cnn\.com /,
    );
    // curl -L's second hop (https, passed through as TCP) is logged after the HTTP request.
    const sidecar = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail -2');
    expect(sidecar).toMatch(/"- - -" 0 .* outbound\|443\|\|edition\.cnn\.com .* edition\.cnn\.com -\n$/);
    expect(sidecar).toContain('outbound|80|cnn|istio-egressgateway.istio-system.svc.cluster.local');
    await s.ok(CLEANUP);
  });

  it('HTTPS: a PASSTHROUGH server relays TLS by SNI; the mesh tls route sends it to the gateway', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: cnn
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 443
    name: tls
    protocol: TLS
  resolution: DNS
EOF`);
    await s.ok('sleep 2');
    expect(await s.ok(CURL('https'))).toMatch(/^HTTP\/2 200 \r\n/);
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: istio-egressgateway
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: 443
      name: tls
      protocol: TLS
    hosts:
    - edition.cnn.com
    tls:
      mode: PASSTHROUGH
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - mesh
  - istio-egressgateway
  tls:
  - match:
    - gateways:
      - mesh
      port: 443
      sniHosts:
      - edition.cnn.com
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 443
  - match:
    - gateways:
      - istio-egressgateway
      port: 443
      sniHosts:
      - edition.cnn.com
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 443
      weight: 100
EOF`);
    await s.ok('sleep 2');
    const out = await s.ok(CURL('https'));
    expect(out).toMatch(/^HTTP\/2 200 \r\n/);
    expect(out).toContain('content-type: text/html; charset=utf-8\r\n');
    // The gateway relays the TLS connection by SNI and logs it as a TCP connection to the site.
    const log = await s.ok('kubectl logs -l istio=egressgateway -n istio-system | tail');
    expect(log).toMatch(
      /\n\[[-\dT:.]+Z\] "- - -" 0 - - - "-" [1-9]\d* [1-9]\d* \d+ - "-" "-" "-" "-" "(\d+\.){3}\d+:443" outbound\|443\|\|edition\.cnn\.com (\d+\.){3}\d+:\d+ (\d+\.){3}\d+:8443 (\d+\.){3}\d+:\d+ edition\.cnn\.com -\n/,
    );
    const gateway = await s.ok('istioctl proxy-config listeners deploy/istio-egressgateway -n istio-system');
    expect(gateway).toMatch(/0\.0\.0\.0 +8443 +SNI: edition\.cnn\.com +Cluster: outbound\|443\|\|edition\.cnn\.com/);
    const stats = await s.ok('kubectl exec "$SOURCE_POD" -c istio-proxy -- pilot-agent request GET stats');
    expect(stats).toMatch(
      /cluster\.outbound\|443\|cnn\|istio-egressgateway\.istio-system\.svc\.cluster\.local\.upstream_cx_total: [1-9]/,
    );
    await s.ok(CLEANUP);
  });
});
