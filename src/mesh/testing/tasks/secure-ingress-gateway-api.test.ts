import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/ — the Gateway API tab of
// "Configure a TLS ingress gateway for a single host": a Gateway in istio-system terminating TLS with the
// httpbin-credential Secret, an HTTPRoute in default that its listener admits by namespace label.
describe('istio.io task: secure gateways (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
    await s.ok('istioctl install --set profile=minimal -y');
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok(`mkdir example_certs1
openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example_certs1/example.com.key -out example_certs1/example.com.crt
openssl req -out example_certs1/httpbin.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs1/httpbin.example.com.key -subj "/CN=httpbin.example.com/O=httpbin organization"
openssl x509 -req -sha256 -days 365 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 0 -in example_certs1/httpbin.example.com.csr -out example_certs1/httpbin.example.com.crt`);
  });
  afterAll(() => s.dispose());

  it('terminates TLS at the Gateway with the Secret its listener names, and routes to httpbin', async () => {
    await s.ok(`kubectl create -n istio-system secret tls httpbin-credential \\
  --key=example_certs1/httpbin.example.com.key \\
  --cert=example_certs1/httpbin.example.com.crt`);
    expect(
      await s.ok(`cat <<EOF | kubectl apply -f -
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: mygateway
  namespace: istio-system
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    hostname: "httpbin.example.com"
    port: 443
    protocol: HTTPS
    tls:
      mode: Terminate
      certificateRefs:
      - name: httpbin-credential
    allowedRoutes:
      namespaces:
        from: Selector
        selector:
          matchLabels:
            kubernetes.io/metadata.name: default
EOF`),
    ).toBe('gateway.gateway.networking.k8s.io/mygateway created\n');
    expect(await s.ok('kubectl wait --for=condition=programmed gtw mygateway -n istio-system')).toBe(
      'gateway.gateway.networking.k8s.io/mygateway condition met\n',
    );
    await s.ok(`cat <<EOF | kubectl apply -f -
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - name: mygateway
    namespace: istio-system
  hostnames: ["httpbin.example.com"]
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /status
    - path:
        type: PathPrefix
        value: /delay
    backendRefs:
    - name: httpbin
      port: 8000
EOF`);
    await s.ok(`export INGRESS_HOST=$(kubectl get gtw mygateway -n istio-system -o jsonpath='{.status.addresses[0].value}')
export SECURE_INGRESS_PORT=$(kubectl get gtw mygateway -n istio-system -o jsonpath='{.spec.listeners[?(@.name=="https")].port}')`);
    expect(await s.ok('echo "$SECURE_INGRESS_PORT"')).toBe('443\n');
    expect(
      await s.ok("kubectl get gtw mygateway -n istio-system -o jsonpath='{.status.listeners[0].attachedRoutes}'"),
    ).toBe('1');
    await s.ok('sleep 2');
    const out =
      await s.run(`curl -v -HHost:httpbin.example.com --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" \\
  --cacert example_certs1/example.com.crt "https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"`);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('-=[ teapot ]=-');
    expect(out.stderr).toContain('* ALPN: server accepted h2\n');
    expect(out.stderr).toMatch(/< HTTP\/2 418/);
  });

  it('cleans up the Gateway, its deployment and the route', async () => {
    expect(
      await s.ok(`kubectl delete -n istio-system gtw mygateway
kubectl delete httproute httpbin`),
    ).toBe(
      'gateway.gateway.networking.k8s.io "mygateway" deleted\nhttproute.gateway.networking.k8s.io "httpbin" deleted\n',
    );
    await s.ok('sleep 2');
    expect((await s.run('kubectl get svc mygateway-istio -n istio-system')).exitCode).toBe(1);
  });
});
