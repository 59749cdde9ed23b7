import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/ — the Gateway API tab: the CRDs
// installed as the page installs them, Istio's minimal profile, and a gateway istiod deploys for the Gateway.
// On NKS the gateway's load balancer has a host name, which the Gateway reports as its address.
describe('istio.io task: ingress gateways (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
    await s.ok('istioctl install --set profile=minimal -y');
  });
  afterAll(() => s.dispose());

  it('installs the Gateway API CRDs when they are missing, and istiod adds its GatewayClasses', async () => {
    const install = await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    expect(install).toContain(
      'customresourcedefinition.apiextensions.k8s.io/gateways.gateway.networking.k8s.io created\n',
    );
    expect(install).toContain(
      'customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io created\n',
    );
    // A second run finds the CRD and installs nothing.
    expect(
      await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`),
    ).toBe('');
    await s.ok('sleep 1');
    const classes = await s.ok('kubectl get gc');
    expect(classes).toMatch(/^NAME\s+CONTROLLER\s+ACCEPTED\s+AGE\n/);
    expect(classes).toMatch(/\nistio\s+istio\.io\/gateway-controller\s+True\s+\S+\n/);
    expect(classes).toMatch(/\nistio-remote\s+istio\.io\/unmanaged-gateway\s+True\s+\S+\n/);
  });

  it('deploys httpbin and a Gateway that istiod provisions, then waits until it is programmed', async () => {
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    hostname: "httpbin.example.com"
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: Same
EOF`),
    ).toBe('gateway.gateway.networking.k8s.io/httpbin-gateway created\n');
    expect(await s.ok('kubectl wait --for=condition=programmed gtw httpbin-gateway')).toBe(
      'gateway.gateway.networking.k8s.io/httpbin-gateway condition met\n',
    );
    const svc = await s.ok('kubectl get svc httpbin-gateway-istio');
    expect(svc).toMatch(
      /\nhttpbin-gateway-istio\s+LoadBalancer\s+\S+\s+\S+\.kr\.lb\.naverncp\.com\s+15021:\d+\/TCP,80:\d+\/TCP\s/,
    );
    expect(
      await s.ok(
        "kubectl get pods -l gateway.networking.k8s.io/gateway-name=httpbin-gateway -o jsonpath='{.items[0].status.phase}'",
      ),
    ).toBe('Running');
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - name: httpbin-gateway
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
EOF`),
    ).toBe('httproute.gateway.networking.k8s.io/httpbin created\n');
  });

  it('reads the address (a host name on NKS) and port from the Gateway', async () => {
    await s.ok(`export INGRESS_HOST=$(kubectl get gtw httpbin-gateway -o jsonpath='{.status.addresses[0].value}')
export INGRESS_PORT=$(kubectl get gtw httpbin-gateway -o jsonpath='{.spec.listeners[?(@.name=="http")].port}')`);
    expect(await s.ok('echo "$INGRESS_HOST $INGRESS_PORT"')).toMatch(/^\S+\.kr\.lb\.naverncp\.com 80\n$/);
    const gtw = await s.ok('kubectl get gtw');
    expect(gtw).toMatch(/^NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE\n/);
    expect(gtw).toMatch(/\nhttpbin-gateway\s+istio\s+\S+\.kr\.lb\.naverncp\.com\s+True\s+\S+\n$/);
  });

  it('routes /status through the provisioned gateway and answers 404 elsewhere', async () => {
    const ok = await s.ok('curl -s -I -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200"');
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK\r?\n/);
    expect(ok).toMatch(/\nserver: istio-envoy\r?\n/);
    const missing = await s.ok('curl -s -I -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/headers"');
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r?\n/);
    // The route is the Gateway's alone: there is no istio-ingressgateway in the minimal profile.
    expect((await s.run('kubectl get svc istio-ingressgateway -n istio-system')).exitCode).toBe(1);
    const status = await s.ok("kubectl get httproute httpbin -o jsonpath='{.status.parents[0].conditions[*].type}'");
    expect(status).toBe('Accepted ResolvedRefs');
  });

  it('serves any host once the host names are removed', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: Same
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - name: httpbin-gateway
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /headers
    backendRefs:
    - name: httpbin
      port: 8000
EOF`);
    await s.ok('sleep 1');
    expect(await s.ok('curl -s "http://$INGRESS_HOST:$INGRESS_PORT/headers"')).toContain('"Host"');
  });

  it('cleans up: deleting the Gateway deletes its deployment and service', async () => {
    expect(
      await s.ok(`kubectl delete httproute httpbin
kubectl delete gtw httpbin-gateway
kubectl delete --ignore-not-found=true -f samples/httpbin/httpbin.yaml`),
    ).toBe(
      'httproute.gateway.networking.k8s.io "httpbin" deleted\ngateway.gateway.networking.k8s.io "httpbin-gateway" deleted\n' +
        'serviceaccount "httpbin" deleted\nservice "httpbin" deleted\ndeployment.apps "httpbin" deleted\n',
    );
    await s.ok('sleep 2');
    expect((await s.run('kubectl get deploy,svc httpbin-gateway-istio')).stderr).toMatch(/not found/);
  });
});
