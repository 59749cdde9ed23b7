import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// istio.io's secure-ingress task, "Generate client and server certificates and keys", as printed.
describe('openssl for the secure-ingress task', () => {
  let s: MeshSession;
  const run = (line: string) => s.shell.run(line);
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterAll(() => s.dispose());

  it('req -x509 makes a self-signed CA: a PKCS#8 key and a certificate with the given subject', async () => {
    const made = await run(
      "mkdir example_certs1 && openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048 -subj '/O=example Inc./CN=example.com' -keyout example_certs1/example.com.key -out example_certs1/example.com.crt",
    );
    expect(made.exitCode).toBe(0);
    expect(made.stderr).toMatch(/-----\n$/);
    expect(await s.ok('head -1 example_certs1/example.com.key')).toBe('-----BEGIN PRIVATE KEY-----\n');
    expect(await s.ok('head -1 example_certs1/example.com.crt')).toBe('-----BEGIN CERTIFICATE-----\n');
    expect(await s.ok('openssl x509 -in example_certs1/example.com.crt -noout -subject -issuer')).toBe(
      'subject=O = example Inc., CN = example.com\nissuer=O = example Inc., CN = example.com\n',
    );
    expect(await s.ok('openssl x509 -in example_certs1/example.com.crt -noout -dates')).toBe(
      'notBefore=Jan  1 00:00:00 2026 GMT\nnotAfter=Jan  1 00:00:00 2027 GMT\n',
    );
  });

  it('req -newkey makes a key and a request; x509 -req signs it with the CA', async () => {
    await s.ok(
      'openssl req -out example_certs1/httpbin.example.com.csr -newkey rsa:2048 -nodes -keyout example_certs1/httpbin.example.com.key -subj "/CN=httpbin.example.com/O=httpbin organization"',
    );
    expect(await s.ok('head -1 example_certs1/httpbin.example.com.csr')).toBe('-----BEGIN CERTIFICATE REQUEST-----\n');
    const signed = await run(
      'openssl x509 -req -sha256 -days 365 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 0 -in example_certs1/httpbin.example.com.csr -out example_certs1/httpbin.example.com.crt',
    );
    expect(signed).toMatchObject({
      exitCode: 0,
      stderr: 'Certificate request self-signature ok\nsubject=CN = httpbin.example.com, O = httpbin organization\n',
    });
    expect(await s.ok('openssl x509 -in example_certs1/httpbin.example.com.crt -noout -subject -issuer')).toBe(
      'subject=CN = httpbin.example.com, O = httpbin organization\nissuer=O = example Inc., CN = example.com\n',
    );
    await s.ok(
      'openssl x509 -req -days 1 -CA example_certs1/example.com.crt -CAkey example_certs1/example.com.key -set_serial 7 -in example_certs1/httpbin.example.com.csr -out seven.crt',
    );
    expect(await s.ok('openssl x509 -in seven.crt -noout -serial')).toBe('serial=07\n');
    // The task's `-set_serial 0` stays 0, as OpenSSL writes it.
    expect(await s.ok('openssl x509 -in example_certs1/httpbin.example.com.crt -noout -serial')).toBe('serial=00\n');
  });

  it('x509 -text lays the certificate out as OpenSSL 3 prints it, from a file or stdin', async () => {
    const text = await s.ok('openssl x509 -in example_certs1/httpbin.example.com.crt -text -noout');
    const lines = text.split('\n');
    expect(lines.slice(0, 12)).toEqual([
      'Certificate:',
      '    Data:',
      '        Version: 3 (0x2)',
      '        Serial Number: 0 (0x0)',
      '        Signature Algorithm: sha256WithRSAEncryption',
      '        Issuer: O = example Inc., CN = example.com',
      '        Validity',
      '            Not Before: Jan  1 00:00:00 2026 GMT',
      '            Not After : Jan  1 00:00:00 2027 GMT',
      '        Subject: CN = httpbin.example.com, O = httpbin organization',
      '        Subject Public Key Info:',
      '            Public Key Algorithm: rsaEncryption',
    ]);
    expect(text).toMatch(/\n {16}Public-Key: \(2048 bit\)\n {16}Modulus:\n {20}00:[0-9a-f]{2}:/);
    expect(text).toMatch(/\n {16}Exponent: 65537 \(0x10001\)\n {8}X509v3 extensions:\n/);
    expect(text).toMatch(/\n {12}X509v3 Subject Key Identifier: \n {16}([0-9A-F]{2}:){19}[0-9A-F]{2}\n/);
    expect(text).toMatch(
      /\n {4}Signature Algorithm: sha256WithRSAEncryption\n {4}Signature Value:\n {8}([0-9a-f]{2}:){18}\n/,
    );
    // 256 signature bytes, 18 to a line.
    expect(lines.filter((line) => /^ {8}[0-9a-f]{2}(:[0-9a-f]{2})*:?$/.test(line))).toHaveLength(15);
    const ca = await s.ok('cat example_certs1/example.com.crt | openssl x509 -noout -serial -text');
    expect(ca).toMatch(/^serial=[0-9A-F]+\nCertificate:\n/);
    expect(ca).toContain('\n            X509v3 Basic Constraints: critical\n                CA:TRUE\n');
  });

  it('s_client is not simulated: it says where to look instead', async () => {
    const reply = await run('openssl s_client -showcerts -connect httpbin.foo:8000');
    expect(reply.exitCode).toBe(1);
    expect(reply.stderr).toMatch(/^s_client: not simulated in this terminal\. .*istioctl proxy-config secret/);
  });

  it("answers a missing file and an unknown option in openssl's words", async () => {
    expect(await run('openssl x509 -in nope.crt -noout -subject')).toMatchObject({
      exitCode: 1,
      stderr: 'Could not open file or uri for loading: nope.crt\n',
    });
    expect((await run('openssl req -frobnicate')).stderr).toBe(
      'req: Unknown option: -frobnicate\nreq: Use -help for summary.\n',
    );
  });
});

describe("openssl x509 -text for the mesh CA's workload certificates", () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok(`kubectl label ns default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml`);
  });
  afterAll(() => s.dispose());

  it('shows the ECDSA key, the SPIFFE identity and the key usages istiod signs', async () => {
    const text = await s.ok(
      `istioctl proxy-config secret deploy/httpbin -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d | openssl x509 -noout -text`,
    );
    expect(text).toContain('        Signature Algorithm: ecdsa-with-SHA256\n        Issuer: O = cluster.local\n');
    expect(text).toContain('        Subject: \n');
    expect(text).toMatch(
      / {12}Public Key Algorithm: id-ecPublicKey\n {16}Public-Key: \(256 bit\)\n {16}pub:\n {20}04:/,
    );
    expect(text).toContain('                ASN1 OID: prime256v1\n                NIST CURVE: P-256\n');
    expect(text).toContain(
      [
        '            X509v3 Key Usage: critical',
        '                Digital Signature, Key Encipherment',
        '            X509v3 Extended Key Usage: ',
        '                TLS Web Server Authentication, TLS Web Client Authentication',
        '            X509v3 Basic Constraints: critical',
        '                CA:FALSE',
      ].join('\n'),
    );
    expect(text).toContain(
      '            X509v3 Subject Alternative Name: critical\n                URI:spiffe://cluster.local/ns/default/sa/httpbin\n',
    );
  });
});
