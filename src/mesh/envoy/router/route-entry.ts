import type { Random } from '../../sim';
import {
  type HashPolicy,
  type HeaderValueOption,
  type Route,
  type RouteMatch,
  type VirtualHost,
  compileRe2,
  fractionDenominator,
  parseDuration,
  re2Substitution,
} from '../../xds/index';
import {
  compileHeaderMatcher,
  compileQueryMatcher,
  compileRe2Predicate,
  ConfigError,
  type RequestPredicate,
} from './matchers';
import type { MatchRequest } from './match-request';
import { compilePerFilterConfig, type RouteSpecificConfigFactory } from './per-filter-config';
import { compileRetryPolicy, type CompiledRetryPolicy } from './retry-policy';

export const RouteKind = { Cluster: 'cluster', Weighted: 'weighted', Direct: 'direct', Redirect: 'redirect' } as const;
export type RouteKind = (typeof RouteKind)[keyof typeof RouteKind];

/** Headers the router reads and never forwards; the peer-metadata pair is re-added or dropped per side. */
export const ROUTER_CONSUMED_HEADERS = [
  'x-envoy-upstream-rq-timeout-ms',
  'x-envoy-upstream-rq-per-try-timeout-ms',
  'x-envoy-max-retries',
  'x-envoy-retry-on',
  'x-envoy-peer-metadata',
  'x-envoy-peer-metadata-id',
];

const REDIRECT_CODES = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
} as const;

export interface MirrorTarget {
  readonly cluster: string;
  readonly numerator: number;
  readonly denominator: number;
}

function compilePathMatch(m: RouteMatch): RequestPredicate {
  const caseSensitive = m.case_sensitive !== false;
  if (m.prefix !== undefined) {
    const prefix = caseSensitive ? m.prefix : m.prefix.toLowerCase();
    if (prefix === '' || prefix === '/') return prefix === '' ? () => true : (r) => r.path.charCodeAt(0) === 47;
    return caseSensitive ? (r) => r.path.startsWith(prefix) : (r) => r.path.toLowerCase().startsWith(prefix);
  }
  if (m.path !== undefined) {
    const path = caseSensitive ? m.path : m.path.toLowerCase();
    return caseSensitive ? (r) => r.pathWithoutQuery() === path : (r) => r.pathWithoutQuery().toLowerCase() === path;
  }
  if (m.safe_regex !== undefined) {
    const test = compileRe2Predicate(m.safe_regex.regex, !caseSensitive);
    return (r) => test(r.pathWithoutQuery());
  }
  throw new ConfigError('route match has no path specifier');
}

/** All conditions of one match entry, ANDed; the cheap path test first. */
export function compileRouteMatch(m: RouteMatch, random: Random): RequestPredicate {
  const path = compilePathMatch(m);
  const rest: RequestPredicate[] = [
    ...(m.headers ?? []).map(compileHeaderMatcher),
    ...(m.query_parameters ?? []).map(compileQueryMatcher),
  ];
  const fraction = m.runtime_fraction?.default_value;
  if (fraction !== undefined) {
    const den = fractionDenominator(fraction);
    const num = fraction.numerator;
    rest.push(() => num >= den || random.int(den) < num);
  }
  if (rest.length === 0) return path;
  if (rest.length === 1) {
    const only = rest[0]!;
    return (r) => path(r) && only(r);
  }
  return (r) => {
    if (!path(r)) return false;
    for (let i = 0; i < rest.length; i++) if (!rest[i]!(r)) return false;
    return true;
  };
}

function headerPairs(list: readonly HeaderValueOption[] | undefined): Array<[string, string]> {
  return (list ?? []).map((h) => [h.header.key.toLowerCase(), h.header.value]);
}

