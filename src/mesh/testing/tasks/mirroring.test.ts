import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

const deployment = (version: string): string => `cat <<EOF | istioctl kube-inject -f - | kubectl create -f -
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

// https://istio.io/latest/docs/tasks/traffic-management/mirroring/
// Verbatim, with the page's sleep client on tutum/curl.
describe('istio.io task: mirroring', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
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
    await s.ok(`cat <<EOF | istioctl kube-inject -f - | kubectl create -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleep
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sleep
  template:
    metadata:
      labels:
        app: sleep
    spec:
      containers:
      - name: sleep
        image: tutum/curl
        command: ["/bin/sleep","infinity"]
        imagePullPolicy: IfNotPresent
EOF`);
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
    - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
EOF`);
  });
  afterAll(() => s.dispose());

  it('default routing: only v1 logs the request', async () => {
    const headers = await s.ok(`export SLEEP_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})
kubectl exec "\${SLEEP_POD}" -c sleep -- curl -sS http://httpbin:8000/headers`);
    expect(headers).toContain('"Host": "httpbin:8000"');
    const v1 =
      await s.ok(`export V1_POD=$(kubectl get pod -l app=httpbin,version=v1 -o jsonpath={.items..metadata.name})
kubectl logs "$V1_POD" -c httpbin`);
    expect(v1).toMatch(/"GET \/headers HTTP\/1.1" 200/);
    const v2 =
      await s.ok(`export V2_POD=$(kubectl get pod -l app=httpbin,version=v2 -o jsonpath={.items..metadata.name})
kubectl logs "$V2_POD" -c httpbin`);
    expect(v2).not.toMatch(/GET \/headers/);
  });

  it('mirroring to v2: both log the request', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
    - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
    mirror:
      host: httpbin
      subset: v2
    mirrorPercent: 100
EOF`);
    await s.ok('kubectl exec "${SLEEP_POD}" -c sleep -- curl -sS http://httpbin:8000/headers');
    expect((await s.ok('kubectl logs "$V1_POD" -c httpbin')).match(/GET \/headers/g)?.length).toBe(2);
    expect((await s.ok('kubectl logs "$V2_POD" -c httpbin')).match(/GET \/headers/g)?.length).toBe(1);
  });
});
