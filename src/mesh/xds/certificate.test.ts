import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import {
  BasicConstraintsExtension,
  SubjectAlternativeNameExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { readCertificate } from './certificate';
import { TAG, elements, oidText, readTime, time, tlv, unsignedInteger } from './der';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const EPOCH = Date.UTC(2026, 0, 1);

async function issue(issuer: string, uri: string, serialNumber: string, notBefore: Date): Promise<string> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name: issuer,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 86_400_000),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new SubjectAlternativeNameExtension([{ type: 'url', value: uri }], true),
    ],
  });
  return certificate.toString('pem');
}

/** What @peculiar's full parse says the certificate holds, in readCertificate's terms. */
function expected(pem: string) {
  const cert = new X509Certificate(pem);
  return {
    uri: cert.getExtension(SubjectAlternativeNameExtension)!.names.items.find((n) => n.type === 'url')!.value,
    serial: cert.serialNumber,
    notBefore: cert.notBefore.getTime() - EPOCH,
    notAfter: cert.notAfter.getTime() - EPOCH,
    issuer: cert.issuer,
  };
}

describe('readCertificate', () => {
  it('reads what a full X.509 parse reads, for plain issuers and for ones it leaves to that parse', async () => {
    const cases: Array<[string, string, Date]> = [
      ['O=cluster.local', '7b46ac5965b2714747d4f1dc614e658d', new Date(EPOCH + 123_000)],
      // A serial with its high bit set (a zero goes before it) and a date past 2049 (GeneralizedTime).
      ['O=cluster.local', '80f1', new Date(Date.UTC(2065, 11, 22))],
      // A plug-in CA's intermediate, several attributes; then values @peculiar escapes or quotes.
      ['CN=Intermediate CA, O=Istio, L=cluster1', '01', new Date(EPOCH)],
      ['CN=a\\, b, O=x+y', '02', new Date(EPOCH)],
      ['CN= padded , O=Istio', '03', new Date(EPOCH)],
    ];
    for (const [issuer, serial, notBefore] of cases) {
      const pem = await issue(issuer, `spiffe://cluster.local/ns/default/sa/${serial}`, serial, notBefore);
      expect(readCertificate(pem, EPOCH), issuer).toEqual(expected(pem));
    }
  });
});

describe('DER', () => {
  it('writes lengths past one and two bytes, and integers that need a leading zero', () => {
    for (const size of [0, 127, 128, 255, 256, 70_000]) {
      const [element] = elements(tlv(TAG.octetString, new Uint8Array(size)));
      expect(element!.contents.length).toBe(size);
    }
    expect([...unsignedInteger(Uint8Array.of(0, 0, 0x7f))]).toEqual([TAG.integer, 1, 0x7f]);
    expect([...unsignedInteger(Uint8Array.of(0x80))]).toEqual([TAG.integer, 2, 0, 0x80]);
    expect([...unsignedInteger(Uint8Array.of(0, 0))]).toEqual([TAG.integer, 1, 0]);
  });

  it('writes UTCTime through 2049 and GeneralizedTime after, and reads both back', () => {
    for (const date of [new Date(Date.UTC(2049, 11, 31, 23, 59, 59)), new Date(Date.UTC(2050, 0, 1))]) {
      const [element] = elements(time(date));
      expect(element!.tag).toBe(date.getUTCFullYear() < 2050 ? TAG.utcTime : TAG.generalizedTime);
      expect(readTime(element!)).toEqual(date);
    }
  });

  it('names object identifiers with arcs past 127', () => {
    expect(oidText(Uint8Array.of(0x55, 0x1d, 0x11))).toBe('2.5.29.17');
    expect(oidText(Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02))).toBe('1.2.840.10045.4.3.2');
  });

  it('refuses truncated input', () => {
    expect(() => elements(Uint8Array.of(TAG.sequence, 5, 1))).toThrow(/truncated/);
    expect(() => elements(Uint8Array.of(TAG.sequence, 0x80))).toThrow(/indefinite/);
  });
});
