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
});
