import { describe, expect, it } from 'vitest';
import type { ProxyOptions } from './proxy';
import { call, httpbin, SimMesh } from './testing/sim-mesh';
import { sidecarUpdate, type ServiceSpec } from './testing/xds-builders';
import { ok } from './testing/apps';

function basicMesh(seed = 1, proxyOptions: Partial<ProxyOptions> = {}) {
  const mesh = new SimMesh(seed);
  const sleep = mesh.addPod({ name: 'sleep', ip: '10.0.0.10', proxyOptions });
  const server = mesh.addPod({ name: 'httpbin', ip: '10.0.1.5', port: 8000, app: httpbin(mesh.clock), proxyOptions });
  mesh.addService('httpbin');
  const svc: ServiceSpec = { name: 'httpbin', port: 8000, endpoints: [{ ip: '10.0.1.5' }] };
  mesh.apply('sleep', sidecarUpdate({ services: [svc] }));
  mesh.apply('httpbin', sidecarUpdate({ services: [], ownPorts: [8000], ownService: svc }));
  return { mesh, sleep, server, svc };
}

describe('client sidecar → server sidecar on SimNet', () => {
  it('a request flows through both sidecars and carries Envoy headers', async () => {
    const { mesh, sleep } = basicMesh();
    const res = ok(await mesh.run(() => call(sleep.host, 'httpbin', 8000, '/headers')));
    expect(res.status).toBe(200);
    expect(res.headers['server']).toBe('envoy');
    expect(res.headers['x-envoy-upstream-service-time']).toBeDefined();
    const echoed = JSON.parse(res.body) as { headers: Record<string, string> };
    expect(echoed.headers['x-envoy-attempt-count']).toBe('1');
    expect(echoed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed.headers['x-envoy-peer-metadata']).toBeUndefined();
  });
});

describe("a proxy's work per request", () => {
  it('costs half on the way in and half on the way out, in each proxy, local replies included', async () => {
    const { mesh, sleep } = basicMesh(1, { workPerRequestMs: 0.2 });
    const elapsed = (path: string, authority?: string) =>
      mesh.run(async () => {
        const start = mesh.clock.now();
        const res = ok(await call(sleep.host, 'httpbin', 8000, path, {}, authority));
        return [res.status, Math.round((mesh.clock.now() - start) * 1000) / 1000];
      });
    // Client and server sidecars, 0.2 ms each; no link latency here.
    expect(await elapsed('/get')).toEqual([200, 0.4]);
    // No route for that authority: the client sidecar answers 404 itself after its own work only.
    expect(await elapsed('/get', 'nowhere:8000')).toEqual([404, 0.2]);
  });
});
