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

  it("offers only the image's programs: busybox's in the curl image, Debian's in Bookinfo's, pilot-agent in istio-proxy", async () => {
    const curl = `kubectl exec -n legacy $CURL_POD --`;
    const curlPod = (await run('echo $CURL_POD')).stdout.trim();
    const alpine = await run(`${curl} sh -c 'echo $0; echo aGk= | base64 -d; seq 3 | tail -1; which curl; jq .; bash'`);
    expect(alpine.stdout).toBe('sh\nhi3\n/usr/bin/curl\n');
    expect(alpine.stderr).toBe('sh: jq: not found\nsh: bash: not found\ncommand terminated with exit code 127\n');
    // A program run directly goes through the image's PATH too; one it lacks is not there to start.
    expect((await run(`${curl} hostname`)).stdout).toBe(`${curlPod}\n`);
    expect((await run(`${curl} jq`)).stderr).toContain('exec: "jq": executable file not found in $PATH');
    const env = await run(`${curl} env`);
    expect(env.stdout).toContain(`HOSTNAME=${curlPod}\n`);
    expect(env.stdout).not.toMatch(/^(0|SHELLOPTS|IFS)=/m);
    // Debian's sh is dash, whose $0 is sh too; its images have bash, and no busybox applets such as nc.
    const ratings = 'kubectl exec deploy/ratings-v1 -c ratings --';
    expect((await run(`${ratings} bash -c 'echo $0; type awk >/dev/null && echo awk'`)).stdout).toBe('bash\nawk\n');
    // The image has node, but nothing here runs it: it says so, with 126 (found, cannot run).
    const node = await run(`${ratings} sh -c 'node -v'`);
    expect(node).toMatchObject({
      exitCode: 126,
      stderr: expect.stringMatching(/^node: this image has it, but this lab does not simulate it/),
    });
  });

  it('answers nc -l with why it is not simulated and which TCP server to use instead', async () => {
    for (const line of [`sh -c 'nc -l -p 8080'`, 'nc -lp 8080']) {
      const listen = await run(`kubectl exec -n legacy $CURL_POD -- ${line}`);
      expect(listen.stderr).toMatch(/^nc: listening \(-l\) is not simulated: .* `nc tcp-echo 9000`\.\n/);
      expect(listen.exitCode).toBe(1);
    }
  });

  it("measures busybox time on the cluster clock, in busybox's format; dash has no time, bash's keyword reports as bash", async () => {
    const timed = await run(`kubectl exec -n legacy $CURL_POD -- sh -c 'time sleep 61.5 | cat; time -p sleep 2'`);
    expect(timed.stderr).toBe('real\t1m 1.50s\nuser\t0m 0.00s\nsys\t0m 0.00s\nreal 2.00\nuser 0.00\nsys 0.00\n');
    const failed = await run(`kubectl exec -n legacy $CURL_POD -- time false`);
    expect(failed.stderr).toBe(
      'Command exited with non-zero status 1\nreal\t0m 0.00s\nuser\t0m 0.00s\nsys\t0m 0.00s\ncommand terminated with exit code 1\n',
    );
    expect((await run(`kubectl exec deploy/ratings-v1 -c ratings -- sh -c 'time sleep 1'`)).stderr).toBe(
      'sh: 1: time: not found\ncommand terminated with exit code 127\n',
    );
    expect((await run(`kubectl exec deploy/ratings-v1 -c ratings -- bash -c 'time sleep 3'`)).stderr).toBe(
      '\nreal\t0m3.000s\nuser\t0m0.000s\nsys\t0m0.000s\n',
    );
  });

  it('reads the script from stdin with exec -i, as sh does without -c', async () => {
    expect(await run(`echo 'echo $0 $((1+2))' | kubectl exec -i -n legacy $CURL_POD -- sh`)).toMatchObject({
      stdout: 'sh 3\n',
      exitCode: 0,
    });
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
