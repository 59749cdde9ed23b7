import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authorization/authz-tcp/ (Istio API; the page has no Gateway API tab)
describe('istio.io task: authorization for TCP traffic', () => {
  let s: MeshSession;
  const SLEEP =
    'kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" \\\n    -c sleep -n foo -- sh -c \\\n    ';
  const check = (port: 9000 | 9001): string =>
    `${SLEEP}'echo "port ${port}" | nc tcp-echo ${port}' | grep "hello" && echo 'connection succeeded' || echo 'connection rejected'`;
  const check9002 = `${SLEEP}"echo \\"port 9002\\" | nc $TCP_ECHO_IP 9002" | grep "hello" && echo 'connection succeeded' || echo 'connection rejected'`;
  const SUCCEEDED = (port: number): string => `hello port ${port}\nconnection succeeded\n`;
  const REJECTED = 'connection rejected\n';
  const policy = (action: 'ALLOW' | 'DENY', operation: string): string => `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: tcp-policy
  namespace: foo
spec:
  selector:
    matchLabels:
      app: tcp-echo
  action: ${action}
  rules:
  - to:
    - operation:
${operation}
EOF`;

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
  });
  afterAll(() => s.dispose());

  it('before you begin: every port answers', async () => {
    await s.ok('kubectl create ns foo');
    await s.ok('kubectl apply -f <(istioctl kube-inject -f samples/tcp-echo/tcp-echo.yaml) -n foo');
    await s.ok('kubectl apply -f <(istioctl kube-inject -f samples/sleep/sleep.yaml) -n foo');
    await s.ok('kubectl wait --for=condition=ready pod --all -n foo');
    expect(await s.ok(check(9000))).toBe(SUCCEEDED(9000));
    expect(await s.ok(check(9001))).toBe(SUCCEEDED(9001));
    await s.ok(
      'TCP_ECHO_IP=$(kubectl get pod "$(kubectl get pod -l app=tcp-echo -n foo -o jsonpath={.items..metadata.name})" -n foo -o jsonpath="{.status.podIP}")',
    );
    expect(await s.ok(check9002)).toBe(SUCCEEDED(9002));
  });

  it('ALLOW ports 9000 and 9001: 9002 (passthrough) is rejected', async () => {
    expect(await s.ok(policy('ALLOW', '        ports: ["9000", "9001"]'))).toBe(
      'authorizationpolicy.security.istio.io/tcp-policy created\n',
    );
    expect(await s.ok(check(9000))).toBe(SUCCEEDED(9000));
    expect(await s.ok(check(9001))).toBe(SUCCEEDED(9001));
    expect(await s.ok(check9002)).toBe(REJECTED);
  });

  it('ALLOW with an HTTP-only field (methods) matches no TCP connection', async () => {
    await s.ok(policy('ALLOW', '        methods: ["GET"]\n        ports: ["9000"]'));
    expect(await s.ok(check(9000))).toBe(REJECTED);
    expect(await s.ok(check(9001))).toBe(REJECTED);
  });

  it('DENY with only an HTTP-only field denies every TCP connection', async () => {
    await s.ok(policy('DENY', '        methods: ["GET"]'));
    expect(await s.ok(check(9000))).toBe(REJECTED);
    expect(await s.ok(check(9001))).toBe(REJECTED);
  });

  it('DENY methods GET on port 9000 denies 9000 only', async () => {
    await s.ok(policy('DENY', '        methods: ["GET"]\n        ports: ["9000"]'));
    expect(await s.ok(check(9000))).toBe(REJECTED);
    expect(await s.ok(check(9001))).toBe(SUCCEEDED(9001));
    const stats = await s.ok('kubectl exec deploy/tcp-echo -n foo -c istio-proxy -- pilot-agent request GET stats');
    expect(stats).toMatch(/^tcp\.rbac\.denied: [1-9]\d*$/m);
  });

  it('cleans up', async () => {
    expect(await s.ok('kubectl delete namespace foo')).toBe('namespace "foo" deleted\n');
  });
});
