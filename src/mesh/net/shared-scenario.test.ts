import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../sim';
import { runSharedScenario } from './testing/shared-scenario';
import { SimNet } from './sim-net';

describe('shared HTTP scenario on SimNet', () => {
  it('gives the outcomes the Net contract promises', async () => {
    const out = await runSharedScenario(new SimNet({ clock: new VirtualClock(), random: new SeededRandom(1) }));
    expect(out).toMatchObject({
      resolveShort: '10.1.0.2',
      resolveMissing: null,
      keepAlive: { secondStatus: 418, requestCount: 2, closed: false, remote: ['10.1.0.2', 8000] },
      connectionClose: { closed: true, closeEvents: 1, after: 'ECONNRESET' },
      refused: 'ECONNREFUSED',
      notFound: 'ENOTFOUND',
      unreachable: 'EHOSTUNREACH',
      handlerError: 'ECONNRESET',
      abort: { message: 'caller gave up', closed: true },
      strictPlaintext: 'ECONNRESET',
      strictPlaintextClosed: true,
      tlsToPlaintext: 'ECONNRESET',
      latencyAddsRoundTrip: true,
      linkReset: 'ECONNRESET',
      linkRefused: 'ECONNREFUSED',
      afterRemoval: 'EHOSTUNREACH',
      doomedClosed: true,
    });
    expect(out.captured).toMatchObject({
      status: 200,
      body: {
        path: '/captured',
        headers: { 'x-via-client-sidecar': '10.1.0.2:8000', 'x-via-server-sidecar': '10.1.0.2:8000' },
        peer: { remoteAddress: '10.1.0.2', localAddress: '10.1.0.2', localPort: 8000 },
      },
    });
    expect(out.excludedPort).toEqual({ remoteAddress: '10.1.0.1', localAddress: '10.1.0.2', localPort: 15020 });
    expect(out.strictMtlsPeer).toMatchObject({
      tls: {
        peerIdentity: 'spiffe://cluster.local/ns/default/sa/sleep',
        localIdentity: 'spiffe://cluster.local/ns/default/sa/httpbin',
      },
    });
  });
});
