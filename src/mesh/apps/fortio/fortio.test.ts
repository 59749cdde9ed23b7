import { describe, expect, it } from 'vitest';
import type { HttpHandler } from '../../net';
import { TestCluster } from '../testing/test-cluster';
import type { ExecOptions, ExecResult } from '../types';
import { parseFortioFlags } from './args';

const ok: HttpHandler = async () => ({
  status: 200,
  headers: { 'content-type': 'text/plain', 'content-length': '2' },
  body: 'ok',
});

/** Envoy's answer when a circuit breaker overflows. */
const overflow: HttpHandler = async () => ({
  status: 503,
  headers: { 'content-length': '81', 'content-type': 'text/plain', 'x-envoy-overloaded': 'true', server: 'envoy' },
  body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow',
});

function fortioWith(handler: HttpHandler) {
  const cluster = new TestCluster();
  cluster.serve('httpbin', 8000, handler);
  const { workload } = cluster.deploy('fortio/fortio:latest_release', 'fortio-deploy-7dcd84c469-xlrrh', 'fortio');
  const exec = (command: string, options: ExecOptions = {}): Promise<ExecResult> =>
    cluster.run(() => workload.exec!(['/usr/bin/fortio', ...command.split(' ')], options)!);
  return { cluster, exec };
}

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('fortio load', () => {
  it('prints the run the way istio.io shows it', async () => {
    const { exec } = fortioWith(ok);
    const result = await exec('load -c 2 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get');
    expect(result.exitCode).toBe(0);
    expect(lines(result.stderr)).toEqual([
      '{"ts":1767225600.000000,"level":"info","r":1,"file":"logger.go","line":298,"msg":"Log level is now 3 Warning (was 2 Info)"}',
    ]);
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      'Fortio 1.69.5 running at 0 queries per second, 2->2 procs, for 20 calls: http://httpbin:8000/get',
    );
    expect(out[1]).toBe('Starting at max qps with 2 thread(s) [gomax 2] for exactly 20 calls (10 per thread + 0)');
    expect(out[2]).toMatch(/^Ended after [\d.]+(ms|µs|s) : 20 calls\. qps=[\d.]+$/);
    expect(out[3]).toMatch(
      /^Aggregated Function Time : count 20 avg [\d.e-]+ \+\/- [\d.e-]+ min [\d.e-]+ max [\d.e-]+ sum [\d.e-]+$/,
    );
    expect(out[4]).toBe('# range, mid point, percentile, count');
    expect(out).toContain('Error cases : no data');
    expect(out.filter((l) => l.startsWith('# target '))).toHaveLength(5);
    expect(out).toContain('# Socket and IP used for each connection:');
    expect(
      out.some((l) =>
        /^\[0\] {3}1 socket used, resolved to 10\.244\.0\.\d+:8000, connection timing : count 1 /.test(l),
      ),
    ).toBe(true);
    expect(out).toContain('Sockets used: 2 (for perfect keepalive, would be 2)');
    expect(out).toContain('Uniform: false, Jitter: false, Catchup allowed: true');
    expect(out).toContain('Code 200 : 20 (100.0 %)');
    expect(out.some((l) => l.startsWith('Response Header Sizes : count 20 avg '))).toBe(true);
    expect(out.some((l) => l.startsWith('Response Body/Total Sizes : count 20 avg '))).toBe(true);
    expect(out.at(-1)).toMatch(/^All done 20 calls \(plus 0 warmup\) [\d.]+ ms avg, [\d.]+ qps$/);
  });

  it('splits -n over the connections, the first taking the remainder', async () => {
    const { exec } = fortioWith(ok);
    const result = await exec('load -c 3 -qps 0 -n 20 http://httpbin:8000/get');
    expect(result.stdout).toContain(
      'Starting at max qps with 3 thread(s) [gomax 2] for exactly 20 calls (6 per thread + 2)',
    );
    const perThread = [...result.stderr.matchAll(/"msg":"T00(\d) ended after [^:]+ : (\d+) calls/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(perThread.sort()).toEqual([
      ['0', '8'],
      ['1', '6'],
      ['2', '6'],
    ]);
    expect(result.stdout).toContain('Code 200 : 20 (100.0 %)');
  });

  it('opens a new socket after every non-2xx answer and warns about it', async () => {
    const { exec } = fortioWith(overflow);
    const result = await exec('load -c 2 -qps 0 -n 10 -loglevel Warning http://httpbin:8000/get');
    expect(result.stdout).toContain('Sockets used: 10 (for perfect keepalive, would be 2)');
    expect(result.stdout).toContain('Code 503 : 10 (100.0 %)');
    expect(result.stdout).toMatch(/Error cases : count 10 avg /);
    const warnings = lines(result.stderr).slice(1);
    expect(warnings).toHaveLength(10);
    for (const warning of warnings) {
      expect(JSON.parse(warning)).toMatchObject({
        level: 'warn',
        file: 'http_client.go',
        msg: 'Non ok http code',
        code: 503,
        status: 'HTTP/1.1 503',
        run: 0,
      });
    }
    // fortio does not parse a non-2xx answer's headers: header size 0, the whole answer as total size.
    expect(result.stdout).toContain('Response Header Sizes : count 10 avg 0 +/- 0 min 0 max 0 sum 0');
  });

  it("counts a mix: one socket per thread plus one per error that was not the thread's last call", async () => {
    let calls = 0;
    const { exec } = fortioWith(async (request, peer, signal) =>
      ++calls === 3 ? overflow(request, peer, signal) : ok(request, peer, signal),
    );
    const result = await exec('load -c 1 -qps 0 -n 5 http://httpbin:8000/get');
    expect(result.stdout).toContain('Sockets used: 2 (for perfect keepalive, would be 1)');
    expect(result.stdout).toContain('Code 200 : 4 (80.0 %)');
    expect(result.stdout).toContain('Code 503 : 1 (20.0 %)');
  });

  it('paces -qps over -t and warms each connection up first', async () => {
    const { cluster, exec } = fortioWith(ok);
    const started = cluster.clock.now();
    const result = await exec('load -qps 10 -c 2 -t 2s httpbin:8000/get');
    expect(cluster.clock.now() - started).toBeGreaterThanOrEqual(2000);
    expect(result.stderr).toContain("Assuming http:// on missing scheme for 'httpbin:8000/get'");
    expect(result.stdout).toContain('Starting at 10 qps with 2 thread(s) [gomax 2] for 2s : 10 calls each (total 20)');
    expect(result.stdout).toMatch(/^Sleep times : count \d+ avg /m);
    expect(result.stdout).toContain('Code 200 : 20 (100.0 %)');
    expect(result.stdout).toMatch(/All done 20 calls \(plus 2 warmup\) [\d.]+ ms avg, 10\.0 qps/);
  });

  it('aborts when a warm-up call fails unless -allow-initial-errors', async () => {
    const { exec } = fortioWith(overflow);
    const refused = await exec('load -c 1 -qps 5 -t 1s http://httpbin:8000/get');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Aborting because of error 503 for http://httpbin:8000/get');
    const allowed = await exec('load -c 1 -qps 5 -t 1s -allow-initial-errors http://httpbin:8000/get');
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stdout).toContain('Code 503 : 5 (100.0 %)');
  });

  it('reports refused connections as code -1 and per-request timeouts likewise', async () => {
    const { exec } = fortioWith(() => new Promise(() => undefined));
    const refused = await exec('load -c 1 -qps 0 -n 2 -loglevel Warning http://httpbin:9999/');
    expect(refused.stdout).toContain('Code  -1 : 2 (100.0 %)');
    expect(refused.stderr).toContain('"msg":"Unable to connect"');
    const timedOut = await exec('load -c 1 -qps 0 -n 1 -timeout 500ms http://httpbin:8000/');
    expect(timedOut.stdout).toContain('Code  -1 : 1 (100.0 %)');
    expect(timedOut.stderr).toContain('i/o timeout');
  });

  it('fails like Go flag parsing on unknown flags and missing URLs', async () => {
    const { exec } = fortioWith(ok);
    const unknown = await exec('load -bogus 1 http://httpbin:8000/');
    expect([unknown.exitCode, lines(unknown.stderr)[0]]).toEqual([1, 'flag provided but not defined: -bogus']);
    expect((await exec('load -c 2')).exitCode).toBe(1);
    expect((await exec('version')).stdout).toBe('1.69.5\n');
  });
});

