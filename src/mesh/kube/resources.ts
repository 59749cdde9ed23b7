/**
 * The kinds this API server serves, with the names kubectl accepts for them (discovery data: plural,
 * singular, short names, scope, served versions). Versions are listed preferred first: objects are stored
 * and returned in that version, whichever served version they were written in (Istio's CRDs convert with
 * strategy None, so only apiVersion changes).
 */

/** Kinds that exist only once their CustomResourceDefinitions are installed. */
export type CrdBundle = 'istio' | 'gateway-api';

export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  /** Served versions, preferred (storage) version first. */
  versions: readonly string[];
  crd?: CrdBundle;
  /** A Gateway API kind of the experimental channel only: the standard install leaves its CRD out. */
  experimental?: boolean;
  /** `kubectl get all` lists kinds in the `all` category. */
  categories?: readonly string[];
  /** The API server's warning on every request for a deprecated kind, which kubectl prints as `Warning: …`. */
  deprecation?: string;
}

function type(
  group: string,
  kind: string,
  versions: readonly string[],
  shortNames: readonly string[],
  extra: {
    plural?: string;
    namespaced?: boolean;
    crd?: CrdBundle;
    experimental?: boolean;
    categories?: readonly string[];
    deprecation?: string;
  } = {},
): ResourceType {
  const singular = kind.toLowerCase();
  const t: ResourceType = {
    group,
    kind,
    plural: extra.plural ?? `${singular}s`,
    singular,
    shortNames,
    namespaced: extra.namespaced ?? true,
    versions,
  };
  if (extra.crd !== undefined) t.crd = extra.crd;
  if (extra.experimental === true) t.experimental = true;
  if (extra.categories !== undefined) t.categories = extra.categories;
  if (extra.deprecation !== undefined) t.deprecation = extra.deprecation;
  return t;
}

const ISTIO_NET = ['v1', 'v1beta1', 'v1alpha3'] as const;
const ISTIO_SEC = ['v1', 'v1beta1'] as const;
const GATEWAY_API = ['v1', 'v1beta1'] as const;
const istio = { crd: 'istio' } as const;
const gatewayApi = { crd: 'gateway-api' } as const;

/** In resolution order: where a name is ambiguous (`gateway`), the earlier installed kind wins. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  type('', 'Namespace', ['v1'], ['ns'], { namespaced: false }),
  type('', 'Node', ['v1'], ['no'], { namespaced: false }),
  type('', 'Pod', ['v1'], ['po'], { categories: ['all'] }),
  type('', 'Service', ['v1'], ['svc'], { categories: ['all'] }),
  type('', 'Endpoints', ['v1'], ['ep'], {
    plural: 'endpoints',
    deprecation: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  }),
  type('discovery.k8s.io', 'EndpointSlice', ['v1'], []),
  type('', 'ServiceAccount', ['v1'], ['sa']),
  type('', 'ConfigMap', ['v1'], ['cm']),
  type('', 'Secret', ['v1'], []),
  type('', 'Event', ['v1'], ['ev']),
  type('apps', 'Deployment', ['v1'], ['deploy'], { categories: ['all'] }),
  type('apps', 'ReplicaSet', ['v1'], ['rs'], { categories: ['all'] }),
  // Served so that manifests carrying them apply, list and delete as on a real cluster. Nothing acts on them:
  // no ingress controller serves an Ingress (Istio's gateway is the way in here), and the API server
  // authorizes every request, so RBAC objects grant or deny nothing.
  type('networking.k8s.io', 'Ingress', ['v1'], ['ing'], { plural: 'ingresses' }),
  type('rbac.authorization.k8s.io', 'ClusterRole', ['v1'], [], { namespaced: false }),
  type('rbac.authorization.k8s.io', 'ClusterRoleBinding', ['v1'], [], { namespaced: false }),
  type('rbac.authorization.k8s.io', 'Role', ['v1'], []),
  type('rbac.authorization.k8s.io', 'RoleBinding', ['v1'], []),
  type('apiextensions.k8s.io', 'CustomResourceDefinition', ['v1'], ['crd', 'crds'], { namespaced: false }),
  type('networking.istio.io', 'VirtualService', ISTIO_NET, ['vs'], istio),
  type('networking.istio.io', 'DestinationRule', ISTIO_NET, ['dr'], istio),
  type('networking.istio.io', 'Gateway', ISTIO_NET, ['gw'], istio),
  type('networking.istio.io', 'ServiceEntry', ISTIO_NET, ['se'], { ...istio, plural: 'serviceentries' }),
  type('networking.istio.io', 'Sidecar', ISTIO_NET, [], istio),
  type('networking.istio.io', 'WorkloadEntry', ISTIO_NET, ['we', 'wle'], { ...istio, plural: 'workloadentries' }),
  type('networking.istio.io', 'EnvoyFilter', ['v1alpha3'], [], istio),
  // Installed with Istio's CRDs and stored, so manifests carrying them apply, list and delete as on a real
  // cluster; the simulated istiod reads none of them (no VMs join, no Wasm module can be fetched offline, and
  // proxies take their settings from the mesh config).
  type('networking.istio.io', 'WorkloadGroup', ISTIO_NET, ['wg'], istio),
  type('networking.istio.io', 'ProxyConfig', ['v1beta1'], [], istio),
  type('extensions.istio.io', 'WasmPlugin', ['v1alpha1'], [], istio),
  type('security.istio.io', 'PeerAuthentication', ISTIO_SEC, ['pa'], istio),
  type('security.istio.io', 'AuthorizationPolicy', ISTIO_SEC, ['ap'], { ...istio, plural: 'authorizationpolicies' }),
  type('security.istio.io', 'RequestAuthentication', ISTIO_SEC, ['ra'], istio),
  type('telemetry.istio.io', 'Telemetry', ['v1', 'v1alpha1'], ['telemetry'], { ...istio, plural: 'telemetries' }),
  type('gateway.networking.k8s.io', 'GatewayClass', GATEWAY_API, ['gc'], {
    ...gatewayApi,
    plural: 'gatewayclasses',
    namespaced: false,
  }),
  type('gateway.networking.k8s.io', 'Gateway', GATEWAY_API, ['gtw'], gatewayApi),
  type('gateway.networking.k8s.io', 'HTTPRoute', GATEWAY_API, [], gatewayApi),
  type('gateway.networking.k8s.io', 'TCPRoute', ['v1alpha2'], [], { ...gatewayApi, experimental: true }),
];

/** The store's key for a kind: `Deployment.apps`, `VirtualService.networking.istio.io`, `Pod`. */
export function groupKindOf(t: ResourceType): string {
  return t.group === '' ? t.kind : `${t.kind}.${t.group}`;
}

