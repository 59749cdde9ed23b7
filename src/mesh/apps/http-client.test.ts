import { describe, expect, it } from 'vitest';
import { HttpClient, HttpClientError, parseUrl } from './http-client';
import { TestCluster } from './testing/test-cluster';

async function failure(promise: Promise<unknown>): Promise<HttpClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpClientError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('parseUrl', () => {
  it('takes a URL without a scheme as http and keeps the Host header as written', () => {
    expect(parseUrl('httpbin:8000/get?x=1')).toMatchObject({
      scheme: 'http',
      hostname: 'httpbin',
      port: 8000,
      authority: 'httpbin:8000',
      path: '/get?x=1',
    });
    expect(parseUrl('http://productpage.default.svc.cluster.local/productpage')).toMatchObject({
      port: 80,
      authority: 'productpage.default.svc.cluster.local',
    });
    expect(parseUrl('http://reviews:9080')).toMatchObject({ path: '/' });
  });

  it('refuses what curl refuses', () => {
    expect(() => parseUrl('ftp://x/')).toThrow(expect.objectContaining({ kind: 'protocol', curlExitCode: 1 }));
    expect(() => parseUrl('http://')).toThrow(expect.objectContaining({ kind: 'url', curlExitCode: 3 }));
  });
});

describe('HttpClient', () => {
  it('resolves through the pod resolver and reuses one kept-alive connection', async () => {
    const cluster = new TestCluster();
    cluster.serve('echo', 80, async (request) => ({ status: 200, headers: {}, body: request.path }));
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    const responses = await cluster.run(async () => [
      await client.get('http://echo/a'),
      await client.get('http://echo/b'),
    ]);
    expect(responses.map((r) => [r.body, r.reused])).toEqual([
      ['/a', false],
      ['/b', true],
    ]);
    expect(client.connectionsOpened).toBe(1);
  });

  it('opens a connection per call when keep-alive is off', async () => {
    const cluster = new TestCluster();
    cluster.serve('echo', 80, async () => ({ status: 200, headers: {}, body: '' }));
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock, keepAlive: false });
    await cluster.run(async () => {
      await client.get('http://echo/');
      await client.get('http://echo/');
    });
    expect(client.connectionsOpened).toBe(2);
  });

  it('maps DNS, refused, reset and timeout failures to curl exit codes 6, 7, 56 and 28', async () => {
    const cluster = new TestCluster();
    cluster.serve('slow', 80, async () => {
      await cluster.clock.sleep(10_000);
      return { status: 200, headers: {}, body: '' };
    });
    cluster.serve('closed', 80, async () => ({ status: 200, headers: {}, body: '' }));
    const strict = cluster.host();
    strict.listen(80, async () => ({ status: 200, headers: {}, body: '' }), {
      tls: { mode: 'STRICT', identity: 'spiffe://x' },
    });
    cluster.service('strict', strict.address);
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    const results = await cluster.run(async () => {
      const dns = await failure(client.get('http://nope/'));
      const refused = await failure(client.get('http://closed:81/'));
      const reset = await failure(client.get('http://strict/'));
      const started = cluster.clock.now();
      const timeout = await failure(client.get('http://slow/', { timeoutMs: 3000 }));
      return { dns, refused, reset, timeout, waited: cluster.clock.now() - started };
    });
    expect([results.dns.kind, results.dns.curlExitCode, results.dns.message]).toEqual([
      'dns',
      6,
      'Could not resolve host: nope',
    ]);
    expect([results.refused.kind, results.refused.curlExitCode]).toEqual(['connect', 7]);
    expect([results.reset.kind, results.reset.curlExitCode]).toEqual(['reset', 56]);
    expect([results.timeout.kind, results.timeout.curlExitCode]).toEqual(['timeout', 28]);
    expect(results.waited).toBe(3000);
  });

  it('stops when the caller aborts', async () => {
    const cluster = new TestCluster();
    cluster.serve('slow', 80, () => new Promise(() => undefined));
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    const error = await cluster.run(async () => {
      const controller = new AbortController();
      cluster.clock.setTimer(500, () => controller.abort());
      return failure(client.get('http://slow/', { signal: controller.signal }));
    });
    expect(error.kind).toBe('aborted');
  });
});
