import { describe, expect, it } from 'vitest';
import { TlsHandshakeError, type Certificate, type DistinguishedName } from '../../net';
import { MESH_EPOCH_MS } from '../../sim';
import { terminateTls, type DownstreamTlsSettings } from './tls-termination';

const NOW = MESH_EPOCH_MS;
const YEAR = 365 * 86_400_000;

function cert(subject: string, issuer: string, keyId: string, authorityKeyId: string, isCa = false): Certificate {
  const name = (cn: string): DistinguishedName => [['CN', cn]];
  return {
    subject: name(subject),
    issuer: name(issuer),
    dnsNames: [],
    notBefore: NOW - YEAR,
    notAfter: NOW + YEAR,
    serialNumber: '01',
    keyId,
    authorityKeyId,
    isCa,
    publicKey: { type: 'RSA', bits: 2048 },
    signatureAlgorithm: 'sha256WithRSAEncryption',
  };
}

const CA = cert('example.com', 'example.com', 'ca', 'ca', true);
const OTHER_CA = cert('example.com', 'example.com', 'other-ca', 'other-ca', true);
const SERVER = cert('httpbin.example.com', 'example.com', 'server', 'ca');
const CLIENT = cert('client.example.com', 'example.com', 'client', 'ca');
const STRANGER = cert('client.example.com', 'example.com', 'stranger', 'other-ca');

const secrets = {
  certificateChain: (name: string) => (name === 'kubernetes://cred' ? [SERVER] : undefined),
  trustedCa: (name: string) => (name === 'kubernetes://cred-cacert' ? [CA] : undefined),
};
const SIMPLE: DownstreamTlsSettings = {
  certificateSecret: 'kubernetes://cred',
  validationSecret: undefined,
  requireClientCertificate: false,
  alpn: ['h2', 'http/1.1'],
};
const MUTUAL: DownstreamTlsSettings = {
  ...SIMPLE,
  validationSecret: 'kubernetes://cred-cacert',
  requireClientCertificate: true,
};

describe('terminateTls', () => {
  it('SIMPLE: presents the chain, picks the first server ALPN the client offers, echoes SNI', () => {
    const session = terminateTls(SIMPLE, { serverName: 'httpbin.example.com', alpn: ['http/1.1', 'h2'] }, secrets, NOW);
    expect(session).toMatchObject({
      version: 'TLSv1.3',
      signatureScheme: 'RSASSA-PSS',
      alpn: 'h2',
      serverName: 'httpbin.example.com',
      certificates: [SERVER],
      certificateRequested: false,
    });
    expect(session.alertOnFirstRead).toBeUndefined();
  });

  it('closes the connection while the certificate secret has not arrived', () => {
    expect(() =>
      terminateTls({ ...SIMPLE, certificateSecret: 'kubernetes://gone' }, { alpn: [] }, secrets, NOW),
    ).toThrow(TlsHandshakeError);
  });

  it('MUTUAL: no client certificate → certificate required; a foreign CA → unknown ca; a trusted one passes', () => {
    expect(terminateTls(MUTUAL, { alpn: ['h2'] }, secrets, NOW).alertOnFirstRead).toBe('certificate required');
    expect(
      terminateTls(MUTUAL, { alpn: ['h2'], certificates: [STRANGER, OTHER_CA] }, secrets, NOW).alertOnFirstRead,
    ).toBe('unknown ca');
    const ok = terminateTls(MUTUAL, { alpn: ['h2'], certificates: [CLIENT] }, secrets, NOW);
    expect(ok.alertOnFirstRead).toBeUndefined();
    expect(ok.certificateRequested).toBe(true);
    expect(ok.clientCertificates).toEqual([CLIENT]);
  });
});
