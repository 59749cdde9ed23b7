import { describe, expect, it } from 'vitest';
import { ISTIO_VERSION, SeededRandom, VirtualClock } from '../../sim';
import { FakeProxy, MemoryConfigSource } from '../testing/fake-control-plane';
import { istio, pod, service } from '../testing/objects';
import { DiscoveryServer } from './discovery-server';
import { pushVersion } from './version';

const SLEEP = 'sleep-9454cc476-p2lfn.default';
function mesh() {
  const source = new MemoryConfigSource([
    service('httpbin', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 8000, targetPort: 8080 }] }),
    pod('httpbin-7b549f7859-kmvzf', {
      ip: '10.244.0.20',
      labels: { app: 'httpbin' },
      serviceAccount: 'httpbin',
      ports: [8080],
    }),
    pod('sleep-9454cc476-p2lfn', { ip: '10.244.0.22', labels: { app: 'sleep' }, serviceAccount: 'sleep' }),
  ]);
  const clock = new VirtualClock();
  const server = new DiscoveryServer({
    source,
    clock,
    random: new SeededRandom(7),
    istiodName: 'istiod-6d5c9b5f4-2xk8q',
  });
  server.start();
  return { source, clock, server };
}

describe('DiscoveryServer', () => {
  it('pushes a connecting proxy its full config at once, with an Istio-style version and a nonce', async () => {
    const { server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    expect(await server.connect(proxy)).toEqual({ ack: true });
    const first = proxy.pushes[0]!;
    expect(first.version).toBe('2026-01-01T00:00:00Z/1');
    expect(first.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.resources.version_info).toBe(first.version);
    expect(Object.keys(first.resources).sort()).toEqual([
      'clusters',
      'endpoints',
      'listeners',
      'routes',
      'version_info',
    ]);
    expect(server.proxyStatus()).toEqual([
      {
        name: SLEEP,
        cds: 'SYNCED',
        lds: 'SYNCED',
        eds: 'SYNCED',
        rds: 'SYNCED',
        sds: 'NOT SENT',
        sentAt: { CDS: 0, LDS: 0, EDS: 0, RDS: 0 },
        istiod: 'istiod-6d5c9b5f4-2xk8q',
        version: ISTIO_VERSION,
        nacks: {},
      },
    ]);
  });

  it('debounces config changes (100 ms) and sends only the types that changed', async () => {
    const { source, clock, server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    await server.connect(proxy);
    await clock.advance(1000);
    source.apply(
      istio('VirtualService', 'httpbin', {
        hosts: ['httpbin'],
        http: [{ timeout: '2s', route: [{ destination: { host: 'httpbin' } }] }],
      }),
    );
    await clock.advance(50);
    source.apply(
      istio('VirtualService', 'httpbin', {
        hosts: ['httpbin'],
        http: [{ timeout: '3s', route: [{ destination: { host: 'httpbin' } }] }],
      }),
    );
    await clock.advance(99);
    expect(proxy.pushes).toHaveLength(1);
    await clock.advance(1);
    expect(proxy.pushes).toHaveLength(2);
    const second = proxy.pushes[1]!;
    expect(second.version).toBe(pushVersion(1150, 2));
    expect(Object.keys(second.resources).sort()).toEqual(['routes', 'version_info']);
    expect(JSON.stringify(second.resources.routes)).toContain('"timeout":"3s"');
    expect(server.syncState(SLEEP)?.RDS).toMatchObject({
      versionSent: '2026-01-01T00:00:01Z/2',
      versionAcked: '2026-01-01T00:00:01Z/2',
    });
    expect(server.syncState(SLEEP)?.CDS.versionAcked).toBe('2026-01-01T00:00:00Z/1');
  });

  it('records a NACK, leaves the proxy on its last good config, and recovers with the next good push', async () => {
    const { source, clock, server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    await server.connect(proxy);
    const goodRoutes = proxy.active.routes;
    // A regex RE2 rejects: the proxy NACKs the route configuration.
    source.apply(
      istio('VirtualService', 'httpbin', {
        hosts: ['httpbin'],
        http: [{ match: [{ uri: { regex: '(?=x)' } }], route: [{ destination: { host: 'httpbin' } }] }],
      }),
    );
    await clock.advance(100);
    expect(proxy.active.routes).toBe(goodRoutes);
    const row = server.proxyStatus()[0]!;
    // As istiod 1.30 reports it: ERROR until the next ACK of the type clears the NACK.
    expect(row.rds).toBe('ERROR');
    expect(row.cds).toBe('SYNCED');
    expect(row.nacks.RDS).toMatch(/look-around is not supported by RE2/);
    expect(server.recentPushes().at(-1)).toMatchObject({ proxyId: SLEEP, ack: false, types: ['RDS'] });
    source.delete(istio('VirtualService', 'httpbin', {}));
    await clock.advance(100);
    expect(server.proxyStatus()[0]).toMatchObject({ rds: 'SYNCED', nacks: {} });
    expect(proxy.pushes.at(-1)?.resources.routes).toEqual(goodRoutes);
  });

  it('shows ERROR when a first push is refused', async () => {
    const { server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    proxy.rejectWith = 'Listener "x": refused';
    expect(await server.connect(proxy)).toEqual({ ack: false, message: 'Listener "x": refused' });
    expect(server.proxyStatus()[0]).toMatchObject({
      cds: 'ERROR',
      lds: 'ERROR',
    });
  });

  it('pushes endpoints when a pod becomes ready, to every connected proxy', async () => {
    const { source, clock, server } = mesh();
    const sleep = new FakeProxy(SLEEP);
    const httpbin = new FakeProxy('httpbin-7b549f7859-kmvzf.default');
    await server.connect(sleep);
    await server.connect(httpbin);
    source.apply(
      pod('httpbin-7b549f7859-second', {
        ip: '10.244.0.21',
        labels: { app: 'httpbin' },
        serviceAccount: 'httpbin',
        ports: [8080],
      }),
    );
    await clock.advance(100);
    const last = sleep.pushes.at(-1)!;
    expect(Object.keys(last.resources)).toContain('endpoints');
    expect(JSON.stringify(last.resources.endpoints)).toContain('10.244.0.21');
    expect(httpbin.pushes).toHaveLength(2);
  });

  it('pushes nothing, and takes no version, for a pod event that moves no endpoint (Istio: NoPush)', async () => {
    const { source, clock, server } = mesh();
    const sleep = new FakeProxy(SLEEP);
    await server.connect(sleep);
    const version = server.version;
    const httpbin = pod('httpbin-7b549f7859-kmvzf', {
      ip: '10.244.0.20',
      labels: { app: 'httpbin' },
      serviceAccount: 'httpbin',
      ports: [8080],
    });
    // The kubelet writes the pod's status again: a container started, a condition's time moved.
    source.apply({ ...httpbin, status: { ...(httpbin['status'] as object), startTime: '2026-01-01T00:00:05Z' } });
    await clock.advance(100);
    expect(sleep.pushes).toHaveLength(1);
    expect(server.version).toBe(version);
    // Not ready any more: its endpoint leaves, and that is pushed.
    source.apply(pod('httpbin-7b549f7859-kmvzf', { ip: '10.244.0.20', labels: { app: 'httpbin' }, ready: false }));
    await clock.advance(100);
    expect(sleep.pushes).toHaveLength(2);
    expect(server.version).not.toBe(version);
  });

  it('configures a proxy that connected before its pod existed once the pod appears', async () => {
    const { source, clock, server } = mesh();
    const late = new FakeProxy('late-1.default');
    expect(await server.connect(late)).toBeUndefined();
    expect(server.proxyStatus()[0]).toMatchObject({ name: 'late-1.default', lds: 'NOT SENT' });
    source.apply(pod('late-1', { ip: '10.244.0.30', labels: { app: 'late' } }));
    await clock.advance(100);
    expect(server.proxyStatus()[0]).toMatchObject({ lds: 'SYNCED' });
  });

  it('is deterministic under a fixed seed', async () => {
    const run = async () => {
      const { server } = mesh();
      const p = new FakeProxy(SLEEP);
      await server.connect(p);
      return p.pushes.map((x) => x.nonce);
    };
    expect(await run()).toEqual(await run());
  });

  it('stops pushing after disconnect and stop', async () => {
    const { source, clock, server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    await server.connect(proxy);
    server.disconnect(SLEEP);
    source.apply(
      istio('VirtualService', 'httpbin', {
        hosts: ['httpbin'],
        http: [{ timeout: '2s', route: [{ destination: { host: 'httpbin' } }] }],
      }),
    );
    await clock.advance(100);
    expect(proxy.pushes).toHaveLength(1);
    expect(server.proxyStatus()).toEqual([]);
    server.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('DiscoveryServer robustness', () => {
  it('keeps serving the last snapshot when a stored object cannot be read', async () => {
    const { source, clock, server } = mesh();
    const proxy = new FakeProxy(SLEEP);
    await server.connect(proxy);
    source.apply({ ...istio('VirtualService', 'broken', {}), spec: { hosts: 'not-a-list' } });
    await clock.advance(100);
    expect(server.lastError).toMatch(/building the mesh snapshot/);
    expect(proxy.pushes).toHaveLength(1);
    expect(server.proxyStatus()[0]).toMatchObject({ lds: 'SYNCED', rds: 'SYNCED' });
  });
});
