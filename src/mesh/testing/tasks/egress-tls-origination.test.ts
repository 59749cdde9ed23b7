import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/egress/egress-tls-origination/ — TLS origination for
// egress traffic (the mutual-TLS part needs an nginx in mesh-external, not simulated yet).
const CURL_POLITICS = (scheme: string) =>
  `kubectl exec "\${SOURCE_POD}" -c sleep -- curl -sSL -o /dev/null -D - ${scheme}://edition.cnn.com/politics`;

describe('istio.io task: egress TLS origination', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=ready pod -l app=sleep --timeout=120s');
    await s.ok('export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})');
  });
  afterAll(() => s.dispose());

  it('without origination, http is redirected to https and curl -L follows (301, then HTTP/2 200)', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: edition-cnn-com
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
  - number: 443
    name: https-port
    protocol: HTTPS
  resolution: DNS
EOF`);
    await s.ok('sleep 2');
    const out = await s.ok(CURL_POLITICS('http'));
    expect(out).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n/);
    expect(out).toContain('location: https://edition.cnn.com/politics\r\n');
    expect(out).toMatch(/\r\n\r\nHTTP\/2 200 \r\n/);
  });

  it('a DestinationRule with tls SIMPLE on port 80 makes the sidecar originate TLS: 200 with no redirect', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: edition-cnn-com
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
    targetPort: 443
  - number: 443
    name: https-port
    protocol: HTTPS
  resolution: DNS
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: edition-cnn-com
spec:
  host: edition.cnn.com
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: SIMPLE # initiates HTTPS when accessing edition.cnn.com
EOF`);
    await s.ok('sleep 2');
    const http = await s.ok(CURL_POLITICS('http'));
    expect(http).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(http).not.toContain('301');
    const https = await s.ok(CURL_POLITICS('https'));
    expect(https).toMatch(/^HTTP\/2 200 \r\n/);
    const log = await s.ok('kubectl logs "$SOURCE_POD" -c istio-proxy | tail -2');
    expect(log).toMatch(/"GET \/politics HTTP\/1\.1" 200 .* outbound\|80\|\|edition\.cnn\.com /);
  });

  it('cleanup', async () => {
    await s.ok(`kubectl delete serviceentry edition-cnn-com
kubectl delete destinationrule edition-cnn-com`);
    await s.ok(`kubectl delete service sleep
kubectl delete deployment sleep`);
  });
});
