import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authentication/authn-policy/ — the foo/bar/legacy matrix.
const MATRIX =
  'for from in "foo" "bar" "legacy"; do for to in "foo" "bar" "legacy"; do kubectl exec "$(kubectl get pod -l app=sleep -n ${from} -o jsonpath={.items..metadata.name})" -c sleep -n ${from} -- curl "http://httpbin.${to}:8000/ip" -s -o /dev/null -w "sleep.${from} to httpbin.${to}: %{http_code}\\n"; done; done';

describe('istio.io task: authentication policy (mutual TLS)', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 5 });
    await s.ok(`kubectl create ns foo
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo
kubectl apply -f <(istioctl kube-inject -f samples/sleep/sleep.yaml) -n foo
kubectl create ns bar
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n bar
kubectl apply -f <(istioctl kube-inject -f samples/sleep/sleep.yaml) -n bar
kubectl create ns legacy
kubectl apply -f samples/httpbin/httpbin.yaml -n legacy
kubectl apply -f samples/sleep/sleep.yaml -n legacy`);
  });
  afterAll(() => s.dispose());

  it('everything talks to everything while PERMISSIVE', async () => {
    const single = await s.ok(
      'kubectl exec "$(kubectl get pod -l app=sleep -n bar -o jsonpath={.items..metadata.name})" -c sleep -n bar -- curl http://httpbin.foo:8000/ip -s -o /dev/null -w "%{http_code}\\n"',
    );
    expect(single).toBe('200\n');
    const out = await s.run(MATRIX);
    expect(out.stdout).toBe(
      ['foo', 'bar', 'legacy']
        .flatMap((from) => ['foo', 'bar', 'legacy'].map((to) => `sleep.${from} to httpbin.${to}: 200\n`))
        .join(''),
    );
    expect((await s.run('kubectl get peerauthentication --all-namespaces')).stderr).toBe('No resources found\n');
  });

  it('auto mTLS: the server sees the client identity in X-Forwarded-Client-Cert', async () => {
    // The page's command greps one line; the page shows Python httpbin's flat JSON, while today's sample
    // (go-httpbin) prints each header as a list, so the value is on the next line.
    const xfcc = await s.ok(
      'kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -s | grep -A1 X-Forwarded-Client-Cert | sed \'s/Hash=[a-z0-9]*;/Hash=<redacted>;/\'',
    );
    expect(xfcc).toContain(
      'By=spiffe://cluster.local/ns/foo/sa/httpbin;Hash=<redacted>;Subject=\\"\\";URI=spiffe://cluster.local/ns/foo/sa/sleep',
    );
    const legacy = await s.run(
      'kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" -c sleep -n foo -- curl http://httpbin.legacy:8000/headers -s | grep X-Forwarded-Client-Cert',
    );
    expect(legacy.stdout).toBe('');
  });

  it("the client sidecar's route operation reaches only a server without a sidecar (X-Envoy-Decorator-Operation)", async () => {
    const curl = (host: string) =>
      `kubectl exec "$(kubectl get pod -l app=sleep -n foo -o jsonpath={.items..metadata.name})" -c sleep -n foo -- curl -s http://${host}:8000/headers`;
    // The server's sidecar takes the header as its span's operation and removes it.
    expect(await s.ok(curl('httpbin.foo'))).not.toContain('X-Envoy-Decorator-Operation');
    expect(await s.ok(curl('httpbin.legacy'))).toMatch(
      /"X-Envoy-Decorator-Operation": \[?\n?\s*"httpbin\.legacy\.svc\.cluster\.local:8000\/\*"/,
    );
  });

  it('mesh-wide STRICT: plaintext from legacy is reset (000, exit 56)', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "default"
  namespace: "istio-system"
spec:
  mtls:
    mode: STRICT
EOF`);
    const out = await s.run(MATRIX);
    expect(out.stdout).toContain('sleep.legacy to httpbin.foo: 000\n');
    expect(out.stdout).toContain('sleep.legacy to httpbin.bar: 000\n');
    expect(out.stdout).toContain('sleep.legacy to httpbin.legacy: 200\n');
    expect(out.stdout).toContain('sleep.foo to httpbin.bar: 200\n');
    expect(out.stderr).toBe('command terminated with exit code 56\ncommand terminated with exit code 56\n');
    await s.ok('kubectl delete peerauthentication -n istio-system default');
  });

  it('namespace-wide STRICT in foo only', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "default"
  namespace: "foo"
spec:
  mtls:
    mode: STRICT
EOF`);
    const out = await s.run(MATRIX);
    expect(out.stdout).toContain('sleep.legacy to httpbin.foo: 000\n');
    expect(out.stdout).toContain('sleep.legacy to httpbin.bar: 200\n');
  });

  it('workload STRICT in bar, then a DISABLE override in foo', async () => {
    await s.ok(`cat <<EOF | kubectl apply -n bar -f -
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "httpbin"
  namespace: "bar"
spec:
  selector:
    matchLabels:
      app: httpbin
  mtls:
    mode: STRICT
EOF`);
    expect((await s.run(MATRIX)).stdout).toContain('sleep.legacy to httpbin.bar: 000\n');
    await s.ok(`cat <<EOF | kubectl apply -n foo -f -
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "overwrite-example"
  namespace: "foo"
spec:
  selector:
    matchLabels:
      app: httpbin
  mtls:
    mode: DISABLE
EOF`);
    const out = await s.ok(
      'kubectl exec "$(kubectl get pod -l app=sleep -n legacy -o jsonpath={.items..metadata.name})" -c sleep -n legacy -- curl http://httpbin.foo:8000/ip -s -o /dev/null -w "%{http_code}\\n"',
    );
    expect(out).toBe('200\n');
  });
});
