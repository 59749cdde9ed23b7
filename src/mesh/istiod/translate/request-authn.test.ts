import { describe, expect, it } from 'vitest';
import { istio, pod } from '../testing/objects';
import { buildMeshSnapshot } from '../model/snapshot';
import { convertRule } from './authz';
import { convertJwtRules, jwksUrisToResolve, jwtRulesForWorkload, PUBLIC_ONLY_JWKS } from './request-authn';

const URI = 'https://example.test/jwks.json';
const KEYS = '{"keys":[]}';

describe('RequestAuthentication → envoy.filters.http.jwt_authn', () => {
  it('one rule: its provider or no token at all; istiod inlines the fetched keys', () => {
    const config = convertJwtRules(
      [
        {
          issuer: 'iss-a',
          jwksUri: URI,
          audiences: ['a1'],
          forwardOriginalToken: true,
          outputPayloadToHeader: 'x-payload',
          outputClaimToHeaders: [{ header: 'x-foo', claim: 'foo' }],
          fromHeaders: [{ name: 'x-token', prefix: 'Token ' }],
          fromParams: ['tok'],
        },
      ],
      new Map([[URI, KEYS]]),
    );
    expect(config).toEqual({
      providers: {
        'origins-0': {
          issuer: 'iss-a',
          audiences: ['a1'],
          forward: true,
          forward_payload_header: 'x-payload',
          payload_in_metadata: 'payload',
          normalize_payload_in_metadata: { space_delimited_claims: ['permission', 'scope'] },
          claim_to_headers: [{ header_name: 'x-foo', claim_name: 'foo' }],
          from_headers: [{ name: 'x-token', value_prefix: 'Token ' }],
          from_params: ['tok'],
          local_jwks: { inline_string: KEYS },
        },
      },
      rules: [
        {
          match: { prefix: '/' },
          requires: { requires_any: { requirements: [{ provider_name: 'origins-0' }, { allow_missing: {} }] } },
        },
      ],
      bypass_cors_preflight: true,
    });
  });

  it('a jwksUri that could not be fetched gets the public-only key; inline jwks wins; two providers combine', () => {
    const config = convertJwtRules(
      [
        { issuer: 'a', jwksUri: URI },
        { issuer: 'b', jwks: KEYS },
      ],
      new Map(),
    );
    expect(config?.providers?.['origins-0']?.local_jwks?.inline_string).toBe(PUBLIC_ONLY_JWKS);
    expect(config?.providers?.['origins-1']?.local_jwks?.inline_string).toBe(KEYS);
    expect(config?.rules?.[0]?.requires?.requires_any?.requirements).toEqual([
      { provider_name: 'origins-0' },
      { provider_name: 'origins-1' },
      {
        requires_all: {
          requirements: [
            { requires_any: { requirements: [{ provider_name: 'origins-0' }, { allow_missing: {} }] } },
            { requires_any: { requirements: [{ provider_name: 'origins-1' }, { allow_missing: {} }] } },
          ],
        },
      },
    ]);
    expect(convertJwtRules([], new Map())).toBeUndefined();
  });

  it('scopes by root namespace, namespace, selector and Gateway targetRef; rules sorted by issuer', () => {
    const snapshot = buildMeshSnapshot([
      pod('httpbin-1', { namespace: 'foo', ip: '10.0.0.1', labels: { app: 'httpbin' } }),
      istio(
        'RequestAuthentication',
        'mesh',
        { jwtRules: [{ issuer: 'z-mesh', jwksUri: URI }] },
        { namespace: 'istio-system' },
      ),
      istio('RequestAuthentication', 'ns', { jwtRules: [{ issuer: 'a-ns' }] }, { namespace: 'foo' }),
      istio(
        'RequestAuthentication',
        'other',
        { selector: { matchLabels: { app: 'x' } }, jwtRules: [{ issuer: 'x' }] },
        { namespace: 'foo' },
      ),
      istio(
        'RequestAuthentication',
        'gw',
        {
          targetRef: { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' },
          jwtRules: [{ issuer: 'gw' }],
        },
        { namespace: 'foo' },
      ),
    ]);
    expect(
      jwtRulesForWorkload(snapshot, { namespace: 'foo', labels: { app: 'httpbin' } }).map((r) => r.issuer),
    ).toEqual(['a-ns', 'z-mesh']);
    expect(
      jwtRulesForWorkload(snapshot, {
        namespace: 'foo',
        labels: { 'gateway.networking.k8s.io/gateway-name': 'gw' },
      }).map((r) => r.issuer),
      // A Gateway's pods also take the namespace's and the mesh's policies.
    ).toEqual(['a-ns', 'gw', 'z-mesh']);
    expect(jwksUrisToResolve(snapshot)).toEqual([URI]);
  });

  it('requestPrincipals split at the last slash and match iss and sub in the jwt_authn payload', () => {
    const policy = convertRule({ from: [{ source: { requestPrincipals: ['https://issuer.example/alice'] } }] });
    expect(policy.principals).toEqual([
      {
        and_ids: {
          ids: [
            {
              and_ids: {
                ids: [
                  {
                    metadata: {
                      filter: 'envoy.filters.http.jwt_authn',
                      path: [{ key: 'payload' }, { key: 'iss' }],
                      value: { string_match: { exact: 'https://issuer.example' } },
                    },
                  },
                  {
                    metadata: {
                      filter: 'envoy.filters.http.jwt_authn',
                      path: [{ key: 'payload' }, { key: 'sub' }],
                      value: { string_match: { exact: 'alice' } },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    ]);
    const nested = convertRule({ when: [{ key: 'request.auth.claims[nested][key]', values: ['v*'] }] });
    const one = { string_match: { prefix: 'v' } };
    expect(nested.principals).toEqual([
      {
        and_ids: {
          ids: [
            {
              metadata: {
                filter: 'envoy.filters.http.jwt_authn',
                path: [{ key: 'payload' }, { key: 'nested' }, { key: 'key' }],
                value: { or_match: { value_matchers: [{ list_match: { one_of: one } }, one] } },
              },
            },
          ],
        },
      },
    ]);
  });
});
