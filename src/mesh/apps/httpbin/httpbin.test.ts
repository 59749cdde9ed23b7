import { describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client';
import { TestCluster } from '../testing/test-cluster';

const GO_HTTPBIN = 'docker.io/mccutchen/go-httpbin:v2.15.0';
const PY_HTTPBIN = 'docker.io/kennethreitz/httpbin';

function httpbin(image: string, options: Parameters<TestCluster['deploy']>[3] = {}) {
  const cluster = new TestCluster();
  cluster.deploy(image, 'httpbin-5f8c9b8d7-abcde', 'httpbin', options);
  const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
  const port = image === GO_HTTPBIN ? 8080 : 80;
  const get = (path: string, headers: Record<string, string> = {}) =>
    client.get(`http://httpbin:${port}${path}`, { headers });
  return { cluster, client, get, port };
}

/** Headers an inbound sidecar adds, as the app sees them. */
const SIDECAR_HEADERS = {
  'x-envoy-attempt-count': '1',
  'x-forwarded-client-cert':
    'By=spiffe://cluster.local/ns/default/sa/httpbin;Hash=abc;Subject="";URI=spiffe://cluster.local/ns/default/sa/curl',
  'user-agent': 'curl/8.16.0',
  accept: '*/*',
};

describe('httpbin (Python flavour)', () => {
  it('echoes /get with canonical header names and string values', async () => {
    const { cluster, get } = httpbin(PY_HTTPBIN);
    const response = await cluster.run(() => get('/get?show=1', SIDECAR_HEADERS));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const body = JSON.parse(response.body);
    expect(body).toEqual({
      args: { show: '1' },
      headers: {
        Accept: '*/*',
        Host: 'httpbin',
        'User-Agent': 'curl/8.16.0',
        'X-Envoy-Attempt-Count': '1',
        'X-Forwarded-Client-Cert': SIDECAR_HEADERS['x-forwarded-client-cert'],
      },
      origin: expect.stringMatching(/^10\.244\.0\.\d+$/),
      url: 'http://httpbin/get?show=1',
    });
    expect(response.body).toContain('"X-Envoy-Attempt-Count": "1"');
  });

  it('caps /delay at 10 s on the simulation clock', async () => {
    const { cluster, get } = httpbin(PY_HTTPBIN);
    const response = await cluster.run(() => get('/delay/30'));
    expect([response.status, response.elapsedMs]).toEqual([200, 10_000]);
  });
});

describe('go-httpbin (the image the Istio sample runs)', () => {
  it('listens on 8080 and echoes header values as lists, with the method and origin port', async () => {
    const { cluster, get } = httpbin(GO_HTTPBIN);
    const response = await cluster.run(() => get('/get', SIDECAR_HEADERS));
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(response.body);
    expect(Object.keys(body)).toEqual(['args', 'headers', 'method', 'origin', 'url']);
    expect(body.headers['X-Envoy-Attempt-Count']).toEqual(['1']);
    expect(body.headers['Host']).toEqual(['httpbin:8080']);
    expect(body.method).toBe('GET');
    expect(body.origin).toMatch(/^10\.244\.0\.\d+:\d+$/);
    expect(response.body).toContain('"X-Forwarded-Client-Cert": [\n      "By=spiffe://');
  });

  it('answers /headers, /ip, /user-agent, /uuid and /response-headers', async () => {
    const { cluster, get } = httpbin(GO_HTTPBIN);
    const [headers, ip, agent, uuid, custom] = await cluster.run(async () => [
      await get('/headers', { 'x-b3-traceid': 'abc' }),
      await get('/ip', { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }),
      await get('/user-agent', { 'user-agent': 'curl/8.16.0' }),
      await get('/uuid'),
      await get('/response-headers?x-test=yes'),
    ]);
    expect(JSON.parse(headers!.body).headers['X-B3-Traceid']).toEqual(['abc']);
    expect(JSON.parse(ip!.body)).toEqual({ origin: '203.0.113.7' });
    expect(JSON.parse(agent!.body)).toEqual({ 'user-agent': 'curl/8.16.0' });
    expect(JSON.parse(uuid!.body).uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(custom!.headers['x-test']).toBe('yes');
    const listed = JSON.parse(custom!.body);
    expect(listed['x-test']).toEqual(['yes']);
    expect(Number(listed['Content-Length'])).toBe(new TextEncoder().encode(custom!.body).length);
  });

  it('returns /status codes, picking among a list with the seeded random source', async () => {
    const { cluster, get } = httpbin(GO_HTTPBIN);
    const codes = await cluster.run(async () => {
      const single = await get('/status/418');
      const picks: number[] = [];
      for (let i = 0; i < 40; i++) picks.push((await get('/status/500,503')).status);
      const bad = await get('/status/abc');
      return { single, picks, bad };
    });
    expect(codes.single.status).toBe(418);
    expect(codes.single.body).toContain('teapot');
    expect(new Set(codes.picks)).toEqual(new Set([500, 503]));
    expect(codes.bad.status).toBe(400);
  });

  it('waits /delay/N seconds on the clock and refuses more than its 10 s maximum', async () => {
    const { cluster, get } = httpbin(GO_HTTPBIN);
    const [twoSeconds, tooLong, halfSecond] = await cluster.run(async () => [
      await get('/delay/2'),
      await get('/delay/20'),
      await get('/delay/500ms'),
    ]);
    expect([twoSeconds!.status, twoSeconds!.elapsedMs]).toEqual([200, 2000]);
    expect(tooLong!.status).toBe(400);
    expect(halfSecond!.elapsedMs).toBe(500);
  });

  it('echoes /anything with method, form and JSON bodies; 404s unknown paths', async () => {
    const { cluster, client, port } = httpbin(GO_HTTPBIN);
    const [anything, missing] = await cluster.run(async () => [
      await client.request(`http://httpbin:${port}/anything/x?a=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"k":"v"}',
      }),
      await client.get(`http://httpbin:${port}/nope`),
    ]);
    expect(JSON.parse(anything!.body)).toMatchObject({
      method: 'POST',
      args: { a: ['1'] },
      json: { k: 'v' },
      data: '{"k":"v"}',
    });
    expect(missing!.status).toBe(404);
  });

  it('honours -port and logs each request like go-httpbin', async () => {
    const cluster = new TestCluster();
    cluster.deploy(GO_HTTPBIN, 'httpbin-v2', 'httpbin', { args: ['-port', '8000'] });
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    const response = await cluster.run(() =>
      client.get('http://httpbin:8000/headers', { headers: { 'user-agent': 'curl/8.16.0' } }),
    );
    expect(response.status).toBe(200);
    expect(cluster.logs.get('httpbin-v2')?.at(-1)).toMatch(
      /^time="2026-01-01T00:00:00\.000Z" status=200 method="GET" uri="\/headers" size_bytes=\d+ duration_ms=0\.00 user_agent="curl\/8\.16\.0" client_ip=10\.244\.0\.\d+$/,
    );
  });
});
