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
