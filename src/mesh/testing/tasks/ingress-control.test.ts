import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/ — the Istio APIs tab, on a
// cluster whose load balancer has a host name (NKS, like AWS's ELB): the page's host-name variant.
describe('istio.io task: ingress gateways', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
  });
  afterAll(() => s.dispose());

  it('configures ingress with a Gateway and a VirtualService', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway # use Istio default gateway implementation
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "httpbin.example.com"
EOF`),
    ).toBe('gateway.networking.istio.io/httpbin-gateway created\n');
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "httpbin.example.com"
  gateways:
  - httpbin-gateway
  http:
  - match:
    - uri:
        prefix: /status
    - uri:
        prefix: /delay
    route:
    - destination:
        port:
          number: 8000
        host: httpbin
EOF`),
    ).toBe('virtualservice.networking.istio.io/httpbin created\n');
  });

  it('finds the ingress address: no IP on a host-name load balancer, the host name instead, and the ports', async () => {
    const svc = await s.ok('kubectl get svc istio-ingressgateway -n istio-system');
    expect(svc).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
    expect(svc).toMatch(/\nistio-ingressgateway\s+LoadBalancer\s+\d+\.\d+\.\d+\.\d+\s+\S+\.\S+\s+\S+\s+\S+\n$/);
    await s.ok(`export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].port}')
export SECURE_INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="https")].port}')
export TCP_INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="tcp")].port}')`);
    expect(await s.ok('echo "[$INGRESS_HOST] $INGRESS_PORT $SECURE_INGRESS_PORT $TCP_INGRESS_PORT"')).toBe(
      '[] 80 443 31400\n',
    );
    await s.ok(
      "export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
    expect(await s.ok('echo "$INGRESS_HOST"')).toMatch(/^[a-z0-9.-]+\.[a-z]+\n$/);
  });

  it('routes /status through the gateway and answers 404 for a path no route matches', async () => {
    const ok = await s.ok('curl -s -I -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200"');
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK\r?\n/);
    expect(ok).toMatch(/\nserver: istio-envoy\r?\n/);
    const missing = await s.ok('curl -s -I -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/headers"');
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r?\n/);
    // A host the Gateway does not serve finds no virtual host either.
    const other = await s.ok(
      'curl -s -o /dev/null -w "%{http_code}\\n" -HHost:other.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200"',
    );
    expect(other).toBe('404\n');
  });

  it('serves any host to a browser with a "*" Gateway and VirtualService', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway # use Istio default gateway implementation
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "*"
  gateways:
  - httpbin-gateway
  http:
  - match:
    - uri:
        prefix: /headers
    route:
    - destination:
        port:
          number: 8000
        host: httpbin
EOF`);
    const headers = await s.ok('curl -s "http://$INGRESS_HOST:$INGRESS_PORT/headers"');
    expect(headers).toContain('"Host"');
    const visit = await s.visit({
      method: 'GET',
      url: `http://${(await s.ok('echo -n "$INGRESS_HOST"')).trim()}/headers`,
      cookies: '',
      language: 'en',
    });
    expect(visit.ok && visit.status).toBe(200);
  });

  it('troubleshooting lists the services, the gateways and no Ingress', async () => {
    const out = await s.ok(
      'kubectl get svc -n istio-system\necho "INGRESS_HOST=$INGRESS_HOST, INGRESS_PORT=$INGRESS_PORT"',
    );
    expect(out).toContain('istio-ingressgateway');
    expect(out).toMatch(/INGRESS_HOST=\S+\.\S+, INGRESS_PORT=80\n$/);
    expect(await s.ok('kubectl get gateway --all-namespaces')).toMatch(/\ndefault\s+httpbin-gateway\s+\S+\n$/);
    expect((await s.run('kubectl get ingress --all-namespaces')).stderr).toBe('No resources found\n');
  });

  it('cleans up', async () => {
    expect(
      await s.ok(`kubectl delete gateway httpbin-gateway
kubectl delete virtualservice httpbin
kubectl delete --ignore-not-found=true -f samples/httpbin/httpbin.yaml`),
    ).toBe(
      'gateway.networking.istio.io "httpbin-gateway" deleted\nvirtualservice.networking.istio.io "httpbin" deleted\nserviceaccount "httpbin" deleted\nservice "httpbin" deleted\ndeployment.apps "httpbin" deleted\n',
    );
    const uninstall = await s.run('istioctl uninstall -y --purge');
    expect(uninstall.exitCode).toBe(0);
  });
});
