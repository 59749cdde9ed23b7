import type { Random } from '../../sim';
import type { Headers } from '../../net';
import type { Route, RouteConfiguration, VirtualHost } from '../../xds/index';
import { MatchRequest } from './match-request';
import type { RouteSpecificConfigFactory } from './per-filter-config';
import { RouteEntry } from './route-entry';

/** What a route matcher sees of a request. */
export interface RouteMatchInput {
  readonly method: string;
  /** Path with query string. */
  readonly path: string;
  readonly authority: string;
  /** Lower-case names. */
  readonly headers: Headers;
}

/** The route a matcher chose: objects taken from the RouteConfiguration it was built from. */
export interface RouteMatchResult {
  readonly virtualHost: VirtualHost;
  readonly route: Route;
}

/**
 * The pluggable route matcher: given the RouteConfiguration once, it answers which virtual host and
 * route serve a request (undefined → 404, flag NR). A lab plugs a learner's matcher in here.
 */
export interface RouteMatcher {
  route(request: RouteMatchInput): RouteMatchResult | undefined;
}

export type RouteMatcherFactory = (config: RouteConfiguration) => RouteMatcher;

interface CompiledVirtualHost {
  readonly xds: VirtualHost;
  readonly routes: readonly RouteEntry[];
}

/** Strips `:port` from a host (IPv6 literals keep their brackets). */
export function stripPort(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon < 0 || host.endsWith(']')) return host;
  return host.slice(0, colon);
}

/**
 * Envoy's route table: virtual host by authority (exact, then the longest suffix wildcard, then the longest
 * prefix wildcard, then `*`; case-insensitive), then the vhost's routes in order, first match wins. Built
 * once per RouteConfiguration; the host → virtual host answer is cached.
 */
export class RouteTable implements RouteMatcher {
  private readonly exact = new Map<string, CompiledVirtualHost>();
  private readonly suffixes: Array<[string, CompiledVirtualHost]> = [];
  private readonly prefixes: Array<[string, CompiledVirtualHost]> = [];
  private wildcard: CompiledVirtualHost | undefined;
  private readonly hostCache = new Map<string, CompiledVirtualHost | null>();
  private readonly byRoute = new Map<Route, RouteEntry>();
  readonly ignorePort: boolean;

  constructor(
    readonly config: RouteConfiguration,
    private readonly random: Random,
    private readonly filters: RouteSpecificConfigFactory,
    stripAnyHostPort = false,
  ) {
    this.ignorePort = stripAnyHostPort || config.ignore_port_in_host_matching === true;
    for (const vh of config.virtual_hosts) {
      const routes = vh.routes.map((r) => {
        const entry = new RouteEntry(r, vh, config.name, random, filters);
        this.byRoute.set(r, entry);
        return entry;
      });
      const compiled: CompiledVirtualHost = { xds: vh, routes };
      for (const raw of vh.domains) {
        const d = raw.toLowerCase();
        if (d === '*') this.wildcard = compiled;
        else if (d.startsWith('*')) this.suffixes.push([d.slice(1), compiled]);
        else if (d.endsWith('*')) this.prefixes.push([d.slice(0, -1), compiled]);
        else this.exact.set(d, compiled);
      }
    }
    this.suffixes.sort((a, b) => b[0].length - a[0].length);
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  private virtualHostFor(authority: string): CompiledVirtualHost | undefined {
    const cached = this.hostCache.get(authority);
    if (cached !== undefined) return cached ?? undefined;
    let host = authority.toLowerCase();
    if (this.ignorePort) host = stripPort(host);
    let found = this.exact.get(host);
    if (found === undefined) {
      for (const [suffix, vh] of this.suffixes) {
        if (host.length > suffix.length && host.endsWith(suffix)) {
          found = vh;
          break;
        }
      }
    }
    if (found === undefined) {
      for (const [prefix, vh] of this.prefixes) {
        if (host.length > prefix.length && host.startsWith(prefix)) {
          found = vh;
          break;
        }
      }
    }
    found ??= this.wildcard;
    if (this.hostCache.size > 4096) this.hostCache.clear();
    this.hostCache.set(authority, found ?? null);
    return found;
  }

  /** The compiled route for a request; the data path's entry point. */
  matchEntry(req: MatchRequest): RouteEntry | undefined {
    const vh = this.virtualHostFor(req.authority);
    if (vh === undefined) return undefined;
    const routes = vh.routes;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i]!;
      if (r.matches(req)) return r;
    }
    return undefined;
  }

  route(input: RouteMatchInput): RouteMatchResult | undefined {
    const entry = this.matchEntry(new MatchRequest(input.method, input.path, input.authority, input.headers));
    return entry === undefined ? undefined : { virtualHost: entry.virtualHost, route: entry.xds };
  }

  /** The compiled entry for a route object of this config (or a fresh compile for a foreign one). */
  entryFor(result: RouteMatchResult): RouteEntry {
    let entry = this.byRoute.get(result.route);
    if (entry === undefined) {
      entry = new RouteEntry(result.route, result.virtualHost, this.config.name, this.random, this.filters);
      this.byRoute.set(result.route, entry);
    }
    return entry;
  }
}
