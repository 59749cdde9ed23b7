import type { HeaderMatcher, QueryParameterMatcher, RegexMatcher, RouteMatch, StringMatcher } from '../../xds';
import type { HTTPMatchRequest, StringMatch } from '../model/istio-api';

/** Istio's ConvertToEnvoyMatch: exact / prefix / regex (RE2, whole value). */
export function translateStringMatch(m: StringMatch | undefined): StringMatcher | undefined {
  if (m === undefined) return undefined;
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safe_regex: { regex: m.regex } };
  return undefined;
}

/** No match type, or regex `*` (not RE2, a common mistake Istio forgives), means "the header is present". */
function isPresenceMatch(m: StringMatch | undefined): boolean {
  return (
    m === undefined || (m.exact === undefined && m.prefix === undefined && (m.regex === undefined || m.regex === '*'))
  );
}

export function translateHeaderMatch(name: string, m: StringMatch | undefined): HeaderMatcher {
  if (isPresenceMatch(m)) return { name, present_match: true };
  const string_match = translateStringMatch(m);
  return string_match === undefined ? { name, present_match: true } : { name, string_match };
}

function translateQueryParamMatch(name: string, m: StringMatch | undefined): QueryParameterMatcher {
  if (isPresenceMatch(m)) return { name, present_match: true };
  const string_match = translateStringMatch(m);
  return string_match === undefined ? { name, present_match: true } : { name, string_match };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A Gateway API PathPrefix matches whole path segments (`/foo` matches `/foo` and `/foo/bar`, not
 * `/foobar`): Envoy's path_separated_prefix. Written as the equivalent RE2 pattern, which our proxies
 * understand.
 */
export function pathSeparatedPrefix(prefix: string): RegexMatcher {
  const trimmed = prefix.replace(/\/+$/, '');
  return { regex: `${escapeRegex(trimmed)}(/.*)?` };
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Istio's TranslateRouteMatch. Everything in one HTTPMatchRequest must hold (Envoy ANDs a route match's
 * conditions); several HTTPMatchRequests become several routes, which is how Istio ORs them.
 */
export function translateRouteMatch(match: HTTPMatchRequest | undefined, gatewaySemantics = false): RouteMatch {
  const out: RouteMatch = { prefix: '/' };
  if (match === undefined) return out;
  const headers: HeaderMatcher[] = [];
  for (const [name, m] of Object.entries(match.headers ?? {}))
    headers.push(translateHeaderMatch(name.toLowerCase(), m));
  for (const [name, m] of Object.entries(match.withoutHeaders ?? {})) {
    const h: HeaderMatcher = { ...translateHeaderMatch(name.toLowerCase(), m), invert_match: true };
    if (!isPresenceMatch(m)) h.treat_missing_header_as_empty = true;
    headers.push(h);
  }
  headers.sort(byName);
  const uri = match.uri;
  if (uri?.exact !== undefined) {
    delete out.prefix;
    out.path = uri.exact;
  } else if (uri?.prefix !== undefined) {
    if (gatewaySemantics && uri.prefix !== '/') {
      delete out.prefix;
      out.safe_regex = pathSeparatedPrefix(uri.prefix);
    } else out.prefix = uri.prefix;
  } else if (uri?.regex !== undefined) {
    delete out.prefix;
    out.safe_regex = { regex: uri.regex };
  }
  out.case_sensitive = match.ignoreUriCase !== true;
  if (match.method !== undefined) headers.push(translateHeaderMatch(':method', match.method));
  if (match.authority !== undefined) headers.push(translateHeaderMatch(':authority', match.authority));
  if (match.scheme !== undefined) headers.push(translateHeaderMatch(':scheme', match.scheme));
  if (headers.length > 0) out.headers = headers;
  const query = Object.entries(match.queryParams ?? {}).map(([name, m]) => translateQueryParamMatch(name, m));
  if (query.length > 0) out.query_parameters = query.sort(byName);
  return out;
}

/** A route that matches every request (prefix `/` or regex `.*`, nothing else): nothing after it can match. */
export function isCatchAllRoute(match: RouteMatch): boolean {
  const pathAll = match.prefix === '/' || match.safe_regex?.regex === '.*';
  return pathAll && (match.headers ?? []).length === 0 && (match.query_parameters ?? []).length === 0;
}
