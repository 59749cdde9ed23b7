import { describe, expect, it } from 'vitest';
import type { PeerInfo } from '../../../net';
import { VirtualClock } from '../../../sim';
import type { JwtAuthentication } from '../../../xds/index';
import { ActiveStream } from '../../http/active-stream';
import type { HttpFilterFactoryContext } from '../../http/filter';
import { StatsStore } from '../../stats/store';
import { JWT_AUTHN_FILTER, JwtAuthnFilter } from './jwt-authn-filter';

const EPOCH_MS = Date.UTC(2026, 0, 1);
const NOW = EPOCH_MS / 1000;
const ISS = 'issuer@example.test';

async function keyPair(): Promise<{ jwks: string; sign: (payload: object, header?: object) => Promise<string> }> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
  const enc = (o: object): string => b64(new TextEncoder().encode(JSON.stringify(o)));
  return {
    jwks: JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', e: pub.e, n: pub.n }] }),
    sign: async (payload, header = { alg: 'RS256', kid: 'k1' }) => {
      const signed = `${enc(header)}.${enc(payload)}`;
      const sig = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode(signed));
      return `${signed}.${b64(new Uint8Array(sig))}`;
    },
  };
}

function config(jwks: string, extra: Partial<JwtAuthentication['providers']> = {}): JwtAuthentication {
  return {
    providers: {
      'origins-0': {
        issuer: ISS,
        audiences: ['aud-a'],
        payload_in_metadata: 'payload',
        claim_to_headers: [{ header_name: 'x-jwt-claim-foo', claim_name: 'foo' }],
        local_jwks: { inline_string: jwks },
      },
      ...extra,
    },
    rules: [
      {
        match: { prefix: '/' },
        requires: { requires_any: { requirements: [{ provider_name: 'origins-0' }, { allow_missing: {} }] } },
      },
    ],
  };
}

function filterFor(cfg: JwtAuthentication): JwtAuthnFilter {
  const context = {
    clock: new VirtualClock(),
    stats: new StatsStore(),
    statPrefix: 'inbound_0.0.0.0_8000',
    epochMs: EPOCH_MS,
    track: <T>(p: Promise<T>) => p,
  } as unknown as HttpFilterFactoryContext;
  return new JwtAuthnFilter(cfg, context);
}

function stream(headers: Record<string, string>): ActiveStream {
  const peer = { remoteAddress: '10.0.0.1', remotePort: 1, localPort: 8000 } as unknown as PeerInfo;
  return new ActiveStream(
    { method: 'GET', path: '/headers?a=1', authority: 'httpbin:8000', headers, body: '' },
    peer,
    new AbortController().signal,
    0,
  );
}

describe('envoy.filters.http.jwt_authn', () => {
  it('answers each failure kind with Envoy’s status and body; no token passes (allow_missing)', async () => {
    const { jwks, sign } = await keyPair();
    const other = await keyPair();
    const filter = filterFor(config(jwks));
    const good = { iss: ISS, sub: 'alice', aud: 'aud-a', exp: NOW + 3600 };
    const cases: Array<[string, number, string]> = [
      ['invalidToken', 401, 'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections'],
      ['YWJj.b.c', 401, 'Jwt header is an invalid JSON'],
      ['a.b.c', 401, 'Jwt header is an invalid Base64url encoded'],
      [await sign({ ...good, exp: NOW - 61 }), 401, 'Jwt is expired'],
      [await sign({ ...good, nbf: NOW + 120 }), 401, 'Jwt not yet valid'],
      [await sign({ ...good, iss: 'other' }), 401, 'Jwt issuer is not configured'],
      [await sign({ ...good, aud: 'aud-b' }), 403, 'Audiences in Jwt are not allowed'],
      [await other.sign(good), 401, 'Jwt verification fails'],
      [await sign(good, { alg: 'RS256', kid: 'k2' }), 401, "Jwks doesn't have key to match kid or alg from Jwt"],
      [await sign(good, { alg: 'XX1' }), 401, 'Jwt header [alg] is not supported'],
    ];
    for (const [token, status, body] of cases) {
      const s = stream({ authorization: `Bearer ${token}` });
      const reply = await filter.decodeHeaders(s);
      expect([reply?.status, reply?.body]).toEqual([status, body]);
      expect(reply?.headers['www-authenticate']).toBe(
        'Bearer realm="http://httpbin:8000/headers", error="invalid_token"',
      );
      expect(s.responseCodeDetails).toBe(`jwt_authn_access_denied{${body.replace(/ /g, '_')}}`);
    }
    expect(await filter.decodeHeaders(stream({}))).toBeUndefined();
    expect(await filter.decodeHeaders(stream({ authorization: 'Basic abc' }))).toBeUndefined();
  });

  it('a good token: payload in the dynamic metadata, claims to headers, the token removed unless forwarded', async () => {
    const { jwks, sign } = await keyPair();
    const token = await sign({ iss: ISS, sub: 'alice', aud: ['aud-a'], foo: 'bar', exp: NOW + 60 });
    const s = stream({ authorization: `Bearer ${token}`, 'x-jwt-claim-foo': 'spoofed' });
    expect(await filterFor(config(jwks)).decodeHeaders(s)).toBeUndefined();
    expect(s.dynamicMetadata?.[JWT_AUTHN_FILTER]?.['payload']).toMatchObject({ iss: ISS, sub: 'alice', foo: 'bar' });
    expect(s.request.headers).toEqual({ 'x-jwt-claim-foo': 'bar' });

    const forwarding = config(jwks);
    forwarding.providers!['origins-0']!.forward = true;
    const kept = stream({ authorization: `Bearer ${token}` });
    await filterFor(forwarding).decodeHeaders(kept);
    expect(kept.request.headers['authorization']).toBe(`Bearer ${token}`);
  });
});
