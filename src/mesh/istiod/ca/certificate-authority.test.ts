import { X509Certificate as NodeX509, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, MESH_EPOCH_MS } from '../../sim';
import { validateSecret } from '../../xds';
import { CertificateAuthority, WORKLOAD_CERT_TTL_MS } from './certificate-authority';
import { describeCertificate } from './inspect';
import { buildSdsSecrets } from './secrets';

const SLEEP = 'spiffe://cluster.local/ns/default/sa/sleep';

async function ca(clock = new VirtualClock()) {
  return { clock, ca: await CertificateAuthority.create({ clock, random: new SeededRandom(1) }) };
}

describe('CertificateAuthority', () => {
  it('has a self-signed root O=cluster.local that OpenSSL reads', async () => {
    const { ca: authority } = await ca();
    const root = new NodeX509(authority.rootCertPem);
    expect(root.subject).toBe('O=cluster.local');
    expect(root.issuer).toBe('O=cluster.local');
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
  });

  it('issues a workload certificate with only the SPIFFE URI SAN, signed by the root, valid 24 h from the virtual clock', async () => {
    const clock = new VirtualClock();
    await clock.advance(5_000);
    const { ca: authority } = await ca(clock);
    const cert = await authority.sign(SLEEP);
    const [leafPem] = cert.certificateChainPem.split(/(?<=-----END CERTIFICATE-----)/);
    const leaf = new NodeX509(leafPem!);
    expect(leaf.subjectAltName).toBe(`URI:${SLEEP}`);
    expect(leaf.subject ?? '').toBe('');
    expect(leaf.issuer).toBe('O=cluster.local');
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(new NodeX509(authority.rootCertPem).publicKey)).toBe(true);
    expect(leaf.validFromDate.getTime()).toBe(MESH_EPOCH_MS + 5_000);
    expect(leaf.validToDate.getTime()).toBe(MESH_EPOCH_MS + 5_000 + WORKLOAD_CERT_TTL_MS);
    expect(cert).toMatchObject({ identity: SLEEP, notBefore: 5_000, notAfter: 5_000 + WORKLOAD_CERT_TTL_MS });
    expect(cert.certificateChainPem).toContain(authority.rootCertPem);
    expect(leaf.checkPrivateKey(createPrivateKey(cert.privateKeyPem))).toBe(true);
    expect(createPublicKey(cert.privateKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('gives each certificate its own serial from the seeded source', async () => {
    const { ca: authority } = await ca();
    const a = await authority.sign(SLEEP);
    const b = await authority.sign(SLEEP);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.serialNumber).toMatch(/^[0-9a-f]{32}$/);
    const again = await (await ca()).ca.sign(SLEEP);
    expect(again.serialNumber).toBe(a.serialNumber);
  });

  it('serves the certificate as SDS secrets default and ROOTCA', async () => {
    const { ca: authority } = await ca();
    const secrets = buildSdsSecrets(await authority.sign(SLEEP));
    expect(secrets.map((s) => s.name)).toEqual(['default', 'ROOTCA']);
    for (const s of secrets) expect(validateSecret(s)).toEqual([]);
    expect(secrets[1]?.validation_context?.trusted_ca.inline_string).toContain('BEGIN CERTIFICATE');
  });

  it('describes a certificate for proxy-config secret', async () => {
    const { ca: authority } = await ca();
    const cert = await authority.sign(SLEEP);
    expect(describeCertificate(cert.certificateChainPem)).toEqual({
      uri: SLEEP,
      serial: cert.serialNumber,
      notBefore: 0,
      notAfter: WORKLOAD_CERT_TTL_MS,
      issuer: 'O=cluster.local',
    });
    expect(describeCertificate('not a certificate')).toBeUndefined();
  });
});