/** The name of the CustomResourceDefinition that serves a kind: `gateways.gateway.networking.k8s.io`. */
export function crdName(t: ResourceType): string {
  return `${t.plural}.${t.group}`;
}

export function apiVersionOf(t: ResourceType, version: string = t.versions[0] ?? 'v1'): string {
  return t.group === '' ? version : `${t.group}/${version}`;
}

/** How kubectl names an object in its success lines: `deployment.apps/reviews-v1 created`. */
export function kindRef(t: ResourceType): string {
  return t.group === '' ? t.singular : `${t.singular}.${t.group}`;
}

/** How the API server names a resource in NotFound/AlreadyExists: `deployments.apps "x" not found`. */
export function resourceRef(t: ResourceType): string {
  return t.group === '' ? t.plural : `${t.plural}.${t.group}`;
}

/** Splits an apiVersion into group and version (`apps/v1` → apps, v1; `v1` → '', v1). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

const byGroupKind = new Map(RESOURCE_TYPES.map((t) => [groupKindOf(t), t]));

/** The resource type for an apiVersion + kind, whether or not its CRDs are installed. */
export function typeForGroupKind(group: string, kind: string): ResourceType | undefined {
  return byGroupKind.get(group === '' ? kind : `${kind}.${group}`);
}

/** The type stored under a group-kind key (see groupKindOf). */
export function typeForKey(key: string): ResourceType | undefined {
  return byGroupKind.get(key);
}

/**
 * Resolves what a user types after `kubectl get` — `vs`, `virtualservice`, `VirtualServices`,
 * `virtualservices.networking.istio.io`, `deployments.v1.apps` — to a served type. `isServed` hides kinds
 * whose CRDs are not installed, as discovery would.
 */
export function resolveResource(
  name: string,
  isServed: (t: ResourceType) => boolean = () => true,
): ResourceType | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const rest = dot < 0 ? undefined : lower.slice(dot + 1);
  for (const t of RESOURCE_TYPES) {
    if (!isServed(t)) continue;
    const names = [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames];
    if (!names.includes(resource)) continue;
    if (rest === undefined) return t;
    // `resource.group` or `resource.version.group`
    if (rest === t.group) return t;
    const versionDot = rest.indexOf('.');
    const version = versionDot < 0 ? rest : rest.slice(0, versionDot);
    const group = versionDot < 0 ? '' : rest.slice(versionDot + 1);
    if (group === t.group && t.versions.includes(version)) return t;
  }
  return undefined;
}

function builtin(group: string, kind: string): ResourceType {
  const t = typeForGroupKind(group, kind);
  if (t === undefined) throw new Error(`resources: ${kind}.${group} is not registered`);
  return t;
}

/** The types controllers work with, looked up once. */
export const TYPES = {
  Namespace: builtin('', 'Namespace'),
  Node: builtin('', 'Node'),
  Pod: builtin('', 'Pod'),
  Service: builtin('', 'Service'),
  Endpoints: builtin('', 'Endpoints'),
  EndpointSlice: builtin('discovery.k8s.io', 'EndpointSlice'),
  ServiceAccount: builtin('', 'ServiceAccount'),
  ConfigMap: builtin('', 'ConfigMap'),
  Secret: builtin('', 'Secret'),
  Event: builtin('', 'Event'),
  Deployment: builtin('apps', 'Deployment'),
  ReplicaSet: builtin('apps', 'ReplicaSet'),
  CustomResourceDefinition: builtin('apiextensions.k8s.io', 'CustomResourceDefinition'),
} as const;