/** A route, compiled at config time (Envoy: RouteEntryImpl). */
export class RouteEntry {
  readonly name: string;
  readonly matches: RequestPredicate;
  readonly kind: RouteKind;
  readonly clusterName: string;
  readonly weightedNames: readonly string[] = [];
  readonly weightedCumulative: readonly number[] = [];
  readonly weightedTotal: number = 0;
  /** Route timeout covering all tries; 0 = none. */
  readonly timeoutMs: number;
  readonly retryPolicy: CompiledRetryPolicy | undefined;
  readonly mirrors: readonly MirrorTarget[];
  readonly hashPolicies: readonly HashPolicy[];
  private readonly perFilter: ReadonlyMap<string, unknown>;
  readonly directStatus: number = 0;
  readonly directBody: string = '';
  /** RE2 regex_rewrite compiled for a global search, with its JavaScript replacement string. */
  readonly regexRewrite: { readonly pattern: RegExp; readonly substitution: string } | undefined;
  readonly prefixRewrite: string | undefined;
  readonly matchedPrefix: string | undefined;
  readonly hostRewrite: string | undefined;
  readonly requestHeadersToAdd: ReadonlyArray<[string, string]>;
  readonly requestHeadersToRemove: readonly string[];
  /** Downstream request headers never sent upstream: the route's removals, router-consumed and peer-metadata ones. */
  readonly upstreamHeadersToDrop: ReadonlySet<string>;
  readonly responseHeadersToAdd: ReadonlyArray<[string, string]>;
  readonly responseHeadersToRemove: readonly string[];

  constructor(
    readonly xds: Route,
    readonly virtualHost: VirtualHost,
    readonly routeConfigName: string,
    random: Random,
    filters: RouteSpecificConfigFactory,
  ) {
    this.name = xds.name ?? '';
    this.matches = compileRouteMatch(xds.match, random);
    const action = xds.route;
    if (action !== undefined) {
      if (action.weighted_clusters !== undefined) {
        this.kind = RouteKind.Weighted;
        const names: string[] = [];
        const cumulative: number[] = [];
        let total = 0;
        for (const c of action.weighted_clusters.clusters) {
          if (c.weight <= 0) continue; // a 0-weight destination is never chosen
          total += c.weight;
          names.push(c.name);
          cumulative.push(total);
        }
        this.weightedNames = names;
        this.weightedCumulative = cumulative;
        this.weightedTotal = total;
        this.clusterName = names[0] ?? '';
      } else {
        this.kind = RouteKind.Cluster;
        this.clusterName = action.cluster ?? '';
      }
    } else if (xds.direct_response !== undefined) {
      this.kind = RouteKind.Direct;
      this.clusterName = '';
      this.directStatus = xds.direct_response.status;
      this.directBody = xds.direct_response.body?.inline_string ?? '';
    } else {
      this.kind = RouteKind.Redirect;
      this.clusterName = '';
      this.directStatus = REDIRECT_CODES[xds.redirect?.response_code ?? 'MOVED_PERMANENTLY'];
    }
    this.timeoutMs = parseDuration(action?.timeout) ?? 0;
    const retry = action?.retry_policy ?? virtualHost.retry_policy;
    this.retryPolicy = retry === undefined ? undefined : compileRetryPolicy(retry);
    this.mirrors = (action?.request_mirror_policies ?? []).map((m) => ({
      cluster: m.cluster,
      numerator: m.runtime_fraction === undefined ? 100 : m.runtime_fraction.default_value.numerator,
      denominator: m.runtime_fraction === undefined ? 100 : fractionDenominator(m.runtime_fraction.default_value),
    }));
    this.hashPolicies = action?.hash_policy ?? [];
    this.perFilter = compilePerFilterConfig(xds, virtualHost, filters);
    this.prefixRewrite = action?.prefix_rewrite;
    const rr = action?.regex_rewrite;
    if (rr !== undefined) {
      const compiled = compileRe2(rr.pattern.regex, { search: true });
      if (!compiled.ok) throw new ConfigError(`regex_rewrite ${JSON.stringify(rr.pattern.regex)}: ${compiled.error}`);
      this.regexRewrite = { pattern: compiled.regex, substitution: re2Substitution(rr.substitution) };
    } else this.regexRewrite = undefined;
    this.matchedPrefix = xds.match.prefix;
    this.hostRewrite = action?.host_rewrite_literal;
    this.requestHeadersToAdd = headerPairs(xds.request_headers_to_add);
    this.requestHeadersToRemove = (xds.request_headers_to_remove ?? []).map((h) => h.toLowerCase());
    this.upstreamHeadersToDrop = new Set([...ROUTER_CONSUMED_HEADERS, ...this.requestHeadersToRemove]);
    this.responseHeadersToAdd = headerPairs(xds.response_headers_to_add);
    this.responseHeadersToRemove = (xds.response_headers_to_remove ?? []).map((h) => h.toLowerCase());
  }

