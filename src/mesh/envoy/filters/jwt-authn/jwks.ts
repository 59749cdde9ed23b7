import { JWT_STATUS, type JwtStatus } from './jwt-status';
import type { ParsedJwt } from './jwt';

/** One public key of a JWKS, as the provider's `local_jwks` gave it. */
interface Jwk {
  readonly kty: string;
  readonly kid: string;
  readonly alg: string;
  readonly jwk: JsonWebKey;
}

/** How WebCrypto verifies each JWS algorithm, and which key type it needs. */
interface AlgorithmPlan {
  readonly kty: string;
  readonly importParams: RsaHashedImportParams | EcKeyImportParams | HmacImportParams;
  readonly verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
}

function plan(alg: string): AlgorithmPlan | undefined {
  const bits = alg.slice(2);
  const hash = `SHA-${bits}`;
  if (alg.startsWith('RS'))
    return {
      kty: 'RSA',
      importParams: { name: 'RSASSA-PKCS1-v1_5', hash },
      verifyParams: { name: 'RSASSA-PKCS1-v1_5' },
    };
  if (alg.startsWith('PS'))
    return {
      kty: 'RSA',
      importParams: { name: 'RSA-PSS', hash },
      verifyParams: { name: 'RSA-PSS', saltLength: Number(bits) / 8 },
    };
  if (alg.startsWith('ES')) {
    const namedCurve = bits === '256' ? 'P-256' : bits === '384' ? 'P-384' : 'P-521';
    return { kty: 'EC', importParams: { name: 'ECDSA', namedCurve }, verifyParams: { name: 'ECDSA', hash } };
  }
  if (alg.startsWith('HS')) return { kty: 'oct', importParams: { name: 'HMAC', hash }, verifyParams: 'HMAC' };
  return undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The usable keys of a JWKS document; an unreadable document has none. */
export function parseJwks(text: string): Jwk[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  const out: Jwk[] = [];
  for (const k of keys as unknown[]) {
    if (typeof k !== 'object' || k === null) continue;
    const key = k as Record<string, unknown>;
    const kty = str(key['kty']);
    const complete =
      (kty === 'RSA' && str(key['n']) !== '' && str(key['e']) !== '') ||
      (kty === 'EC' && str(key['x']) !== '' && str(key['y']) !== '') ||
      (kty === 'oct' && str(key['k']) !== '');
    if (complete) out.push({ kty, kid: str(key['kid']), alg: str(key['alg']), jwk: key as JsonWebKey });
  }
  return out;
}

/**
 * A provider's keys, imported into WebCrypto once each and then reused (Envoy parses local_jwks once,
 * when the filter is built).
 */
export class JwksVerifier {
  private readonly imported = new Map<string, Promise<CryptoKey | undefined>>();

  constructor(private readonly keys: readonly Jwk[]) {}

  get hasKeys(): boolean {
    return this.keys.length > 0;
  }

  /**
   * Envoy's key search: keys whose kid (when both have one) and alg (when the key names one) match the
   * token's are tried in order. None tried → kid/alg mismatch; all tried and none verify → verification fails.
   */
  async verify(jwt: ParsedJwt): Promise<JwtStatus> {
    if (!this.hasKeys) return JWT_STATUS.jwksNoValidKeys;
    let matched = false;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      if (jwt.kid !== '' && key.kid !== '' && key.kid !== jwt.kid) continue;
      if (key.alg !== '' && key.alg !== jwt.alg) continue;
      matched = true;
      if (await this.verifyWith(i, key, jwt)) return JWT_STATUS.ok;
    }
    return matched ? JWT_STATUS.verificationFails : JWT_STATUS.jwksKidAlgMismatch;
  }

  private async verifyWith(index: number, key: Jwk, jwt: ParsedJwt): Promise<boolean> {
    const p = plan(jwt.alg);
    if (p === undefined || p.kty !== key.kty) return false;
    const cacheKey = `${index}/${jwt.alg}`;
    let imported = this.imported.get(cacheKey);
    if (imported === undefined) {
      // `alg`/`key_ops` of the document must not narrow what we import for: Envoy reads n/e, x/y, k alone.
      const material: JsonWebKey = { ...key.jwk };
      delete material.alg;
      delete material.key_ops;
      delete material.use;
      imported = crypto.subtle.importKey('jwk', material, p.importParams, false, ['verify']).catch(() => undefined);
      this.imported.set(cacheKey, imported);
    }
    const cryptoKey = await imported;
    if (cryptoKey === undefined) return false;
    const data = new TextEncoder().encode(jwt.signedPart);
    return crypto.subtle.verify(p.verifyParams, cryptoKey, jwt.signature as BufferSource, data).catch(() => false);
  }
}
