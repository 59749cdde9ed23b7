import type { Headers } from '../../../net';
import type { JwtProvider } from '../../../xds/index';
import { JwksVerifier, parseJwks } from './jwks';
import { checkTimes, parseJwt, type ParsedJwt } from './jwt';
import { JWT_STATUS, type JwtStatus } from './jwt-status';

/** Where a provider looks for its token. */
type TokenLocation =
  | { readonly kind: 'header'; readonly name: string; readonly prefix: string }
  | { readonly kind: 'param'; readonly name: string };

/** A token found in a request, and where (so it can be removed once verified). */
export interface ExtractedToken {
  readonly token: string;
  readonly location: TokenLocation;
}

/** What verifying one request needs from it; verified tokens change `headers` (forwarding, claims). */
export interface JwtRequest {
  readonly headers: Headers;
  readonly path: string;
  readonly nowSeconds: number;
  /** Verified payloads land here, under each provider's `payload_in_metadata`. */
  readonly metadata: Record<string, unknown>;
}

/** Envoy's default when a provider names no location: `Authorization: Bearer …` and `?access_token=…`. */
const DEFAULT_LOCATIONS: readonly TokenLocation[] = [
  { kind: 'header', name: 'authorization', prefix: 'Bearer ' },
  { kind: 'param', name: 'access_token' },
];

function queryParameter(path: string, name: string): string | undefined {
  const q = path.indexOf('?');
  if (q < 0) return undefined;
  for (const pair of path.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

/** A JwtProvider compiled once: its locations, its keys, and what a verified token does to the request. */
export class CompiledProvider {
  readonly issuer: string;
  private readonly audiences: readonly string[];
  private readonly locations: readonly TokenLocation[];
  private readonly jwks: JwksVerifier;

  constructor(private readonly config: JwtProvider) {
    this.issuer = config.issuer ?? '';
    this.audiences = config.audiences ?? [];
    const headers: TokenLocation[] = (config.from_headers ?? []).map((h) => ({
      kind: 'header',
      name: h.name.toLowerCase(),
      prefix: h.value_prefix ?? '',
    }));
    const params: TokenLocation[] = (config.from_params ?? []).map((name) => ({ kind: 'param', name }));
    this.locations = headers.length + params.length === 0 ? DEFAULT_LOCATIONS : [...headers, ...params];
    this.jwks = new JwksVerifier(parseJwks(config.local_jwks?.inline_string ?? ''));
  }

  /** Headers a client must not set itself: the ones this provider writes after verifying (Envoy: sanitizeHeaders). */
  sanitize(headers: Headers): void {
    if (this.config.forward_payload_header !== undefined)
      delete headers[this.config.forward_payload_header.toLowerCase()];
    for (const c of this.config.claim_to_headers ?? []) delete headers[c.header_name.toLowerCase()];
  }

  extract(request: JwtRequest): ExtractedToken[] {
    const out: ExtractedToken[] = [];
    for (const location of this.locations) {
      if (location.kind === 'param') {
        const token = queryParameter(request.path, location.name);
        if (token !== undefined) out.push({ token, location });
        continue;
      }
      const value = request.headers[location.name];
      if (value === undefined) continue;
      if (location.prefix === '') out.push({ token: value.trim(), location });
      else if (value.startsWith(location.prefix))
        out.push({ token: value.slice(location.prefix.length).trim(), location });
    }
    return out;
  }

  allowsIssuer(iss: string): boolean {
    return this.issuer === '' || this.issuer === iss;
  }

  /** One token, checked in Envoy's order: format, issuer, times, audiences, signature. */
  async verify(token: string, nowSeconds: number): Promise<ParsedJwt | JwtStatus> {
    const jwt = parseJwt(token);
    if (typeof jwt === 'string') return jwt;
    if (!this.allowsIssuer(jwt.iss)) return JWT_STATUS.unknownIssuer;
    const times = checkTimes(jwt, nowSeconds);
    if (times !== JWT_STATUS.ok) return times;
    if (this.audiences.length > 0 && !jwt.audiences.some((a) => this.audiences.includes(a)))
      return JWT_STATUS.audienceNotAllowed;
    const signature = await this.jwks.verify(jwt);
    return signature === JWT_STATUS.ok ? jwt : signature;
  }

  /** What a verified token does: payload to metadata and headers, claims to headers, the token removed. */
  accept(jwt: ParsedJwt, found: ExtractedToken, request: JwtRequest): void {
    const c = this.config;
    if (c.payload_in_metadata !== undefined && c.payload_in_metadata !== '')
      request.metadata[c.payload_in_metadata] = normalizedPayload(jwt.payload, c.normalize_payload_in_metadata);
    if (c.forward_payload_header !== undefined && c.forward_payload_header !== '')
      request.headers[c.forward_payload_header.toLowerCase()] = jwt.payloadBase64url;
    for (const { header_name, claim_name } of c.claim_to_headers ?? []) {
      const value = jwt.payload[claim_name];
      // Envoy copies string, number and boolean claims; objects and lists are skipped.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        request.headers[header_name.toLowerCase()] = String(value);
    }
    if (c.forward !== true && found.location.kind === 'header') delete request.headers[found.location.name];
  }
}

/** `normalize_payload_in_metadata`: a space-delimited string claim (`scope: "a b"`) becomes a list. */
function normalizedPayload(
  payload: Record<string, unknown>,
  normalize: JwtProvider['normalize_payload_in_metadata'],
): Record<string, unknown> {
  const claims = normalize?.space_delimited_claims ?? [];
  if (claims.length === 0) return payload;
  const out = { ...payload };
  for (const name of claims) {
    const v = out[name];
    if (typeof v === 'string') out[name] = v.split(' ').filter((s) => s !== '');
  }
  return out;
}
