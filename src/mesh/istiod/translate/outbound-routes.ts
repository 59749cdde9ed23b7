import type { Route, RouteConfiguration, VirtualHost } from '../../xds';
import type { MeshSnapshot, ProxyInfo, VirtualServiceConfig } from '../model/snapshot';
import type { ServiceModel } from '../model/services';
import { isHttpOrSniffed } from '../model/services';
import { hostMatches, isWildcard } from '../model/host';
import { buildSubsetKey, PASSTHROUGH_CLUSTER } from './names';
import { hashPolicyResolver } from './consistent-hash';
import {
  buildDefaultHTTPOutboundRoute,
  buildHTTPRoutesForVirtualService,
  NO_TIMEOUT,
  type RouteContext,
} from './route';

/**
 * The Host header values that reach a service from a proxy in `proxyNamespace`: the FQDN, the names the
 * proxy's DNS search path completes (`reviews`, `reviews.default.svc`, `reviews.default` from the same
 * namespace; no bare short name from elsewhere), and the ClusterIP — each with and without the port.
 */
export function generateVirtualHostDomains(
  service: ServiceModel,
  port: number,
  proxyNamespace: string,
  domainSuffix: string,
): string[] {
  const names = [service.hostname];
  const svcSuffix = `.svc.${domainSuffix}`;
  if (service.registry === 'Kubernetes' && service.hostname.endsWith(svcSuffix)) {
    const nameNs = service.hostname.slice(0, -svcSuffix.length);
    if (service.namespace === proxyNamespace) names.push(service.name);
    names.push(`${nameNs}.svc`, nameNs);
  }
  if (service.address !== undefined) names.push(service.address);
  return names.flatMap((n) => [n, `${n}:${port}`]);
}

/** Istio's dedupeDomains: a domain belongs to the first virtual host that claims it; emptied hosts go. */
export function dedupeDomains(vhosts: readonly VirtualHost[]): VirtualHost[] {
  const seen = new Set<string>();
  const out: VirtualHost[] = [];
  for (const vh of vhosts) {
    const domains = vh.domains.filter((d) => !seen.has(d.toLowerCase()));
    for (const d of domains) seen.add(d.toLowerCase());
    if (domains.length > 0) out.push({ ...vh, domains });
  }
  return out;
}

export function routeContextFor(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  gatewayNames: ReadonlySet<string>,
): RouteContext {
  return {
    proxyLabels: proxy.workload.labels,
    proxyNamespace: proxy.workload.namespace,
    gatewayNames,
    serviceByHost: snapshot.serviceByHost,
    hashPolicy: hashPolicyResolver(snapshot, proxy.workload),
  };
}

/** VirtualServices bound to sidecars (`gateways` includes `mesh`), oldest first. */
export function meshVirtualServices(snapshot: MeshSnapshot): VirtualServiceConfig[] {
  return snapshot.virtualServices.filter((vs) => vs.gateways.includes('mesh'));
}

function fallthroughVirtualHost(snapshot: MeshSnapshot): VirtualHost {
  if (snapshot.meshConfig.outboundTrafficPolicy === 'REGISTRY_ONLY') {
    return {
      name: 'block_all',
      domains: ['*'],
      routes: [{ name: 'block_all', match: { prefix: '/' }, direct_response: { status: 502 } }],
    };
  }
  const route: Route = {
    name: 'allow_any',
    match: { prefix: '/' },
    route: { cluster: PASSTHROUGH_CLUSTER, timeout: NO_TIMEOUT },
  };
  return { name: 'allow_any', domains: ['*'], routes: [route] };
}

/**
 * The outbound RouteConfiguration a sidecar gets for one port (named by the port, e.g. `9080`): a
 * virtual host per service listening there, with the routes of the (oldest) VirtualService that claims its
 * host or else the default route, plus the `allow_any` fallthrough to PassthroughCluster.
 */
export function buildSidecarOutboundRouteConfig(
  snapshot: MeshSnapshot,
  proxy: ProxyInfo,
  port: number,
): RouteConfiguration {
  const ctx = routeContextFor(snapshot, proxy, new Set(['mesh']));
  const suffix = snapshot.meshConfig.domainSuffix;
  const services = snapshot.services.filter((s) => s.ports.some((p) => p.port === port && isHttpOrSniffed(p.protocol)));
  const claimed = new Set<string>();
  const vhosts: VirtualHost[] = [];
  for (const vs of meshVirtualServices(snapshot)) {
    const routes = buildHTTPRoutesForVirtualService(ctx, vs, port);
    if (routes.length === 0) continue;
    const matched = new Set<string>();
    for (const host of vs.hosts) {
      for (const svc of services) {
        if (hostMatches(host, svc.hostname) && !claimed.has(svc.hostname)) matched.add(svc.hostname);
      }
      const isService = snapshot.services.some((s) => hostMatches(host, s.hostname));
      // Hosts outside the registry get routes only on port 80, as in Istio.
      if (!isService && !isWildcard(host) && port === 80 && !claimed.has(host)) {
        claimed.add(host);
        vhosts.push({ name: `${host}:${port}`, domains: [host, `${host}:${port}`], routes });
      }
    }
    for (const hostname of matched) {
      const svc = snapshot.serviceByHost.get(hostname);
      if (svc === undefined) continue;
      claimed.add(hostname);
      vhosts.push({
        name: `${hostname}:${port}`,
        domains: generateVirtualHostDomains(svc, port, proxy.workload.namespace, suffix),
        routes,
      });
    }
  }
  for (const svc of services) {
    if (claimed.has(svc.hostname)) continue;
    const cluster = buildSubsetKey('outbound', '', svc.hostname, port);
    vhosts.push({
      name: `${svc.hostname}:${port}`,
      domains: generateVirtualHostDomains(svc, port, proxy.workload.namespace, suffix),
      routes: [
        buildDefaultHTTPOutboundRoute(
          cluster,
          `${svc.hostname}:${port}/*`,
          ctx.hashPolicy?.({ host: svc.hostname }, port),
        ),
      ],
    });
  }
  const unique = dedupeDomains(vhosts);
  unique.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  unique.push(fallthroughVirtualHost(snapshot));
  return { name: String(port), virtual_hosts: unique, validate_clusters: false };
}

/** The HTTP ports any service in the mesh listens on: one outbound listener and route config each. */
export function outboundHttpPorts(snapshot: MeshSnapshot): number[] {
  const ports = new Set<number>();
  for (const s of snapshot.services) for (const p of s.ports) if (isHttpOrSniffed(p.protocol)) ports.add(p.port);
  return [...ports].sort((a, b) => a - b);
}
