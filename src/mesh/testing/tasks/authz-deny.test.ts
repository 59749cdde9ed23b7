import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authorization/authz-deny/ — every command as the page prints it.
const FROM_SLEEP =
  'kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" -c sleep -n foo -- curl';

describe('istio.io task: explicit deny', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl create ns foo
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo
kubectl apply -f <(istioctl kube-inject -f samples/sleep/sleep.yaml) -n foo`);
  });
  afterAll(() => s.dispose());

  const code = (args: string) => s.ok(`${FROM_SLEEP} ${args}`);

  it('reaches httpbin before any policy', async () => {
    expect(await code('http://httpbin.foo:8000/ip -sS -o /dev/null -w "%{http_code}\\n"')).toBe('200\n');
  });

  it('denies GET and lets POST through', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-method-get
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["GET"]
EOF`);
    expect(await code('"http://httpbin.foo:8000/get" -X GET -sS -o /dev/null -w "%{http_code}\\n"')).toBe('403\n');
    expect(await code('"http://httpbin.foo:8000/post" -X POST -sS -o /dev/null -w "%{http_code}\\n"')).toBe('200\n');
  });

  it('denies GET only when x-token is not admin', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-method-get
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["GET"]
    when:
    - key: request.headers[x-token]
      notValues: ["admin"]
EOF`);
    expect(
      await code('"http://httpbin.foo:8000/get" -X GET -H "x-token: admin" -sS -o /dev/null -w "%{http_code}\\n"'),
    ).toBe('200\n');
    expect(
      await code('"http://httpbin.foo:8000/get" -X GET -H "x-token: guest" -sS -o /dev/null -w "%{http_code}\\n"'),
    ).toBe('403\n');
  });

  it('an ALLOW policy for /ip: DENY is evaluated first, then only /ip is allowed', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-path-ip
  namespace: foo
spec:
  selector:
    matchLabels:
      app: httpbin
  action: ALLOW
  rules:
  - to:
    - operation:
        paths: ["/ip"]
EOF`);
    expect(
      await code('"http://httpbin.foo:8000/ip" -X GET -H "x-token: guest" -s -o /dev/null -w "%{http_code}\\n"'),
    ).toBe('403\n');
    expect(
      await code('"http://httpbin.foo:8000/ip" -X GET -H "x-token: admin" -s -o /dev/null -w "%{http_code}\\n"'),
    ).toBe('200\n');
    expect(
      await code('"http://httpbin.foo:8000/get" -X GET -H "x-token: admin" -s -o /dev/null -w "%{http_code}\\n"'),
    ).toBe('403\n');
  });

  it('cleans up', async () => {
    expect(await s.ok('kubectl delete namespace foo')).toBe('namespace "foo" deleted\n');
  });
});
