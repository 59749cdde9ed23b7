import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('curl on the laptop', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
  });
  afterAll(() => s.dispose());

  it('-I prints the status line and headers with CRLF', async () => {
    const out = await s.ok('curl -s -I http://$GATEWAY_URL/productpage');
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(out).toContain('server: istio-envoy\r\n');
    expect(out.endsWith('\r\n\r\n')).toBe(true);
  });

  it('-v shows the request and response on stderr', async () => {
    const result = await s.run('curl -s -v -o /dev/null http://$GATEWAY_URL/productpage');
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(
      lines.slice(0, 5).map((l) => l.replace(/\d+\.\d+\.\d+\.\d+/g, 'IP').replace(/ \S+\.naverncp\.com/g, ' LB')),
    ).toEqual([
      '* Host LB:80 was resolved.',
      '* IPv6: (none)',
      '* IPv4: IP',
      '*   Trying IP:80...',
      '* Connected to LB (IP) port 80',
    ]);
    expect(result.stderr).toContain('> GET /productpage HTTP/1.1\n> Host: ');
    expect(result.stderr).toContain('> User-Agent: curl/8.7.1\n> Accept: */*\n> \n* Request completely sent off\n');
    expect(result.stderr).toContain('< HTTP/1.1 200 OK\n');
    expect(result.stderr).toMatch(/< \n\* Connection #0 to host \S+ left intact\n$/);
  });

  it('-L follows the login redirect and -c keeps the session cookie', async () => {
    const out = await s.ok(
      'curl -s -L -c jar.txt -d "username=jason&passwd=x" -o /dev/null -w "%{http_code} %{num_redirects}\\n" http://$GATEWAY_URL/login',
    );
    expect(out).toBe('200 1\n');
    expect(await s.ok('grep -c session jar.txt')).toBe('1\n');
  });

  it("a port nothing listens on: exit 7 with curl's message, -s hides it, -sS shows it", async () => {
    const quiet = await s.run('curl -s http://$GATEWAY_URL:8080/');
    expect(quiet).toMatchObject({ exitCode: 7, stderr: '' });
    const shown = await s.run('curl -sS http://$GATEWAY_URL:8080/');
    expect(shown.stderr).toMatch(
      /^curl: \(7\) Failed to connect to \S+ port 8080 after \d+ ms: Couldn't connect to server\n$/,
    );
  });

  it('-w prints 000 when nothing answered, and -f fails on HTTP errors', async () => {
    expect((await s.run('curl -s -o /dev/null -w "%{http_code}\\n" http://$GATEWAY_URL:8080/')).stdout).toBe('000\n');
    const failed = await s.run('curl -sSf http://$GATEWAY_URL/nothing-here');
    expect(failed.exitCode).toBe(22);
    expect(failed.stderr).toBe('curl: (22) The requested URL returned error: 404\n');
  });

  it('refuses unknown options', async () => {
    expect(await s.run('curl --frobnicate http://x')).toMatchObject({
      exitCode: 2,
      stderr:
        "curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    });
  });
});
