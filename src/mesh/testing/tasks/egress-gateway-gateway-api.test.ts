import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/ — the Gateway API tab for HTTP: an
// egress Gateway in the application's namespace (a ClusterIP Service), a mesh route whose parent is the cnn
// ServiceEntry sending edition.cnn.com to that gateway, and a route on the gateway to the external host.
const CURL = (scheme: string) =>
  `kubectl exec "$SOURCE_POD" -c sleep -- curl -sSL -o /dev/null -D - ${scheme}://edition.cnn.com/politics`;

describe('istio.io task: egress gateways (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok('export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})');
  });
  afterAll(() => s.dispose());

  it('HTTP: the sidecar sends edition.cnn.com to the Gateway API egress gateway, which calls the site', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
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
    expect(await s.ok(CURL('http'))).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: cnn-egress-gateway
  annotations:
    networking.istio.io/service-type: ClusterIP
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    hostname: edition.cnn.com
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: Same
EOF`),
    ).toBe('gateway.gateway.networking.k8s.io/cnn-egress-gateway created\n');
    await s.ok('kubectl wait --for=condition=programmed gtw cnn-egress-gateway');
    expect(await s.ok('kubectl get svc cnn-egress-gateway-istio')).toMatch(
      /\ncnn-egress-gateway-istio +ClusterIP +[\d.]+ +<none> +15021\/TCP,80\/TCP /,
    );
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: direct-cnn-to-egress-gateway
spec:
  parentRefs:
  - kind: ServiceEntry
    group: networking.istio.io
    name: cnn
  rules:
  - backendRefs:
    - name: cnn-egress-gateway-istio
      port: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: forward-cnn-from-egress-gateway
spec:
  parentRefs:
  - name: cnn-egress-gateway
  hostnames:
  - edition.cnn.com
  rules:
  - backendRefs:
    - kind: Hostname
      group: networking.istio.io
      name: edition.cnn.com
      port: 80
EOF`),
    ).toBe(
      'httproute.gateway.networking.k8s.io/direct-cnn-to-egress-gateway created\nhttproute.gateway.networking.k8s.io/forward-cnn-from-egress-gateway created\n',
    );
    await s.ok('sleep 2');
    const through = await s.ok(CURL('http'));
    expect(through).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(through).toContain('location: https://edition.cnn.com/politics\r\n');
    expect(through).toContain('\r\n\r\nHTTP/2 200 \r\n');
    const log = await s.ok(
      'kubectl logs -l gateway.networking.k8s.io/gateway-name=cnn-egress-gateway -c istio-proxy | tail',
    );
    expect(log).toMatch(
      /"GET \/politics HTTP\/1\.1" 301 .* "edition\.cnn\.com" "[^"]+" outbound\|80\|\|edition\.cnn\.com .* default\.forward-cnn-from-egress-gateway\.0\n$/,
    );
    const sidecar = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail -2');
    expect(sidecar).toContain('outbound|80||cnn-egress-gateway-istio.default.svc.cluster.local');
  });

  it("the gateway's workload identity is its own service account in default", async () => {
    const san = await s.ok(
      `istioctl pc secret "$(kubectl get pod -l gateway.networking.k8s.io/gateway-name=cnn-egress-gateway -o jsonpath='{.items[0].metadata.name}')" -ojson | jq '[.dynamicActiveSecrets[] | select(.name == "default")][0].secret.tlsCertificate.certificateChain.inlineBytes' -r | base64 -d | openssl x509 -text -noout | grep 'Subject Alternative Name' -A 1`,
    );
    expect(san).toBe(
      '            X509v3 Subject Alternative Name: critical\n                URI:spiffe://cluster.local/ns/default/sa/cnn-egress-gateway-istio\n',
    );
  });

  it('cleanup: the sidecar goes straight out again', async () => {
    expect(
      await s.ok(`kubectl delete serviceentry cnn
kubectl delete gtw cnn-egress-gateway
kubectl delete httproute direct-cnn-to-egress-gateway
kubectl delete httproute forward-cnn-from-egress-gateway`),
    ).toBe(
      [
        'serviceentry.networking.istio.io "cnn" deleted',
        'gateway.gateway.networking.k8s.io "cnn-egress-gateway" deleted',
        'httproute.gateway.networking.k8s.io "direct-cnn-to-egress-gateway" deleted',
        'httproute.gateway.networking.k8s.io "forward-cnn-from-egress-gateway" deleted',
        '',
      ].join('\n'),
    );
    await s.ok('sleep 2');
    expect(await s.ok('kubectl get svc')).not.toContain('cnn-egress-gateway-istio');
  });
});