describe('fortio determinism', () => {
  it('prints byte-for-byte the same report for the same seed', async () => {
    const first = await fortioWith(ok).exec('load -c 2 -qps 0 -n 20 http://httpbin:8000/get');
    const second = await fortioWith(ok).exec('load -c 2 -qps 0 -n 20 http://httpbin:8000/get');
    expect(second.combined).toBe(first.combined);
  });
});

describe('fortio curl', () => {
  it('prints status line, headers, a blank line and the body', async () => {
    const { exec } = fortioWith(ok);
    const result = await exec('curl -quiet http://httpbin:8000/get');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe('HTTP/1.1 200 OK\ncontent-type: text/plain\ncontent-length: 2\n\nok');
  });

  it('logs the start line at the default level and exits 1 on a non-200', async () => {
    const { exec } = fortioWith(overflow);
    const result = await exec('curl http://httpbin:8000/get');
    expect(result.exitCode).toBe(1);
    expect(result.stdout.startsWith('HTTP/1.1 503 Service Unavailable\n')).toBe(true);
    const [start, ...rest] = lines(result.stderr);
    expect(JSON.parse(start!)).toMatchObject({ level: 'info', msg: 'Starting', command: 'Φορτίο' });
    expect(rest.some((l) => l.includes('"msg":"Error status"'))).toBe(true);
  });

  it('formats logs for a terminal under kubectl exec -t', async () => {
    const { exec } = fortioWith(overflow);
    const result = await exec('load -c 1 -qps 0 -n 1 -loglevel Warning http://httpbin:8000/get', { tty: true });
    expect(lines(result.stderr)[1]).toMatch(
      /^00:00:00\.\d{3} r12 \[WRN\] http_client\.go:1151> Non ok http code, code=503, status="HTTP\/1\.1 503", thread=0, run=0$/,
    );
  });
});

