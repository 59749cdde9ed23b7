import type { K8sGatewaySpec, HTTPRouteSpec, TCPRouteSpec } from './gateway-api';
import type {
  AuthorizationPolicySpec,
  DestinationRuleSpec,
  EnvoyFilterSpec,
  GatewaySpec,
  HTTPRoute,
  PeerAuthenticationSpec,
  RequestAuthenticationSpec,
  RouteDestination,
  ServiceEntrySpec,
  TelemetrySpec,
  VirtualServiceSpec,
} from './istio-api';
import type { KubeObject } from './kube-api';
import { type Config, compareConfigAge, configMeta } from './config';
import { type Credential, credentialFromSecret } from './credentials';
import { convertHTTPRoute, convertK8sGateway, convertTCPRoute, type RouteContext } from './convert-gateway-api';
import { resolveShortname } from './host';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from './mesh-config';
import { serviceFromKube, servicesFromServiceEntry, type ServiceModel } from './services';
import { spiffeIdentity, workloadFromPod, type Workload } from './workloads';
import { cloneObject, deepFreeze } from '../../kube';

export interface VirtualServiceConfig extends Config<VirtualServiceSpec> {
  /** Hosts resolved to FQDNs in the config's namespace. */
  readonly hosts: readonly string[];
  /** `mesh` and/or `namespace/name` of the gateways it binds to. */
  readonly gateways: readonly string[];
  /** Converted from a Gateway API HTTPRoute: path prefixes match whole segments. */
  readonly gatewaySemantics: boolean;
  /** The spec as the user wrote it (short names intact), for analyzer messages. */
  readonly raw: VirtualServiceSpec;
}

export interface DestinationRuleConfig extends Config<DestinationRuleSpec> {
  /** `spec.host` resolved in the config's namespace. */
  readonly host: string;
}

export interface GatewayConfig extends Config<GatewaySpec> {
  /** `namespace/name`, what VirtualService `gateways` entries resolve to. */
  readonly key: string;
  readonly gatewaySemantics: boolean;
}

/** A connected Envoy: a sidecar next to an injected pod, or a gateway pod ("router" in Istio). */
export interface ProxyInfo {
  /** `<pod>.<namespace>`, as `istioctl proxy-status` prints it. */
  readonly id: string;
  readonly type: 'sidecar' | 'router';
  readonly workload: Workload & { readonly address: string };
  /** SPIFFE URI of the workload certificate. */
  readonly identity: string;
}

/**
 * An immutable view of everything the translation needs (Istio's PushContext): services with their
 * endpoints, configs already resolved and ordered, proxies. Built from scratch on each push.
 */
export interface MeshSnapshot {
  readonly meshConfig: MeshConfig;
  readonly services: readonly ServiceModel[];
  readonly serviceByHost: ReadonlyMap<string, ServiceModel>;
  readonly workloads: readonly Workload[];
  readonly proxies: readonly ProxyInfo[];
  readonly proxyById: ReadonlyMap<string, ProxyInfo>;
  readonly virtualServices: readonly VirtualServiceConfig[];
  readonly destinationRules: readonly DestinationRuleConfig[];
  readonly gateways: readonly GatewayConfig[];
  readonly peerAuthentications: readonly Config<PeerAuthenticationSpec>[];
  readonly authorizationPolicies: readonly Config<AuthorizationPolicySpec>[];
  readonly requestAuthentications: readonly Config<RequestAuthenticationSpec>[];
  /**
   * The JWKS istiod fetched for each `jwksUri` (its JwksResolver's cache); a URI without an entry could not
   * be fetched, and its rules get a key nobody can sign for.
   */
  readonly jwks: ReadonlyMap<string, string>;
  readonly envoyFilters: readonly Config<EnvoyFilterSpec>[];
  /** Key pairs and CA bundles of Secrets, by `namespace/name` (gateways serve them for `credentialName`). */
  readonly credentials: ReadonlyMap<string, Credential>;
  /** Oldest first, as Istio picks the first of several at one level. */
  readonly telemetries: readonly Config<TelemetrySpec>[];
}

const NETWORKING = 'networking.istio.io';
const SECURITY = 'security.istio.io';
const GATEWAY_API = 'gateway.networking.k8s.io';
const TELEMETRY = 'telemetry.istio.io';

function groupOf(obj: KubeObject): string {
  return obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] ?? '') : '';
}

