import type { HttpFilter, Route, RouteConfiguration, VirtualHost } from '../../xds';
import { compileRe2 } from '../../xds';
import { cloneObject } from '../../kube';
import { ISTIO_VERSION } from '../../sim';
import type { EnvoyConfigPatch, EnvoyFilterSpec, PatchContext } from '../model/istio-api';
import type { Config } from '../model/config';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { hasSelector, selectorMatches } from '../model/labels';

/**
 * EnvoyFilter, as far as meshdojo takes it: HTTP_FILTER patches (how istio.io's local rate limiting task
 * inserts `envoy.filters.http.local_ratelimit`) and MERGE patches on ROUTE_CONFIGURATION, VIRTUAL_HOST and
 * HTTP_ROUTE (how it sets a per-route token bucket). Matching follows pilot's envoyfilter package:
 * context, port, names; a patch that matches nothing changes nothing.
 */

/** The Istio version our proxies report, for `match.proxy.proxyVersion`. */

const DEPRECATED_NAMES: Record<string, string> = {
  'envoy.http_connection_manager': 'envoy.filters.network.http_connection_manager',
  'envoy.router': 'envoy.filters.http.router',
  'envoy.fault': 'envoy.filters.http.fault',
  'envoy.rbac': 'envoy.filters.http.rbac',
  'envoy.local_rate_limit': 'envoy.filters.http.local_ratelimit',
};
const canonicalName = (name: string): string => DEPRECATED_NAMES[name] ?? name;
const TYPED_STRUCTS = new Set([
  'type.googleapis.com/udpa.type.v1.TypedStruct',
  'type.googleapis.com/xds.type.v3.TypedStruct',
]);

/** EnvoyFilters for a proxy: root namespace ones for everyone, its namespace's own; selectors must match. */
export function envoyFiltersForProxy(snapshot: MeshSnapshot, proxy: ProxyInfo): Config<EnvoyFilterSpec>[] {
  const root = snapshot.meshConfig.rootNamespace;
  return snapshot.envoyFilters
    .filter((ef) => {
      if (ef.meta.namespace !== root && ef.meta.namespace !== proxy.workload.namespace) return false;
      const selector = ef.spec.workloadSelector?.labels;
      return !hasSelector(selector) || selectorMatches(selector, proxy.workload.labels);
    })
    .map((ef, i) => ({ ef, i }))
    .sort(
      (a, b) =>
        (a.ef.spec.priority ?? 0) - (b.ef.spec.priority ?? 0) ||
        Number(b.ef.meta.namespace === root) - Number(a.ef.meta.namespace === root) ||
        a.i - b.i,
    )
    .map((x) => x.ef);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Unwraps `udpa.type.v1.TypedStruct` into the typed message it carries, and reads Envoy's deprecated
 * `append: bool` on header options as the `append_action` it stands for.
 */
export function normalizePatchValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizePatchValue);
  if (!isObject(value)) return value;
  if (
    typeof value['@type'] === 'string' &&
    TYPED_STRUCTS.has(value['@type']) &&
    typeof value['type_url'] === 'string'
  ) {
    return { '@type': value['type_url'], ...(normalizePatchValue(value['value'] ?? {}) as Record<string, unknown>) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizePatchValue(v);
  if (typeof out['append'] === 'boolean' && isObject(out['header'])) {
    out['append_action'] = out['append'] ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD';
    delete out['append'];
  }
  return out;
}

/** Protobuf merge: messages merge field by field, repeated fields append, maps and scalars replace per key. */
export function mergeProto(target: Record<string, unknown>, patch: Record<string, unknown>, mapField = false): void {
  for (const [k, v] of Object.entries(patch)) {
    const current = target[k];
    if (Array.isArray(v)) target[k] = [...(Array.isArray(current) ? current : []), ...structuredClone(v)];
    else if (isObject(v) && isObject(current) && !mapField) mergeProto(current, v, k === 'typed_per_filter_config');
    else target[k] = structuredClone(v);
  }
}

function contextMatches(patch: EnvoyConfigPatch, context: PatchContext): boolean {
  const want = patch.match?.context ?? 'ANY';
  if (want !== 'ANY' && want !== context) return false;
  const version = patch.match?.proxy?.proxyVersion;
  if (version === undefined || version === '') return true;
  const re = compileRe2(version);
  return re.ok && re.regex.test(ISTIO_VERSION);
}

export interface ListenerPatchContext {
  readonly context: PatchContext;
  readonly listenerName: string;
  /** The listener port (outbound, gateway) or the filter chain's destination port (inbound). */
  readonly port: number;
  readonly filterChainName: string | undefined;
}

function listenerMatches(patch: EnvoyConfigPatch, ctx: ListenerPatchContext): boolean {
  const l = patch.match?.listener;
  if (l === undefined) return true;
  if (l.portNumber !== undefined && l.portNumber !== 0 && l.portNumber !== ctx.port) return false;
  if (l.name !== undefined && l.name !== '' && l.name !== ctx.listenerName) return false;
  const chain = l.filterChain;
  if (chain?.name !== undefined && chain.name !== '' && chain.name !== ctx.filterChainName) return false;
  const filter = chain?.filter?.name;
  return (
    filter === undefined || filter === '' || canonicalName(filter) === 'envoy.filters.network.http_connection_manager'
  );
}

/** Applies HTTP_FILTER patches to one HTTP connection manager's filter list (returns a new list). */
export function applyHttpFilterPatches(
  filters: readonly HttpFilter[],
  envoyFilters: readonly Config<EnvoyFilterSpec>[],
  ctx: ListenerPatchContext,
): HttpFilter[] {
  let out = [...filters];
  for (const ef of envoyFilters) {
    for (const patch of ef.spec.configPatches ?? []) {
      if (patch.applyTo !== 'HTTP_FILTER' || !contextMatches(patch, ctx.context) || !listenerMatches(patch, ctx))
        continue;
      const subName = patch.match?.listener?.filterChain?.filter?.subFilter?.name;
      const sub = subName === undefined || subName === '' ? undefined : canonicalName(subName);
      const at = sub === undefined ? -1 : out.findIndex((f) => f.name === sub);
      if (sub !== undefined && at < 0) continue;
      const value = normalizePatchValue(patch.patch?.value);
      const filter =
        isObject(value) && typeof value['name'] === 'string'
          ? ({ ...value, name: canonicalName(value['name']) } as HttpFilter)
          : undefined;
      switch (patch.patch?.operation) {
        case 'ADD':
          if (filter !== undefined) out.push(filter);
          break;
        case 'INSERT_FIRST':
          if (filter !== undefined) out.unshift(filter);
          break;
        case 'INSERT_BEFORE':
          if (filter !== undefined) out.splice(at < 0 ? 0 : at, 0, filter);
          break;
        case 'INSERT_AFTER':
          if (filter !== undefined) out.splice(at < 0 ? out.length : at + 1, 0, filter);
          break;
        case 'REMOVE':
          if (at >= 0) out = out.filter((_, i) => i !== at);
          break;
        case 'REPLACE':
          if (at >= 0 && filter !== undefined) out[at] = filter;
          break;
        case 'MERGE':
          if (at >= 0 && isObject(value)) {
            const merged = structuredClone(out[at]) as unknown as Record<string, unknown>;
            mergeProto(merged, value);
            out[at] = merged as unknown as HttpFilter;
          }
          break;
        default:
          break;
      }
    }
  }
  return out;
}

/** The port a route configuration serves: `9080`, `inbound|9080||`, `http.8080`. */
export function routeConfigurationPort(name: string): number | undefined {
  const m = /^(?:inbound\|(\d+)\|\||(?:https?\.)?(\d+))/.exec(name);
  const port = m?.[1] ?? m?.[2];
  return port === undefined ? undefined : Number(port);
}

const ROUTE_PATCH_KINDS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);

