import type { HttpFilter, JwtAuthentication, JwtProvider, JwtRequirement } from '../../xds';
import { FILTER_NAME, TYPE_URL } from '../../xds';
import type { JwtRule, Labels } from '../model/istio-api';
import type { MeshSnapshot } from '../model/snapshot';
import { policiesForWorkload } from './policy-target';

/** Where Istio tells jwt_authn to put a verified payload; RBAC's claim matchers read it from there. */
export const JWT_PAYLOAD_METADATA_KEY = 'payload';

/**
 * What istiod inlines when it cannot fetch a `jwksUri`: the public half of an RSA key whose private half was
 * thrown away at once, so every token fails (`Jwt verification fails`) rather than any passing. Ours, made
 * the same way Istio made its own.
 */
export const PUBLIC_ONLY_JWKS = `{
  "keys": [
    {
      "kty": "RSA",
      "e": "AQAB",
      "n": "tahj7pYQ-8mCGxd5AbIwdUGySyqGIQpafbOiifjCTXR8K0BJqxXL5tyoNsbN1FI93EpO-cA9KtWhA1Mk0lscuc3HeYxWBHEUQ3tc0WckomT_ZPgObg-4LGd6JIe5sNrQZc2z6PDvtCZik2zR7G29YbmBaNmq5vOXlnT-vQPoM3ElrKByalSphPDydjeh4Ux2sBqTrwhtGm7_yLKe5wsIs3kZKXT1VaoIsVNTE8J4ZUsksGNtoo2v1sruaOHwnKQRqxvs_-BOITBF0SdbimRZQuicZCQlrAiJJZFbwWA-CzT-jUdBURZo6moqaCeujubAzfIP0rsPYXGq3LSsDkGPUw"
    }
  ]
}`;

/** Claims jwt_authn splits on spaces before RBAC sees them (`scope: "a b"` → ["a", "b"]), as Istio asks. */
const DEFAULT_SPACE_DELIMITED_CLAIMS = ['permission', 'scope'];

/** The JWT rules of every RequestAuthentication that applies to a workload, ordered by issuer as Istio does. */
export function jwtRulesForWorkload(
  snapshot: MeshSnapshot,
  workload: { namespace: string; labels: Labels },
): JwtRule[] {
  const rules = policiesForWorkload(
    snapshot.requestAuthentications,
    snapshot.meshConfig.rootNamespace,
    workload,
  ).flatMap((p) => p.spec.jwtRules ?? []);
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => {
      const x = a.rule.issuer ?? '';
      const y = b.rule.issuer ?? '';
      return x < y ? -1 : x > y ? 1 : a.index - b.index;
    })
    .map((r) => r.rule);
}

function convertProvider(rule: JwtRule, jwks: ReadonlyMap<string, string>): JwtProvider {
  const keys = rule.jwks ?? (rule.jwksUri === undefined ? undefined : jwks.get(rule.jwksUri));
  const provider: JwtProvider = {
    issuer: rule.issuer ?? '',
    payload_in_metadata: JWT_PAYLOAD_METADATA_KEY,
    normalize_payload_in_metadata: {
      space_delimited_claims: [
        ...new Set([...(rule.spaceDelimitedClaims ?? []), ...DEFAULT_SPACE_DELIMITED_CLAIMS]),
      ].sort(),
    },
    local_jwks: { inline_string: keys !== undefined && keys !== '' ? keys : PUBLIC_ONLY_JWKS },
  };
  if (rule.audiences !== undefined && rule.audiences.length > 0) provider.audiences = [...rule.audiences];
  if (rule.forwardOriginalToken === true) provider.forward = true;
  if (rule.outputPayloadToHeader !== undefined) provider.forward_payload_header = rule.outputPayloadToHeader;
  if (rule.outputClaimToHeaders !== undefined && rule.outputClaimToHeaders.length > 0)
    provider.claim_to_headers = rule.outputClaimToHeaders.map((c) => ({ header_name: c.header, claim_name: c.claim }));
  if (rule.fromHeaders !== undefined && rule.fromHeaders.length > 0)
    provider.from_headers = rule.fromHeaders.map((h) => ({
      name: h.name,
      ...(h.prefix !== undefined && { value_prefix: h.prefix }),
    }));
  if (rule.fromParams !== undefined && rule.fromParams.length > 0) provider.from_params = [...rule.fromParams];
  if (rule.fromCookies !== undefined && rule.fromCookies.length > 0) provider.from_cookies = [...rule.fromCookies];
  return provider;
}

/**
 * Istio's convertToEnvoyJwtConfig: one provider per rule (`origins-<i>`). A token, if present, must satisfy
 * its provider; none at all passes (allow_missing), leaving authorization to decide. With several providers,
 * a token that satisfies any one of them also passes, since they may read the same header.
 */
export function convertJwtRules(
  rules: readonly JwtRule[],
  jwks: ReadonlyMap<string, string>,
): JwtAuthentication | undefined {
  if (rules.length === 0) return undefined;
  const providers: Record<string, JwtProvider> = {};
  const perProvider: JwtRequirement[] = [];
  const anyProvider: JwtRequirement[] = [];
  rules.forEach((rule, i) => {
    const name = `origins-${i}`;
    providers[name] = convertProvider(rule, jwks);
    perProvider.push({ requires_any: { requirements: [{ provider_name: name }, { allow_missing: {} }] } });
    anyProvider.push({ provider_name: name });
  });
  const requires: JwtRequirement =
    perProvider.length === 1
      ? perProvider[0]!
      : { requires_any: { requirements: [...anyProvider, { requires_all: { requirements: perProvider } }] } };
  return { rules: [{ match: { prefix: '/' }, requires }], providers, bypass_cors_preflight: true };
}

/** The jwt_authn filter for a workload, or none when no RequestAuthentication applies to it. */
export function jwtAuthnFilters(snapshot: MeshSnapshot, workload: { namespace: string; labels: Labels }): HttpFilter[] {
  const config = convertJwtRules(jwtRulesForWorkload(snapshot, workload), snapshot.jwks);
  return config === undefined
    ? []
    : [{ name: FILTER_NAME.jwtAuthn, typed_config: { '@type': TYPE_URL.jwtAuthn, ...config } }];
}

/** Every jwksUri istiod must fetch: the rules of all RequestAuthentications that carry no inline keys. */
export function jwksUrisToResolve(snapshot: Pick<MeshSnapshot, 'requestAuthentications'>): string[] {
  const uris = new Set<string>();
  for (const p of snapshot.requestAuthentications)
    for (const rule of p.spec.jwtRules ?? [])
      if (rule.jwks === undefined && rule.jwksUri !== undefined) uris.add(rule.jwksUri);
  return [...uris].sort();
}
