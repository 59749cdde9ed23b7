import type { JwtAuthentication } from '../../../xds/index';
import type { ActiveStream } from '../../http/active-stream';
import type { FilterResult, HttpFilter, HttpFilterFactoryContext } from '../../http/filter';
import { localReply } from '../../http/local-reply';
import type { Counter } from '../../stats/store';
import { JWT_STATUS } from './jwt-status';
import { CompiledProvider } from './provider';
import { compileRequirement, type Requirement } from './requirement';

/** The filter's name, which is also where it leaves verified payloads in the stream's dynamic metadata. */
export const JWT_AUTHN_FILTER = 'envoy.filters.http.jwt_authn';

interface Rule {
  readonly matches: (path: string) => boolean;
  readonly requirement: Requirement;
}

/** Envoy's realm: scheme, host and path without the query, the path cut at 256 characters. */
function originalUri(stream: ActiveStream): string {
  const req = stream.request;
  const q = req.path.indexOf('?');
  const path = (q < 0 ? req.path : req.path.slice(0, q)).slice(0, 256);
  return `${req.headers['x-forwarded-proto'] ?? 'http'}://${req.authority}${path}`;
}

function isCorsPreflight(stream: ActiveStream): boolean {
  const h = stream.request.headers;
  return stream.request.method === 'OPTIONS' && !!h['origin'] && !!h['access-control-request-method'];
}

/**
 * envoy.filters.http.jwt_authn. The first rule whose path matches names the requirement; a token that fails
 * it is refused with 401 and Envoy's reason as the body (403 for an audience not allowed), a verified one
 * leaves its payload in the dynamic metadata for RBAC. Signatures are checked with WebCrypto, outside the
 * simulation clock, so the check is `track`ed.
 */
export class JwtAuthnFilter implements HttpFilter {
  private readonly rules: readonly Rule[];
  private readonly providers: readonly CompiledProvider[];
  private readonly bypassCors: boolean;
  private readonly allowed: Counter;
  private readonly denied: Counter;

  constructor(
    config: JwtAuthentication | undefined,
    private readonly context: HttpFilterFactoryContext,
  ) {
    const providers = new Map(
      Object.entries(config?.providers ?? {}).map(([name, p]) => [name, new CompiledProvider(p)] as const),
    );
    this.providers = [...providers.values()];
    this.rules = (config?.rules ?? []).map((rule) => {
      const { prefix, path } = rule.match;
      return {
        matches: (p: string) => (path !== undefined ? p === path : p.startsWith(prefix ?? '/')),
        requirement: compileRequirement(rule.requires, providers),
      };
    });
    this.bypassCors = config?.bypass_cors_preflight === true;
    this.allowed = context.stats.counter(`http.${context.statPrefix}.jwt_authn.allowed`);
    this.denied = context.stats.counter(`http.${context.statPrefix}.jwt_authn.denied`);
  }

  decodeHeaders(stream: ActiveStream): FilterResult | Promise<FilterResult> {
    if (this.bypassCors && isCorsPreflight(stream)) return undefined;
    const req = stream.request;
    const q = req.path.indexOf('?');
    const pathOnly = q < 0 ? req.path : req.path.slice(0, q);
    const rule = this.rules.find((r) => r.matches(pathOnly));
    if (rule === undefined) return undefined;
    for (const p of this.providers) p.sanitize(req.headers);
    return this.context.track(this.verify(stream, rule.requirement));
  }

  private async verify(stream: ActiveStream, requirement: Requirement): Promise<FilterResult> {
    const metadata: Record<string, unknown> = {};
    const nowSeconds = Math.floor((this.context.epochMs + this.context.clock.now()) / 1000);
    const status = await requirement({
      headers: stream.request.headers,
      path: stream.request.path,
      nowSeconds,
      metadata,
    });
    if (Object.keys(metadata).length > 0) (stream.dynamicMetadata ??= {})[JWT_AUTHN_FILTER] = metadata;
    stream.hop?.decisions.push({ kind: 'jwt', ok: status === JWT_STATUS.ok, status });
    if (status === JWT_STATUS.ok) {
      this.allowed.value++;
      return undefined;
    }
    this.denied.value++;
    stream.responseCodeDetails = `jwt_authn_access_denied{${status.replace(/\s/g, '_')}}`;
    const challenge =
      `Bearer realm="${originalUri(stream)}"` + (status === JWT_STATUS.missing ? '' : ', error="invalid_token"');
    return localReply(status === JWT_STATUS.audienceNotAllowed ? 403 : 401, status, { 'www-authenticate': challenge });
  }
}
