import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/ — the credential steps.
describe('kubectl create secret', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('mkdir example_certs1');
    await s.ok(
      "openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example_certs1/example.com.key -out example_certs1/example.com.crt",
    );
  }, 60_000);
  afterAll(() => s.dispose());

  it('tls: stores the certificate and key the task made, base64-encoded, as kubernetes.io/tls', async () => {
    expect(
      await s.ok(
        'kubectl create -n istio-system secret tls httpbin-credential --key=example_certs1/example.com.key --cert=example_certs1/example.com.crt',
      ),
    ).toBe('secret/httpbin-credential created\n');
    expect(await s.ok('kubectl get secret -n istio-system httpbin-credential -o jsonpath={.type}')).toBe(
      'kubernetes.io/tls',
    );
    const crt = await s.ok(
      "kubectl get secret -n istio-system httpbin-credential -o jsonpath='{.data.tls\\.crt}' | base64 -d",
    );
    expect(crt).toBe(await s.ok('cat example_certs1/example.com.crt'));
  });

  it('generic: --from-file with and without a key, --from-literal; a missing file is refused', async () => {
    expect(
      await s.ok(
        'kubectl create secret generic mixed --from-file=ca.crt=example_certs1/example.com.crt --from-file=example_certs1/example.com.key --from-literal=user=jason',
      ),
    ).toBe('secret/mixed created\n');
    expect(await s.ok("kubectl get secret mixed -o jsonpath='{.data.user}' | base64 -d")).toBe('jason');
    expect(await s.ok("kubectl get secret mixed -o jsonpath='{.data}' | grep -o 'example.com.key'")).toBe(
      'example.com.key\n',
    );
    expect(
      await s.run('kubectl create secret tls nope --key=missing.key --cert=example_certs1/example.com.crt'),
    ).toMatchObject({ exitCode: 1, stderr: 'error: open missing.key: no such file or directory\n' });
  });
});