  /**
   * A filter's compiled config for this route (Envoy: RouteEntry::mostSpecificPerFilterConfig), which
   * replaces the filter's own; undefined when the route and its virtual host have none.
   */
  perFilterConfig(filterName: string): unknown {
    return this.perFilter.get(filterName);
  }

  /** The path sent upstream: prefix_rewrite of the matched prefix, or regex_rewrite of the path (query kept). */
  rewritePath(path: string): string {
    if (this.prefixRewrite !== undefined && this.matchedPrefix !== undefined && path.startsWith(this.matchedPrefix)) {
      return this.prefixRewrite + path.slice(this.matchedPrefix.length);
    }
    const rr = this.regexRewrite;
    if (rr === undefined) return path;
    const q = path.indexOf('?');
    const pathOnly = q < 0 ? path : path.slice(0, q);
    rr.pattern.lastIndex = 0;
    return pathOnly.replace(rr.pattern, rr.substitution) + (q < 0 ? '' : path.slice(q));
  }

  /** Location of a redirect route: the request's scheme, host, port and path unless the route replaces them. */
  redirectLocation(authority: string, path: string): string {
    const r = this.xds.redirect ?? {};
    const scheme = r.scheme_redirect ?? 'http';
    const colon = authority.lastIndexOf(':');
    const hasPort = colon > 0 && !authority.endsWith(']');
    const host = r.host_redirect ?? (hasPort ? authority.slice(0, colon) : authority);
    const port =
      r.port_redirect !== undefined
        ? `:${r.port_redirect}`
        : r.host_redirect === undefined && hasPort
          ? authority.slice(colon)
          : '';
    let target = path;
    if (r.path_redirect !== undefined) target = r.path_redirect;
    else if (
      r.prefix_rewrite !== undefined &&
      this.matchedPrefix !== undefined &&
      path.startsWith(this.matchedPrefix)
    ) {
      target = r.prefix_rewrite + path.slice(this.matchedPrefix.length);
    }
    return `${scheme}://${host}${port}${target}`;
  }

  /** The cluster for this request: the only one, or one drawn by weight / sum of weights. */
  chooseCluster(random: Random): string {
    if (this.kind !== RouteKind.Weighted || this.weightedNames.length <= 1) return this.clusterName;
    const draw = random.int(this.weightedTotal);
    const cumulative = this.weightedCumulative;
    for (let i = 0; i < cumulative.length; i++) if (draw < cumulative[i]!) return this.weightedNames[i]!;
    return this.clusterName;
  }

  /** The key a consistent-hash load balancer hashes (first policy that yields a value). */
  hashKey(req: MatchRequest, sourceIp: string): string | undefined {
    for (const p of this.hashPolicies) {
      let v: string | undefined;
      if (p.header !== undefined) v = req.header(p.header.header_name.toLowerCase());
      else if (p.cookie !== undefined) v = readCookie(req.header('cookie'), p.cookie.name);
      else if (p.connection_properties?.source_ip === true) v = sourceIp;
      else if (p.query_parameter !== undefined) v = req.queryParameter(p.query_parameter.name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type { MatchRequest };
