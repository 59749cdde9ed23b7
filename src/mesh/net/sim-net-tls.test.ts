import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../sim';
import { SimNet } from './sim-net';
import type { ListenOptions, NetError, PeerInfo } from './types';

const SERVER_ID = 'spiffe://cluster.local/ns/default/sa/httpbin';
const CLIENT_ID = 'spiffe://cluster.local/ns/default/sa/sleep';

type Outcome = { stage: 'connect' | 'request'; code: string } | { status: number; tls: PeerInfo['tls'] };

async function attempt(serverTls: ListenOptions['tls'], clientTls: boolean): Promise<Outcome> {
  const clock = new VirtualClock();
  const net = new SimNet({ clock, random: new SeededRandom(1) });
  net
    .host('10.0.0.2')
    .listen(
      8000,
      async (_request, peer) => ({ status: 200, headers: {}, body: JSON.stringify(peer.tls ?? null) }),
      serverTls ? { tls: serverTls } : {},
    );
  return clock.run(async () => {
    let connection;
    try {
      connection = await net
        .host('10.0.0.1')
        .connect('10.0.0.2', 8000, clientTls ? { tls: { identity: CLIENT_ID } } : {});
    } catch (error) {
      return { stage: 'connect', code: (error as NetError).code };
    }
    try {
      const response = await connection.request({
        method: 'GET',
        path: '/',
        authority: 'httpbin',
        headers: {},
        body: '',
      });
      return { status: response.status, tls: (JSON.parse(response.body) as PeerInfo['tls'] | null) ?? undefined };
    } catch (error) {
      return { stage: 'request', code: (error as NetError).code };
    }
  });
}

describe('SimNet mutual TLS', () => {
  const tlsInfo = { peerIdentity: CLIENT_ID, localIdentity: SERVER_ID };

  it.each([
    ['STRICT server, mTLS client: served, both identities known', 'STRICT', true, { status: 200, tls: tlsInfo }],
    [
      'STRICT server, plaintext client: reset at the first request (curl exit 56)',
      'STRICT',
      false,
      { stage: 'request', code: 'ECONNRESET' },
    ],
    ['PERMISSIVE server, mTLS client: served over mTLS', 'PERMISSIVE', true, { status: 200, tls: tlsInfo }],
    ['PERMISSIVE server, plaintext client: served in plaintext', 'PERMISSIVE', false, { status: 200, tls: undefined }],
    [
      'plaintext server, mTLS client: handshake reset at connect',
      undefined,
      true,
      { stage: 'connect', code: 'ECONNRESET' },
    ],
    ['plaintext server, plaintext client: served', undefined, false, { status: 200, tls: undefined }],
  ] as const)('%s', async (_name, mode, clientTls, expected) => {
    const outcome = await attempt(mode ? { mode, identity: SERVER_ID } : undefined, clientTls);
    expect(outcome).toEqual(expected);
  });

  it('fails the handshake with ECONNRESET when the server is not the identity the client expects', async () => {
    const clock = new VirtualClock();
    const net = new SimNet({ clock, random: new SeededRandom(1) });
    net.host('10.0.0.2').listen(8000, async () => ({ status: 200, headers: {}, body: '' }), {
      tls: { mode: 'STRICT', identity: SERVER_ID },
    });
    const code = await clock.run(() =>
      net
        .host('10.0.0.1')
        .connect('10.0.0.2', 8000, { tls: { identity: CLIENT_ID, serverIdentity: 'spiffe://cluster.local/ns/x/sa/y' } })
        .then(
          () => 'connected',
          (e: NetError) => e.code,
        ),
    );
    expect(code).toBe('ECONNRESET');
  });
});
