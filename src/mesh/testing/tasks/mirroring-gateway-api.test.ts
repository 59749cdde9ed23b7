import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

const deployment = (version: string): string => `kubectl create -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpbin-${version}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: httpbin
      version: ${version}
  template:
    metadata:
      labels:
        app: httpbin
        version: ${version}
    spec:
      containers:
      - image: docker.io/kennethreitz/httpbin
        imagePullPolicy: IfNotPresent
        name: httpbin
        command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]
        ports:
        - containerPort: 80
EOF`;

// https://istio.io/latest/docs/tasks/traffic-management/mirroring/ — the Gateway API tab: one Service per httpbin
// version, an HTTPRoute on the httpbin Service for mesh traffic, then its RequestMirror filter. The default
// namespace is injected (the page's installation), so the deployments get sidecars without kube-inject.
describe('istio.io task: mirroring (Gateway API)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok(`kubectl get crd gateways.gateway.networking.k8s.io &> /dev/null || \\
  { kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -; }`);
    expect(await s.ok(deployment('v1'))).toBe('deployment.apps/httpbin-v1 created\n');
    await s.ok(deployment('v2'));
    await s.ok(`kubectl create -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: httpbin
  labels:
    app: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: httpbin
EOF`);
    await s.ok(`cat <<EOF | kubectl create -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: curl
spec:
  replicas: 1
  selector:
    matchLabels:
      app: curl
  template:
    metadata:
      labels:
        app: curl
    spec:
      containers:
      - name: curl
        image: curlimages/curl
        command: ["/bin/sleep","3650d"]
        imagePullPolicy: IfNotPresent
EOF`);
    await s.ok('kubectl wait --for=condition=available deploy/curl deploy/httpbin-v1 deploy/httpbin-v2');
  });
  afterAll(() => s.dispose());

  it('default routing by an HTTPRoute to httpbin-v1: only v1 logs the request', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: httpbin-v1
spec:
  ports:
  - port: 80
    name: http
  selector:
    app: httpbin
    version: v1
---
apiVersion: v1
kind: Service
metadata:
  name: httpbin-v2
spec:
  ports:
  - port: 80
    name: http
  selector:
    app: httpbin
    version: v2
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: httpbin
    port: 8000
  rules:
  - backendRefs:
    - name: httpbin-v1
      port: 80
EOF`),
    ).toBe(
      'service/httpbin-v1 created\nservice/httpbin-v2 created\nhttproute.gateway.networking.k8s.io/httpbin created\n',
    );
    await s.ok('sleep 1');
    const headers = await s.ok('kubectl exec deploy/curl -c curl -- curl -sS http://httpbin:8000/headers');
    expect(headers).toContain('"Host": "httpbin:8000"');
    expect(await s.ok('kubectl logs deploy/httpbin-v1 -c httpbin')).toMatch(/"GET \/headers HTTP\/1.1" 200/);
    expect(await s.ok('kubectl logs deploy/httpbin-v2 -c httpbin')).not.toMatch(/GET \/headers/);
  });

  it('the RequestMirror filter: v1 answers, v2 logs the mirrored copy', async () => {
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: httpbin
    port: 8000
  rules:
  - filters:
    - type: RequestMirror
      requestMirror:
        backendRef:
          name: httpbin-v2
          port: 80
    backendRefs:
    - name: httpbin-v1
      port: 80
EOF`),
    ).toBe('httproute.gateway.networking.k8s.io/httpbin configured\n');
    await s.ok('sleep 1');
    await s.ok('kubectl exec deploy/curl -c curl -- curl -sS http://httpbin:8000/headers');
    await s.ok('sleep 1');
    expect((await s.ok('kubectl logs deploy/httpbin-v1 -c httpbin')).match(/GET \/headers/g)?.length).toBe(2);
    expect((await s.ok('kubectl logs deploy/httpbin-v2 -c httpbin')).match(/GET \/headers/g)?.length).toBe(1);
  });

  it('cleanup', async () => {
    expect(
      await s.ok(`kubectl delete httproute httpbin
kubectl delete svc httpbin-v1 httpbin-v2`),
    ).toBe(
      'httproute.gateway.networking.k8s.io "httpbin" deleted\nservice "httpbin-v1" deleted\nservice "httpbin-v2" deleted\n',
    );
    expect(
      await s.ok(`kubectl delete deploy httpbin-v1 httpbin-v2 curl
kubectl delete svc httpbin`),
    ).toContain('service "httpbin" deleted\n');
  });
});
