/**
 * The PRIVATE key of meshdojo's JWT samples (src/mesh/apps/internet/jwt-samples.ts): a public sample key of
 * this course, committed on purpose so tests can sign tokens the simulated RequestAuthentication accepts
 * (expired, other audiences, other claims). It protects nothing; never use it for anything real.
 */
export const SAMPLE_JWT_PRIVATE_KEY: JsonWebKey = {
  kty: 'RSA',
  n: 'rGDWZiwAlnuxGJPYHadQB3UbP_gntXMcA4frsfxmo0tmbflVS3k4s5oA4NifiV98FPY2J01kWkyHZDrM5xHKdF1GH-5RlpFXMQ9Uq6PEAAuGErDn6eaASFFSDl8E15_OTcTwYWuNg1NRrJZJfuTkpQy1aM-hL4naXfykhaCHQHCRp8tkiNL8wGFNjFeXHM3MTV5HJwOLl2oi6khQlqQtC40XFSQFjkxKM-tt3wl-emSA1TKapNtyAkC7DPbxwsSXjA-St_FRIEQfxYRuAKsS-jcwTeSCAZiXzvBDRwMlM0_-3206FN57J965ReJNOEc3OagY1S_LumAjU47KcTbtrw',
  e: 'AQAB',
  d: 'SeXj0_5WLC0PwWEUO7YwBVprWbOpVkzoPA1HelChsayP12KV8dqgd8J0UPAdCLfiClx438V6WYnIWywoDoFegR9BgkvZN0rMjdAsNL7qtjg6fIXRjkEOSrJuEpIikcvFFirxAFqq2ptb_riY_mjjKmy10p58U9RtxHAcGds1UGabu-GQyb8_Bp4SWcDi_UJRvVIKzrSYe3AH0Jc_qdM271uB1F0Wxtitkt6XtjizaWpX43jHKS1qnUU2EtrH2xJOLS0gvzrM8lrqqZyJc6NNbj56QQaUp45fWn9JARDycQ5N3bfkNqfljKewf2jBXO6IyKsCC5sZSqeN9amGetwjzQ',
  p: '85GJjQDhmI3ZAclJACKcbRFYpRQMKClEpwqjz1g6LSbYwn-ZFVf_qWQee9ILfzaa_5jpAE-wPRG6IDSA5FW80ur7fm8eBL094_VOsIV3bi_oUzT-dEgehW9zJFcacn-CFTM2dLllsnZ2MkQdf_gdViWeTHUZwpGpam05Ph1C63M',
  q: 'tS0hLLWriuV3-PSnoQWPwaLHDDSxynmeN5tnZiGLZFKf-RW4B_--MrfcxsfVpiHe6ixJJDnpAc6eLtol7RSXBplB_C45HcmqTNj4FbDYUyhMAdOqD10HSqAx3dy3KEDe5K8N8jt-NnP5eeYSOgQordYaVGiasfKo1uTMiZ9vHdU',
  dp: 'zWSACtCgbMXJJnF3xs5o_KxxBRvnuII8a2RUiMfMn0Cv7ywsikwfwtczwZR5r3f7suheK64HXygwvXGo82O9jFstYwwO005F_5JgHgkekmOB1ZDNtn8OhdVa0l1FZyJRLtF17W5d7OVqfK7l9YDkND4axDzHUUUGCUI70D5arTM',
  dq: 'mhnTsNKpIRAC1odKGUTAvKO2iCQ94QlG0OdmsFDx3hgFJ3kYuf0GCt-mcpFAoPkIQMgAQkbbcIUMuK8mORwdRSiQHm42eKayKoEVqmVr6ndJBvjBGiY3cHsHTz1PsHZU39AhnZqKxMgqN0vAzwYAj7OfW5JJmffbMkUT0C8C9S0',
  qi: 'jI6FlaxiJcqgJ01FtCuBE-xGrFYut1kO79Og6d6XMj1JyQmFXrgB4M9Fwg3b5tOwHmp2SnEvTvZo59xr6cMpAx8f7rMhsyyo2ESLFTNK1ajBleqbfKKEU21AGVE7Seo0yps7bZxuAUxxqX8ACba4wT9Pt77LmP5dxN9OUcyFafA',
};

/** The key id the sample JWKS gives this key (its RFC 7638 thumbprint). */
export const SAMPLE_JWT_KID = 'Ft2rBbFjdVRMr_BI4kDWCiSuGuAY0wK4U98VOtaJpNY';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A token signed with the sample key (RS256), as gen-jwt.py would mint one: any claims a test needs. */
export async function signSampleJwt(payload: Record<string, unknown>): Promise<string> {
  const key = await crypto.subtle.importKey(
    'jwk',
    SAMPLE_JWT_PRIVATE_KEY,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const encode = (o: unknown): string => base64url(new TextEncoder().encode(JSON.stringify(o)));
  const signed = `${encode({ alg: 'RS256', kid: SAMPLE_JWT_KID, typ: 'JWT' })}.${encode(payload)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(signed));
  return `${signed}.${base64url(new Uint8Array(signature))}`;
}
