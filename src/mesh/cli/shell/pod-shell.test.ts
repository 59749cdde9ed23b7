import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// `kubectl exec POD -- sh -c '…'` in the curl sample (Alpine: busybox sh and nc) and in Bookinfo's ratings
// (Debian: bash, and dash as sh), as the istio.io tasks run them.
describe('the shell inside a pod', () => {
  let s: MeshSession;
  const run = (line: string) => s.shell.run(line);
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl create ns legacy
kubectl apply -f samples/curl/curl.yaml -n legacy
kubectl create ns foo
kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
export CURL_POD=$(kubectl get pod -n legacy -l app=curl -o jsonpath='{.items[0].metadata.name}')`);
  });
  afterAll(() => s.dispose());

  it("words errors as the image's sh does: busybox in Alpine, dash in Debian, bash as bash", async () => {
    expect(await run(`kubectl exec -n legacy $CURL_POD -- sh -c 'nosuch; true; false'`)).toMatchObject({
      stderr: 'sh: nosuch: not found\ncommand terminated with exit code 1\n',
      exitCode: 1,
    });
    const ratings = 'kubectl exec deploy/ratings-v1 -c ratings --';
    expect((await run(`${ratings} sh -c 'nosuch'`)).stderr).toBe(
      'sh: 1: nosuch: not found\ncommand terminated with exit code 127\n',
    );
    expect((await run(`${ratings} bash -c 'nosuch'`)).stderr).toMatch(/^bash: (line 1: )?nosuch: command not found\n/);
  });

  it('busybox nc -zv says whether a port is open, and nc sends an HTTP request from stdin', async () => {
    const open = await run(`kubectl exec -n legacy $CURL_POD -- nc -zv httpbin.foo 8000`);
    expect(open).toMatchObject({ stderr: expect.stringMatching(/^httpbin\.foo \([\d.]+:8000\) open\n$/), exitCode: 0 });
    const closed = await run(`kubectl exec -n legacy $CURL_POD -- sh -c 'nc -zv httpbin.foo 9999; echo $?'`);
    expect(closed.stdout).toBe('1\n');
    expect(closed.stderr).toMatch(/^nc: httpbin\.foo \([\d.]+:9999\): Connection refused\n$/);
    expect((await run(`kubectl exec -n legacy $CURL_POD -- nc -z nosuch 80`)).stderr).toBe(
      "nc: bad address 'nosuch'\ncommand terminated with exit code 1\n",
    );
    const reply = await run(
      `kubectl exec -n legacy $CURL_POD -- sh -c 'printf "GET /status/418 HTTP/1.1\\r\\nHost: httpbin.foo\\r\\n\\r\\n" | nc httpbin.foo 8000'`,
    );
    expect(reply.stdout).toMatch(/^HTTP\/1\.1 418 I'm a teapot\r\n/);
    // Debian's ratings image has no nc.
    expect((await run(`kubectl exec deploy/ratings-v1 -c ratings -- sh -c 'nc -z details 9080'`)).stderr).toContain(
      'sh: 1: nc: not found',
    );
  });

  it('plaintext to a STRICT mTLS server: 000 and exit 56 from curl, in sh -c as without it', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: foo
spec:
  mtls:
    mode: STRICT
EOF`);
    const direct = await run(
      `kubectl exec -n legacy $CURL_POD -- curl http://httpbin.foo:8000/ip -s -o /dev/null -w "%{http_code}\\n"`,
    );
    expect(direct).toMatchObject({ stdout: '000\n', stderr: 'command terminated with exit code 56\n', exitCode: 56 });
    const scripted = await run(
      `kubectl exec -n legacy $CURL_POD -- sh -c 'curl http://httpbin.foo:8000/ip -sS -o /dev/null -w "%{http_code}\\n"'`,
    );
    expect(scripted).toMatchObject({
      stdout: '000\n',
      stderr: 'curl: (56) Recv failure: Connection reset by peer\ncommand terminated with exit code 56\n',
      exitCode: 56,
    });
    await s.ok('kubectl delete peerauthentication -n foo default');
  });
});