describe('fortio server', () => {
  it('echoes on 8080 and honours ?status=', async () => {
    const cluster = new TestCluster();
    const { workload } = cluster.deploy('fortio/fortio:latest_release', 'fortio-a', 'fortio');
    const client = cluster.deploy('fortio/fortio:latest_release', 'fortio-b').workload;
    const result = await cluster.run(() =>
      client.exec!(['fortio', 'curl', '-quiet', 'http://fortio:8080/echo?status=418'])!,
    );
    expect(workload.ports).toEqual([8080]);
    expect(result.stdout.startsWith("HTTP/1.1 418 I'm a teapot\n")).toBe(true);
  });
});

describe('flag parsing', () => {
  it('reads Go-style flags up to the URL', () => {
    const parsed = parseFortioFlags([
      '-c',
      '3',
      '--qps=0',
      '-n',
      '30',
      '-H',
      'x-a: 1',
      '-allow-initial-errors',
      '-t',
      '1m',
      'http://x/',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      positional: ['http://x/'],
      flags: {
        connections: 3,
        qps: 0,
        exactly: 30,
        durationNs: 60e9,
        headers: [['x-a', '1']],
        allowInitialErrors: true,
      },
    });
    expect(parseFortioFlags(['-c'])).toEqual({ ok: false, error: 'flag needs an argument: -c' });
    expect(parseFortioFlags(['-c', 'x'])).toEqual({ ok: false, error: 'invalid value "x" for flag -c: parse error' });
  });
});
