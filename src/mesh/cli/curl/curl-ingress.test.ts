import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// The curl lines of istio.io's ingress tasks (ingress-control, secure-ingress): a Host header the gateway routes
// by, --resolve, retries on the cluster's clock, and curl's exit codes.
describe('curl as the ingress tasks use it', () => {
  let s: MeshSession;
  const run = (line: string) => s.shell.run(line);
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "httpbin.example.com"
---
apiVersion: networking.istio.io/v1
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
EOF
export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')
export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].port}')
export INGRESS_IP=$(curl -s -o /dev/null -w '%{remote_ip}' http://$INGRESS_HOST/)`);
  });
  afterAll(() => s.dispose());

  it('routes by the Host header, however -H is written', async () => {
    const code = '-s -o /dev/null -w "%{http_code}\\n"';
    expect(
      (await run(`curl ${code} -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200"`)).stdout,
    ).toBe('200\n');
    expect(
      (await run(`curl ${code} -H "Host: httpbin.example.com" "http://$INGRESS_HOST:$INGRESS_PORT/status/418"`)).stdout,
    ).toBe('418\n');
    expect(
      (await run(`curl ${code} --header 'host:httpbin.example.com' "http://$INGRESS_HOST/status/200"`)).stdout,
    ).toBe('200\n');
    expect((await run(`curl ${code} "http://$INGRESS_HOST:$INGRESS_PORT/status/200"`)).stdout).toBe('404\n');
  });

  it('-I prints the head the task page shows', async () => {
    const out = await s.ok('curl -s -I -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200"');
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(out).toContain('server: istio-envoy\r\n');
  });

  it('--resolve connects to the given address and sends the URL host as Host', async () => {
    const out = await run(
      'curl -s -v -o /dev/null -w "%{http_code}\\n" --resolve "httpbin.example.com:$INGRESS_PORT:$INGRESS_IP" "http://httpbin.example.com:$INGRESS_PORT/status/200"',
    );
    expect(out.stdout).toBe('200\n');
    expect(out.stderr).toMatch(
      /^\* Added httpbin\.example\.com:80:[\d.]+ to DNS cache\n\* Hostname httpbin\.example\.com was found in DNS cache\n\* {3}Trying [\d.]+:80\.\.\.\n\* Connected to httpbin\.example\.com \([\d.]+\) port 80\n> GET \/status\/200 HTTP\/1\.1\n> Host: httpbin\.example\.com\n/,
    );
    expect((await run('curl -s --resolve nonsense http://x/')).exitCode).toBe(49);
  });

  it("curl's exit codes and messages: 6, 7, 28", async () => {
    expect(await run('curl http://no-such-host.example/')).toMatchObject({
      exitCode: 6,
      stderr: 'curl: (6) Could not resolve host: no-such-host.example\n',
    });
    const refused = await run('curl -v http://$INGRESS_IP:8081/');
    expect(refused.exitCode).toBe(7);
    expect(refused.stderr).toMatch(
      /\* {3}Trying [\d.]+:8081\.\.\.\n\* Failed to connect to [\d.]+ port 8081 after \d+ ms: Couldn't connect to server\n\* Closing connection\ncurl: \(7\) /,
    );
    expect(await run('curl -sS -m 1 -HHost:httpbin.example.com http://$INGRESS_HOST/delay/5')).toMatchObject({
      exitCode: 28,
      stderr: 'curl: (28) Operation timed out after 1000 milliseconds with 0 bytes received\n',
    });
  });

  it('--retry-connrefused retries a refused connection, backing off 1 s then 2 s on the cluster clock', async () => {
    const before = s.cluster.clock.now();
    const out = await run('curl -S --retry 2 --retry-connrefused http://$INGRESS_IP:8081/');
    expect(s.cluster.clock.now() - before).toBeGreaterThanOrEqual(3000);
    expect(out.exitCode).toBe(7);
    const lines = out.stderr.split('\n').map((l) => l.replace(/after \d+ ms/, 'after N ms'));
    const refused = expect.stringMatching(/^curl: \(7\) Failed to connect to [\d.]+ port 8081 after N ms/);
    expect(lines).toEqual([
      refused,
      'Warning: Problem : connection refused. Will retry in 1 second. 2 retries left.',
      refused,
      'Warning: Problem : connection refused. Will retry in 2 seconds. 1 retry left.',
      refused,
      '',
    ]);
    // Without --retry-connrefused a refused connection is not transient.
    expect((await run('curl -s --retry 3 http://$INGRESS_IP:8081/')).stderr).toBe('');
  });

  it('--retry retries transient HTTP statuses, --retry-delay fixes the wait, -w prints once', async () => {
    const before = s.cluster.clock.now();
    const out = await run(
      'curl -s -o /dev/null -w "%{http_code}\\n" --retry 3 --retry-delay 5 -HHost:httpbin.example.com http://$INGRESS_HOST/status/503',
    );
    expect(s.cluster.clock.now() - before).toBeGreaterThanOrEqual(15_000);
    expect(out).toMatchObject({ stdout: '503\n', stderr: '', exitCode: 0 });
    const shown = await run('curl -o /dev/null --retry 1 -HHost:httpbin.example.com http://$INGRESS_HOST/status/503');
    expect(shown.stderr).toBe('Warning: Problem : HTTP error. Will retry in 1 second. 1 retry left.\n');
  });

  it('--retry-max-time stops retrying once that much cluster time has passed', async () => {
    const out = await run('curl --retry 10 --retry-max-time 4 --retry-connrefused http://$INGRESS_IP:8081/');
    // curl checks the limit when an attempt fails: at 0 s, 1 s and 3 s it waits again (1, 2, 4 s); at 7 s it stops.
    expect(out.stderr.match(/^curl: \(7\)/gm)).toHaveLength(4);
  });

  it('reads --cacert for https: a missing file is exit 77; TLS to a plaintext port is exit 35', async () => {
    const out = await run(
      'curl --cacert example.com.crt --resolve "httpbin.example.com:443:$INGRESS_IP" https://httpbin.example.com/status/418',
    );
    expect(out.exitCode).toBe(77);
    expect(out.stderr).toBe('curl: (77) error setting certificate file: example.com.crt\n');
    const plain = await run('curl -sS -k https://$INGRESS_IP:80/');
    expect(plain.exitCode).toBe(35);
    expect(plain.stderr).toBe('curl: (35) OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number\n');
  });
});