/** Istio's gateway name resolution: `mesh`, `ns/name`, legacy `name.ns`, or a short name in the VS namespace. */
export function resolveGatewayName(name: string, namespace: string): string {
  if (name === 'mesh' || name.includes('/')) return name;
  const dot = name.indexOf('.');
  if (dot > 0) return `${name.slice(dot + 1).split('.')[0] ?? namespace}/${name.slice(0, dot)}`;
  return `${namespace}/${name}`;
}

function resolveHttpRoute(route: HTTPRoute, resolve: (h: string) => string): HTTPRoute {
  const out: HTTPRoute = { ...route };
  if (route.route !== undefined)
    out.route = route.route.map((d) => ({
      ...d,
      destination: { ...d.destination, host: resolve(d.destination.host) },
    }));
  if (route.mirror !== undefined) out.mirror = { ...route.mirror, host: resolve(route.mirror.host) };
  if (route.mirrors !== undefined)
    out.mirrors = route.mirrors.map((m) => ({
      ...m,
      destination: { ...m.destination, host: resolve(m.destination.host) },
    }));
  return out;
}

function virtualServiceConfig(
  base: Config<VirtualServiceSpec>,
  mesh: MeshConfig,
  gatewaySemantics: boolean,
): VirtualServiceConfig {
  const ns = base.meta.namespace;
  const resolve = (h: string): string => resolveShortname(h, ns, mesh.domainSuffix);
  const spec: VirtualServiceSpec = { ...base.spec };
  if (base.spec.http !== undefined) spec.http = base.spec.http.map((r) => resolveHttpRoute(r, resolve));
  // TCP and TLS routes name their destinations as HTTP routes do: resolve the short names the same way.
  const resolveRoutes = <R extends { route?: RouteDestination[] }>(routes: R[]): R[] =>
    routes.map((r) => ({
      ...r,
      ...(r.route !== undefined && {
        route: r.route.map((d) => ({ ...d, destination: { ...d.destination, host: resolve(d.destination.host) } })),
      }),
    }));
  if (base.spec.tcp !== undefined) spec.tcp = resolveRoutes(base.spec.tcp);
  if (base.spec.tls !== undefined) spec.tls = resolveRoutes(base.spec.tls);
  const gateways =
    (base.spec.gateways ?? []).length === 0
      ? ['mesh']
      : (base.spec.gateways ?? []).map((g) => resolveGatewayName(g, ns));
  return {
    meta: base.meta,
    spec,
    raw: base.spec,
    hosts: (base.spec.hosts ?? []).map(resolve),
    gateways,
    gatewaySemantics,
  };
}

/**
 * The snapshot's frozen copy of one object it was given: the object itself when it is frozen already (the
 * API server's objects are), else a copy made once per version of an object rather than once per push —
 * istiod rebuilds its snapshot from the whole cluster on every push (inputs must not be changed in place).
 */
const frozenCopies = new WeakMap<KubeObject, KubeObject>();

function frozenCopy(object: KubeObject): KubeObject {
  if (Object.isFrozen(object)) return object;
  let copy = frozenCopies.get(object);
  if (copy === undefined) {
    copy = deepFreeze(cloneObject(object));
    frozenCopies.set(object, copy);
  }
  return copy;
}

function byHostname(a: ServiceModel, b: ServiceModel): number {
  return a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0;
}

function credentialsOf(objects: readonly KubeObject[]): Map<string, Credential> {
  const out = new Map<string, Credential>();
  for (const o of objects) {
    if (o.kind !== 'Secret' || groupOf(o) !== '') continue;
    const credential = credentialFromSecret(o);
    if (credential !== undefined) out.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, credential);
  }
  return out;
}

