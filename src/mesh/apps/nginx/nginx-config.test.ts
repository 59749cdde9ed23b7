import { describe, expect, it } from 'vitest';
import { parseNginxConfig } from './nginx-config';

describe('nginx.conf', () => {
  it('reads each server block: port, ssl, certificates and client verification; comments are ignored', () => {
    const servers = parseNginxConfig(`events {}
http {
  server {
    listen 8443 ssl;
    ssl_certificate /certs/tls.crt; # the chain
    ssl_client_certificate /ca/ca.crt;
    ssl_verify_client optional;
  }
  server { listen 127.0.0.1:8080; }
}`);
    expect(servers).toEqual([
      {
        port: 8443,
        ssl: true,
        certificate: '/certs/tls.crt',
        clientCertificate: '/ca/ca.crt',
        verifyClient: 'optional',
      },
      { port: 8080, ssl: false, verifyClient: 'off' },
    ]);
  });
});
