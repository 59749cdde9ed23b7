import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../sim';
import { SimNet } from './sim-net';
import type { HttpHandler, PeerInfo } from './types';

function setup() {
  const clock = new VirtualClock();
  const net = new SimNet({ clock, random: new SeededRandom(1) });
  return { clock, net };
}

/** A handler that answers with what it was told about the connection. */
function recorder(name: string, seen: { name: string; peer: PeerInfo }[]): HttpHandler {
  return async (_request, peer) => {
    seen.push({ name, peer });
    return { status: 200, headers: {}, body: name };
  };
}

const get = { method: 'GET', path: '/', authority: 'x', headers: {}, body: '' };

describe('SimNet capture (istio-init iptables)', () => {
  it('redirects an outbound connection to the local outbound port with the intended address as original destination', async () => {
    const { clock, net } = setup();
    const seen: { name: string; peer: PeerInfo }[] = [];
    const pod = net.host('10.0.0.1');
    pod.setCapture({ outboundPort: 15001, inboundPort: 15006 });
    pod.listen(15001, recorder('outbound-listener', seen));
    net.host('10.0.0.2').listen(9080, recorder('app', seen));
    const connection = await clock.run(async () => {
      const c = await pod.connect('10.0.0.2', 9080);
      await c.request(get);
      return c;
    });
    expect(seen).toEqual([
      {
        name: 'outbound-listener',
        peer: {
          remoteAddress: '10.0.0.1',
          remotePort: expect.any(Number) as number,
          localAddress: '10.0.0.1',
          localPort: 15001,
          originalDestination: { address: '10.0.0.2', port: 9080 },
        },
      },
    ]);
    // The application still believes it talks to where it connected.
    expect([connection.remoteAddress, connection.remotePort]).toEqual(['10.0.0.2', 9080]);
  });

  it('does not capture connections that bypass capture (the sidecar itself) or go to loopback', async () => {
    const { clock, net } = setup();
    const seen: { name: string; peer: PeerInfo }[] = [];
    const pod = net.host('10.0.0.1');
    pod.setCapture({ outboundPort: 15001 });
    pod.listen(15001, recorder('outbound-listener', seen));
    pod.listen(15000, recorder('admin', seen));
    net.host('10.0.0.2').listen(9080, recorder('app', seen));
    await clock.run(async () => {
      await (await pod.connect('10.0.0.2', 9080, { bypassCapture: true })).request(get);
      await (await pod.connect('localhost', 15000)).request(get);
    });
    expect(seen.map((s) => s.name)).toEqual(['app', 'admin']);
    expect(seen[1]?.peer).toMatchObject({ remoteAddress: '127.0.0.1', localAddress: '127.0.0.1', localPort: 15000 });
  });

  it('redirects an inbound connection to the inbound port with the original local address and port', async () => {
    const { clock, net } = setup();
    const seen: { name: string; peer: PeerInfo }[] = [];
    const server = net.host('10.0.0.2');
    server.setCapture({ outboundPort: 15001, inboundPort: 15006, excludePorts: [15020] });
    server.listen(15006, recorder('inbound-listener', seen));
    server.listen(9080, recorder('app', seen));
    server.listen(15020, recorder('health', seen));
    await clock.run(async () => {
      const client = net.host('10.0.0.1');
      await (await client.connect('10.0.0.2', 9080)).request(get);
      await (await client.connect('10.0.0.2', 15020)).request(get);
      // The sidecar reaching its own application from 127.0.0.6 (its inbound cluster) is not captured again.
      await (await server.connect('10.0.0.2', 9080, { bypassCapture: true, sourceAddress: '127.0.0.6' })).request(get);
      // From anywhere else, Envoy's own traffic to its pod address enters its inbound listener (a self-call).
      await (await server.connect('10.0.0.2', 9080, { bypassCapture: true })).request(get);
    });
    expect(seen.map((s) => [s.name, s.peer.localPort, s.peer.originalDestination])).toEqual([
      ['inbound-listener', 15006, { address: '10.0.0.2', port: 9080 }],
      ['health', 15020, undefined],
      ['app', 9080, undefined],
      ['inbound-listener', 15006, { address: '10.0.0.2', port: 9080 }],
    ]);
    expect(seen[0]?.peer.remoteAddress).toBe('10.0.0.1');
  });

  it('stops capturing when the rules are removed', async () => {
    const { clock, net } = setup();
    const seen: { name: string; peer: PeerInfo }[] = [];
    const pod = net.host('10.0.0.1');
    pod.setCapture({ outboundPort: 15001 });
    pod.listen(15001, recorder('outbound-listener', seen));
    net.host('10.0.0.2').listen(9080, recorder('app', seen));
    pod.setCapture(undefined);
    await clock.run(async () => void (await (await pod.connect('10.0.0.2', 9080)).request(get)));
    expect(seen.map((s) => s.name)).toEqual(['app']);
  });
});

describe('SimNet DNS', () => {
  it('resolves a short name through the pod namespace search domain', () => {
    const { net } = setup();
    net.setDnsRecord('httpbin.default.svc.cluster.local', '10.96.0.10');
    net.setSearchDomains('10.0.0.1', ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    net.setSearchDomains('10.0.0.9', ['foo.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    const inDefault = net.host('10.0.0.1');
    const inFoo = net.host('10.0.0.9');
    expect(inDefault.resolve('httpbin')).toBe('10.96.0.10');
    expect(inDefault.resolve('httpbin.default')).toBe('10.96.0.10');
    expect(inDefault.resolve('httpbin.default.svc')).toBe('10.96.0.10');
    expect(inFoo.resolve('httpbin')).toBeUndefined();
    expect(inFoo.resolve('httpbin.default')).toBe('10.96.0.10');
    expect(inFoo.resolve('httpbin.default.svc.cluster.local')).toBe('10.96.0.10');
    expect(inFoo.resolve('httpbin.default.svc.cluster.local.')).toBe('10.96.0.10');
  });

  it('returns addresses as they are and forgets a removed record', () => {
    const { net } = setup();
    const pod = net.host('10.0.0.1');
    net.setDnsRecord('web.example.com', '10.0.0.7');
    expect(pod.resolve('10.1.2.3')).toBe('10.1.2.3');
    expect(pod.resolve('WEB.example.com')).toBe('10.0.0.7');
    net.setDnsRecord('web.example.com', undefined);
    expect(pod.resolve('web.example.com')).toBeUndefined();
  });

  it('connects by short name through DNS', async () => {
    const { clock, net } = setup();
    net.setDnsRecord('reviews.default.svc.cluster.local', '10.0.0.2');
    net.setSearchDomains('10.0.0.1', ['default.svc.cluster.local']);
    net.host('10.0.0.2').listen(9080, async () => ({ status: 200, headers: {}, body: 'reviews' }));
    const body = await clock.run(
      async () => (await (await net.host('10.0.0.1').connect('reviews', 9080)).request(get)).body,
    );
    expect(body).toBe('reviews');
  });
});
