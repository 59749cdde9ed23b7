import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function meshdojo(args: string[], input: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync('npx', ['--no-install', 'meshdojo', ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  // npx may warn about engines on stderr before the program starts; keep only the program's lines.
  const stderr = result.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
  return { stdout: result.stdout, stderr, status: result.status };
}

describe('npx meshdojo shell', () => {
  it("runs a script from stdin on the bookinfo preset and exits with the last command's status", () => {
    const script = [
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
      'curl -s http://$GATEWAY_URL/productpage | grep -o "<title>.*</title>"',
      'kubectl get pods --no-headers | wc -l',
      'kubectl get pod nope',
    ].join('\n');
    const result = meshdojo(['shell', '--preset', 'bookinfo', '--clock', 'virtual'], script);
    expect(result.stdout).toBe('<title>Simple Bookstore App</title>\n6\n');
    expect(result.stderr).toContain('Error from server (NotFound): pods "nope" not found');
    expect(result.status).toBe(1);
  }, 120_000);

  it('refuses an unknown flag with usage and status 2', () => {
    const result = meshdojo(['shell', '--bogus'], '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('meshdojo: unknown flag: --bogus');
    expect(result.stderr).toContain('Usage:');
  }, 120_000);

  it('reads a piped script as bash does: heredocs with pipes and redirections, functions, aliases, options', () => {
    const script = `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Namespace
metadata:
  name: piped
EOF
kubectl get ns piped -o name
cat <<'EOF' > /tmp/ns.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: from-file
EOF
kubectl apply -f /tmp/ns.yaml
kubectl apply -f - <<EOF >/dev/null
apiVersion: v1
kind: Namespace
metadata:
  name: quiet
EOF
kubectl get ns quiet -o name
greet() {
  echo "hello $1"
}
greet mesh
alias k=kubectl
k get ns default -o name
set -o pipefail
false | true
echo "status $?"
for i in 1 2; do
  echo "round $i"
done
`;
    const result = meshdojo(['shell', '--preset', 'bare', '--clock', 'virtual'], script);
    expect(result.stdout).toBe(
      [
        'namespace/piped created',
        'namespace/piped',
        'namespace/from-file created',
        'namespace/quiet',
        'hello mesh',
        'namespace/default',
        'status 1',
        'round 1',
        'round 2',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('stops a piped script at a syntax error or an over-size command, saying on which line', () => {
    const broken = meshdojo(['shell', '--preset', 'bare', '--clock', 'virtual'], 'echo one\nif then fi\necho never\n');
    expect(broken.stdout).toBe('one\n');
    expect(broken.stderr).toBe("bash: line 2: syntax error near unexpected token `fi'\n");
    expect(broken.status).toBe(2);
    const huge = `echo first\necho ${'a'.repeat(1_100_000)}\necho never\n`;
    const oversize = meshdojo(['shell', '--preset', 'bare', '--clock', 'virtual'], huge);
    expect(oversize.stdout).toBe('first\n');
    expect(oversize.stderr).toMatch(/^bash: line 2: Input too large: \d+ bytes exceeds limit of 1000000\n$/);
    expect(oversize.status).toBe(2);
  }, 120_000);

  it('prints curl’s 000 and exit code 56 for a plaintext client that a STRICT mTLS server resets', () => {
    const script = `kubectl create ns foo
kubectl label ns foo istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml -n foo
kubectl create ns legacy
kubectl apply -f samples/sleep/sleep.yaml -n legacy
kubectl apply -n foo -f - <<EOF
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
EOF
sleep 5
kubectl exec "$(kubectl get pod -l app=sleep -n legacy -o jsonpath={.items..metadata.name})" -c sleep -n legacy -- curl http://httpbin.foo:8000/ip -s -o /dev/null -w "%{http_code}\\n"
`;
    const result = meshdojo(['shell', '--preset', 'istio', '--clock', 'virtual'], script);
    expect(result.stdout).toMatch(/peerauthentication.security.istio.io\/default created\n000\n$/);
    expect(result.stderr).toBe('command terminated with exit code 56\n');
    expect(result.status).toBe(56);
  }, 120_000);

  it("gives a pod the shell and programs of its image, busybox's time on the cluster clock, and openssl's -text", () => {
    const script = `kubectl apply -f samples/curl/curl.yaml >/dev/null
kubectl exec deploy/curl -- sh -c 'echo $0; time sleep 90; bash -c true'
openssl req -x509 -nodes -days 1 -newkey rsa:2048 -subj /CN=ca -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=leaf -keyout leaf.key -out leaf.csr 2>/dev/null
openssl x509 -req -days 1 -CA ca.crt -CAkey ca.key -set_serial 0 -in leaf.csr -out leaf.crt 2>/dev/null
openssl x509 -in leaf.crt -noout -serial -text | head -5
`;
    const result = meshdojo(['shell', '--clock', 'virtual'], script);
    expect(result.stdout).toBe(
      'sh\nserial=00\nCertificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number: 0 (0x0)\n',
    );
    expect(result.stderr).toBe(
      'real\t1m 30.00s\nuser\t0m 0.00s\nsys\t0m 0.00s\nsh: bash: not found\ncommand terminated with exit code 127\n',
    );
  }, 120_000);
});