/** Builds the snapshot istiod translates from, out of the plain objects the kube store holds. */
export function buildMeshSnapshot(
  input: readonly KubeObject[],
  meshConfig: MeshConfig = DEFAULT_MESH_CONFIG,
  jwks: ReadonlyMap<string, string> = new Map(),
): MeshSnapshot {
  const mesh = meshConfig;
  const objects = input.map(frozenCopy);
  const configs = <S>(group: string, kind: string): Config<S>[] =>
    objects
      .filter((o) => o.kind === kind && groupOf(o) === group && o.metadata.deletionTimestamp === undefined)
      .map((o) => ({ meta: configMeta(o), spec: (o.spec ?? {}) as S }))
      .sort((a, b) => compareConfigAge(a.meta, b.meta));

  const workloads = objects.filter((o) => o.kind === 'Pod' && groupOf(o) === '').map(workloadFromPod);
  const services: ServiceModel[] = [];
  for (const o of objects) {
    if (o.kind === 'Service' && groupOf(o) === '') {
      const s = serviceFromKube(o, workloads, mesh);
      if (s !== undefined) services.push(s);
    }
  }
  const serviceEntries = objects.filter((o) => o.kind === 'ServiceEntry' && groupOf(o) === NETWORKING);
  // A Kubernetes Service wins over a ServiceEntry for the same host, as in Istio's aggregate registry.
  const known = new Set(services.map((s) => s.hostname));
  for (const o of serviceEntries) {
    for (const s of servicesFromServiceEntry(o, workloads)) {
      if (!known.has(s.hostname)) {
        known.add(s.hostname);
        services.push(s);
      }
    }
  }
  services.sort(byHostname);

  const virtualServices = configs<VirtualServiceSpec>(NETWORKING, 'VirtualService').map((c) =>
    virtualServiceConfig(c, mesh, false),
  );
  const routeContext: RouteContext = {
    domainSuffix: mesh.domainSuffix,
    serviceEntryHosts: (namespace, name) => {
      const entry = serviceEntries.find((o) => o.metadata.namespace === namespace && o.metadata.name === name);
      return ((entry?.spec ?? {}) as ServiceEntrySpec).hosts ?? [];
    },
  };
  for (const c of configs<HTTPRouteSpec>(GATEWAY_API, 'HTTPRoute')) {
    virtualServices.push(
      virtualServiceConfig({ meta: c.meta, spec: convertHTTPRoute(c.meta, c.spec, routeContext) }, mesh, true),
    );
  }
  for (const c of configs<TCPRouteSpec>(GATEWAY_API, 'TCPRoute')) {
    virtualServices.push(
      virtualServiceConfig({ meta: c.meta, spec: convertTCPRoute(c.meta, c.spec, routeContext) }, mesh, true),
    );
  }
  const gateways: GatewayConfig[] = configs<GatewaySpec>(NETWORKING, 'Gateway').map((c) => ({
    ...c,
    key: `${c.meta.namespace}/${c.meta.name}`,
    gatewaySemantics: false,
  }));
  for (const c of configs<K8sGatewaySpec>(GATEWAY_API, 'Gateway')) {
    const converted = convertK8sGateway(c.meta, c.spec);
    gateways.push({
      meta: c.meta,
      spec: converted.spec,
      key: `${c.meta.namespace}/${converted.name}`,
      gatewaySemantics: true,
    });
  }
  const destinationRules = configs<DestinationRuleSpec>(NETWORKING, 'DestinationRule').map((c) => ({
    ...c,
    host: resolveShortname(c.spec.host ?? '', c.meta.namespace, mesh.domainSuffix),
  }));

  const proxies: ProxyInfo[] = workloads
    .filter((w): w is Workload & { address: string } => (w.hasSidecar || w.isGateway) && w.address !== undefined)
    .map((w) => ({
      id: `${w.name}.${w.namespace}`,
      type: w.isGateway ? ('router' as const) : ('sidecar' as const),
      workload: w,
      identity: spiffeIdentity(mesh.trustDomain, w.namespace, w.serviceAccount),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return deepFreeze({
    meshConfig: mesh,
    services,
    serviceByHost: new Map(services.map((s) => [s.hostname, s])),
    workloads,
    proxies,
    proxyById: new Map(proxies.map((p) => [p.id, p])),
    virtualServices,
    destinationRules,
    gateways,
    peerAuthentications: configs<PeerAuthenticationSpec>(SECURITY, 'PeerAuthentication'),
    authorizationPolicies: configs<AuthorizationPolicySpec>(SECURITY, 'AuthorizationPolicy'),
    requestAuthentications: configs<RequestAuthenticationSpec>(SECURITY, 'RequestAuthentication'),
    jwks,
    envoyFilters: configs<EnvoyFilterSpec>(NETWORKING, 'EnvoyFilter'),
    credentials: credentialsOf(objects),
    telemetries: configs<TelemetrySpec>(TELEMETRY, 'Telemetry'),
  });
}
