import { JWT_STATUS, type JwtStatus } from './jwt-status';

/** The algorithms Envoy's JWT library knows; a token naming another is refused before any key is tried. */
const KNOWN_ALGS = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'HS256',
  'HS384',
  'HS512',
  'EdDSA',
]);

/** A token taken apart (Envoy: google::jwt_verify::Jwt). Times are seconds since 1970; 0 = absent. */
export interface ParsedJwt {
  readonly alg: string;
  readonly kid: string;
  readonly iss: string;
  readonly sub: string;
  readonly audiences: readonly string[];
  readonly nbf: number;
  readonly exp: number;
  readonly payload: Record<string, unknown>;
  /** The payload part as it came, for `forward_payload_header`. */
  readonly payloadBase64url: string;
  /** `header.payload`: what the signature covers. */
  readonly signedPart: string;
  readonly signature: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** base64url, with or without padding (as absl's WebSafeBase64Unescape takes it); undefined when invalid. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeJson(text: string): Record<string, unknown> | undefined | 'bad-base64' {
  const bytes = decodeBase64url(text);
  if (bytes === undefined) return 'bad-base64';
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Reads an optional time claim: absent → 0; present and not an integer → the claim's own failure. */
function timeClaim(payload: Record<string, unknown>, name: string, failure: JwtStatus): number | JwtStatus {
  const v = payload[name];
  if (v === undefined) return 0;
  return isInteger(v) ? v : failure;
}

/** Parses in Envoy's order: shape, header, payload claims, signature. The first problem is the answer. */
export function parseJwt(token: string): ParsedJwt | JwtStatus {
  const parts = token.split('.');
  if (parts.length !== 3) return JWT_STATUS.badFormat;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  if (header === 'bad-base64') return JWT_STATUS.headerBadBase64;
  if (header === undefined) return JWT_STATUS.headerBadJson;
  const alg = header['alg'];
  if (typeof alg !== 'string') return JWT_STATUS.headerBadAlg;
  if (!KNOWN_ALGS.has(alg)) return JWT_STATUS.headerAlgNotImplemented;
  const kid = header['kid'];
  if (kid !== undefined && typeof kid !== 'string') return JWT_STATUS.headerBadKid;

  const payload = decodeJson(payloadPart);
  if (payload === 'bad-base64') return JWT_STATUS.payloadBadBase64;
  if (payload === undefined) return JWT_STATUS.payloadBadJson;
  const iss = payload['iss'] ?? '';
  if (typeof iss !== 'string') return JWT_STATUS.issNotString;
  const sub = payload['sub'] ?? '';
  if (typeof sub !== 'string') return JWT_STATUS.subNotString;
  const iat = timeClaim(payload, 'iat', JWT_STATUS.iatNotInteger);
  if (typeof iat === 'string') return iat;
  const nbf = timeClaim(payload, 'nbf', JWT_STATUS.nbfNotInteger);
  if (typeof nbf === 'string') return nbf;
  const exp = timeClaim(payload, 'exp', JWT_STATUS.expNotInteger);
  if (typeof exp === 'string') return exp;
  if (payload['jti'] !== undefined && typeof payload['jti'] !== 'string') return JWT_STATUS.jtiNotString;
  const aud = payload['aud'];
  let audiences: string[] = [];
  if (typeof aud === 'string') audiences = [aud];
  else if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) audiences = aud as string[];
  else if (aud !== undefined) return JWT_STATUS.audNotString;

  const signature = decodeBase64url(signaturePart);
  if (signature === undefined) return JWT_STATUS.signatureBadBase64;
  return {
    alg,
    kid: kid ?? '',
    iss,
    sub,
    audiences,
    nbf,
    exp,
    payload,
    payloadBase64url: payloadPart,
    signedPart: `${headerPart}.${payloadPart}`,
    signature,
  };
}

/** Envoy's default clock skew: a token is good 60 s before `nbf` and 60 s after `exp`. */
export const CLOCK_SKEW_SECONDS = 60;

export function checkTimes(jwt: ParsedJwt, nowSeconds: number): JwtStatus {
  if (jwt.nbf > 0 && nowSeconds + CLOCK_SKEW_SECONDS < jwt.nbf) return JWT_STATUS.notYetValid;
  if (jwt.exp > 0 && nowSeconds > jwt.exp + CLOCK_SKEW_SECONDS) return JWT_STATUS.expired;
  return JWT_STATUS.ok;
}
