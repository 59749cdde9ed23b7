import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../sim';
import { FakeProxy, MemoryConfigSource } from '../testing/fake-control-plane';
import { pod } from '../testing/objects';
import { DiscoveryServer } from '../server/discovery-server';
import { CertificateAuthority, WORKLOAD_CERT_TTL_MS } from './certificate-authority';
import { describeCertificate } from './inspect';

/** Waits (in host time) until WebCrypto, which runs on host threads rather than clock timers, has finished. */
async function until(done: () => boolean, clock: VirtualClock): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    await clock.advance(0);
  }
}

describe('workload certificates over SDS', () => {
  it('sends default and ROOTCA right after the first push and rotates them at half-life on the clock', async () => {
    const clock = new VirtualClock();
    const random = new SeededRandom(3);
    const ca = await CertificateAuthority.create({ clock, random });
    const source = new MemoryConfigSource([
      pod('sleep-1', { ip: '10.244.0.22', labels: { app: 'sleep' }, serviceAccount: 'sleep' }),
    ]);
    const server = new DiscoveryServer({ source, clock, random, ca });
    const proxy = new FakeProxy('sleep-1.default');
    await server.connect(proxy);
    expect(proxy.pushes[0]?.resources.secrets).toBeUndefined();
    expect(server.proxyStatus()[0]?.sds).toBe('NOT SENT');
    await server.settled();
    expect(Object.keys(proxy.pushes[1]?.resources ?? {}).sort()).toEqual(['secrets', 'version_info']);
    const first = proxy.pushes[1]!.resources.secrets ?? [];
    expect(first.map((s) => s.name)).toEqual(['default', 'ROOTCA']);
    const cert = describeCertificate(first[0]?.tls_certificate?.certificate_chain.inline_string ?? '');
    expect(cert).toMatchObject({
      uri: 'spiffe://cluster.local/ns/default/sa/sleep',
      notBefore: 0,
      notAfter: WORKLOAD_CERT_TTL_MS,
    });
    expect(server.proxyStatus()[0]?.sds).toBe('SYNCED');

    await clock.advance(WORKLOAD_CERT_TTL_MS / 2 - 1);
    expect(proxy.pushes).toHaveLength(2);
    await clock.advance(1);
    await until(() => proxy.pushes.length > 2, clock);
    const rotated = proxy.pushes[2]!;
    expect(Object.keys(rotated.resources).sort()).toEqual(['secrets', 'version_info']);
    const next = describeCertificate(
      rotated.resources.secrets?.[0]?.tls_certificate?.certificate_chain.inline_string ?? '',
    );
    expect(next?.notBefore).toBe(WORKLOAD_CERT_TTL_MS / 2);
    expect(next?.serial).not.toBe(cert?.serial);
    expect(server.certificate('sleep-1.default')?.notBefore).toBe(WORKLOAD_CERT_TTL_MS / 2);
    server.stop();
  });
});
