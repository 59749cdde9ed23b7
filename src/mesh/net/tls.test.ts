import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../sim';
import { SimNet } from './sim-net';
import { TlsHandshakeError } from './tls';
import { matchedName, verifyChain } from './tls-verify';
import type { Certificate, TlsSession } from './types';

const cert = (subject: string, issuer: string, extra: Partial<Certificate> = {}): Certificate => ({
  subject: [['CN', subject]],
  issuer: [['CN', issuer]],
  dnsNames: [],
  notBefore: 0,
  notAfter: 1000,
  serialNumber: '01',
  keyId: `key-${subject}`,
  authorityKeyId: `key-${issuer}`,
  isCa: subject !== 'leaf.example',
  publicKey: { type: 'RSA', bits: 2048 },
  signatureAlgorithm: 'sha256WithRSAEncryption',
  ...extra,
});

const root = cert('Root', 'Root');
const mid = cert('Mid', 'Root');
const leaf = cert('leaf.example', 'Mid', { dnsNames: ['leaf.example', '*.apps.example'] });

describe('verifyChain', () => {
  it('trusts a chain that reaches an anchor, by name and key', () => {
    expect(verifyChain([leaf, mid], [root], 500)).toBeUndefined();
    expect(verifyChain([leaf, mid], [cert('Root', 'Root', { keyId: 'other' })], 500)).toBe(
      'unable to get local issuer certificate',
    );
  });
  it('names self-signed leaves and roots in the chain, and expiry', () => {
    expect(verifyChain([root], [], 500)).toBe('self-signed certificate');
    expect(verifyChain([leaf, mid, root], [], 500)).toBe('self-signed certificate in certificate chain');
    expect(verifyChain([leaf, mid], [root], 2000)).toBe('certificate has expired');
  });
  it('matches SANs with one-label wildcards', () => {
    expect(matchedName(leaf, 'a.apps.example')).toBe('*.apps.example');
    expect(matchedName(leaf, 'a.b.apps.example')).toBeUndefined();
  });
});

describe('TLS on the simulated network', () => {
  const session: TlsSession = {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    group: 'X25519',
    signatureScheme: 'RSASSA-PSS',
    certificates: [leaf, mid],
    certificateRequested: false,
  };
  const setup = () => {
    const clock = new VirtualClock();
    const net = new SimNet({ clock, random: new SeededRandom(1) });
    const server = net.host('10.0.0.3');
    server.listen(443, async (_r, peer) => ({ status: 200, headers: {}, body: peer.tlsSession?.serverName ?? '' }), {
      acceptTls: async (hello) => ({
        session: { ...session, ...(hello.serverName && { serverName: hello.serverName }) },
      }),
    });
    server.listen(80, async () => ({ status: 200, headers: {}, body: '' }));
    const relay = net.host('10.0.0.2');
    relay.listen(443, async () => ({ status: 500, headers: {}, body: '' }), {
      acceptTls: async (hello) => ({ upstream: await relay.connect('10.0.0.3', 443, { tlsHello: hello }) }),
    });
    return { clock, client: net.host('10.0.0.1') };
  };
  const get = { method: 'GET', path: '/', authority: 'leaf.example', headers: {}, body: '' };

  it('terminates at the server and relays through an L4 hop, the hello reaching the far end', async () => {
    const { clock, client } = setup();
    await clock.run(async () => {
      const direct = await client.connect('10.0.0.3', 443, { tlsHello: { serverName: 'leaf.example', alpn: ['h2'] } });
      expect(direct.tls?.certificates[0]).toBe(leaf);
      const relayed = await client.connect('10.0.0.2', 443, { tlsHello: { serverName: 'x.apps.example', alpn: [] } });
      expect(relayed.tls?.serverName).toBe('x.apps.example');
      expect((await relayed.request(get)).body).toBe('x.apps.example');
    });
  });

  it('fails a hello sent to a plaintext port as not-tls', async () => {
    const { clock, client } = setup();
    await clock.run(async () => {
      const error = await client.connect('10.0.0.3', 80, { tlsHello: { alpn: [] } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsHandshakeError);
      expect((error as TlsHandshakeError).failure).toBe('not-tls');
    });
  });
});