function routeMatches(patch: EnvoyConfigPatch, route: Route): boolean {
  const m = patch.match?.routeConfiguration?.vhost?.route;
  if (m === undefined) return true;
  if (m.name !== undefined && m.name !== '' && m.name !== route.name) return false;
  const action = m.action ?? 'ANY';
  if (action === 'ANY') return true;
  if (action === 'ROUTE') return route.route !== undefined;
  if (action === 'REDIRECT') return route.redirect !== undefined;
  return route.direct_response !== undefined;
}

/**
 * Applies MERGE patches to a route configuration: a patched copy, or `rc` itself when none applies. `servicePort` is what a
 * `portNumber` match compares with when the name does not carry it: a gateway's route is named after the
 * port its pod listens on (`http.8080`), but matched by the Gateway server's port (80), as Istio does.
 */
export function applyRouteConfigurationPatches(
  rc: RouteConfiguration,
  envoyFilters: readonly Config<EnvoyFilterSpec>[],
  context: PatchContext,
  servicePort: number | undefined = routeConfigurationPort(rc.name),
): RouteConfiguration {
  // Copied when a patch first applies: most proxies have no EnvoyFilter, and their routes need no copy.
  let patched: RouteConfiguration | undefined;
  const out = () => (patched ??= cloneObject(rc));
  const port = servicePort;
  for (const ef of envoyFilters) {
    for (const patch of ef.spec.configPatches ?? []) {
      if (
        !ROUTE_PATCH_KINDS.has(patch.applyTo ?? '') ||
        patch.patch?.operation !== 'MERGE' ||
        !contextMatches(patch, context)
      )
        continue;
      const m = patch.match?.routeConfiguration;
      if (m?.portNumber !== undefined && m.portNumber !== 0 && m.portNumber !== port) continue;
      if (m?.name !== undefined && m.name !== '' && m.name !== rc.name) continue;
      const value = normalizePatchValue(patch.patch.value);
      if (!isObject(value)) continue;
      if (patch.applyTo === 'ROUTE_CONFIGURATION') {
        mergeProto(out() as unknown as Record<string, unknown>, value);
        continue;
      }
      const vhosts: VirtualHost[] = out().virtual_hosts.filter(
        (vh) => m?.vhost?.name === undefined || m.vhost.name === '' || m.vhost.name === vh.name,
      );
      for (const vh of vhosts) {
        if (patch.applyTo === 'VIRTUAL_HOST') mergeProto(vh as unknown as Record<string, unknown>, value);
        else
          for (const r of vh.routes)
            if (routeMatches(patch, r)) mergeProto(r as unknown as Record<string, unknown>, value);
      }
    }
  }
  return patched ?? rc;
}
