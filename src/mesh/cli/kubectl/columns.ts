import type { KubeObject, Pod, ResourceType } from '../../index';

/**
 * The columns `kubectl get` prints per kind (the server's table convertors for built-ins, the CRDs'
 * additionalPrinterColumns for Istio and Gateway API kinds). AGE is added by the caller.
 */
export interface KindColumns {
  headers: string[];
  wideHeaders?: string[];
  cells(object: KubeObject, ctx: CellContext): string[];
  wideCells?(object: KubeObject, ctx: CellContext): string[];
}

export interface CellContext {
  /** `kubectl`'s humanized age of a timestamp. */
  age(timestamp: string | undefined): string;
  /** Pods on the cluster, for the ENDPOINTS and READY columns that need them. */
  now: number;
}

type Obj = Record<string, unknown>;
const spec = (o: KubeObject): Obj => (o.spec ?? {}) as Obj;
const status = (o: KubeObject): Obj => (o.status ?? {}) as Obj;
const jsonList = (value: unknown): string => (Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : '');

export const COLUMNS: Record<string, KindColumns> = {
  Pod: {
    headers: ['READY', 'STATUS', 'RESTARTS'],
    wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    cells: (o, ctx) => podCells(o as Pod, ctx),
    wideCells: (o) => [String(status(o).podIP ?? '<none>'), String(spec(o).nodeName ?? '<none>'), '<none>', '<none>'],
  },
  Service: {
    headers: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'],
    wideHeaders: ['SELECTOR'],
    cells: (o) => serviceCells(o),
    wideCells: (o) => [selectorText(spec(o).selector as Record<string, string> | undefined)],
  },
  Deployment: {
    headers: ['READY', 'UP-TO-DATE', 'AVAILABLE'],
    wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    cells: (o) => {
      const s = status(o);
      return [
        `${num(s.readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
        String(num(s.updatedReplicas)),
        String(num(s.availableReplicas)),
      ];
    },
    wideCells: (o) => {
      const containers = ((spec(o).template as Obj | undefined)?.spec as Obj | undefined)?.containers as
        Obj[] | undefined;
      const selector = (spec(o).selector as Obj | undefined)?.matchLabels as Record<string, string> | undefined;
      return [
        (containers ?? []).map((c) => String(c.name)).join(','),
        (containers ?? []).map((c) => String(c.image)).join(','),
        selectorText(selector),
      ];
    },
  },
  ReplicaSet: {
    headers: ['DESIRED', 'CURRENT', 'READY'],
    cells: (o) => [
      String(num(spec(o).replicas ?? 1)),
      String(num(status(o).replicas)),
      String(num(status(o).readyReplicas)),
    ],
  },
  Namespace: { headers: ['STATUS'], cells: (o) => [String(status(o).phase ?? 'Active')] },
  Node: {
    headers: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
    wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    cells: (o, ctx) => {
      const ready = ((status(o).conditions as Obj[] | undefined) ?? []).find((c) => c.type === 'Ready');
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length));
      const info = (status(o).nodeInfo ?? {}) as Obj;
      return [
        ready?.status === 'True' ? 'Ready' : 'NotReady',
        roles.length > 0 ? roles.join(',') : '<none>',
        ctx.age(o.metadata.creationTimestamp),
        String(info.kubeletVersion ?? ''),
      ];
    },
    wideCells: (o) => {
      const addresses = (status(o).addresses as { type: string; address: string }[] | undefined) ?? [];
      const info = (status(o).nodeInfo ?? {}) as Obj;
      return [
        addresses.find((a) => a.type === 'InternalIP')?.address ?? '<none>',
        addresses.find((a) => a.type === 'ExternalIP')?.address ?? '<none>',
        String(info.osImage ?? ''),
        String(info.kernelVersion ?? ''),
        String(info.containerRuntimeVersion ?? ''),
      ];
    },
  },
  Endpoints: { headers: ['ENDPOINTS'], cells: (o) => [endpointsText(o)] },
  'EndpointSlice.discovery.k8s.io': {
    headers: ['ADDRESSTYPE', 'PORTS', 'ENDPOINTS'],
    cells: (o) => {
      const ports = (o['ports'] as { port?: number; name?: string }[] | undefined) ?? [];
      const endpoints = (o['endpoints'] as { addresses?: string[] }[] | undefined) ?? [];
      return [
        String(o['addressType'] ?? ''),
        firstThree(ports.map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')))),
        firstThree(endpoints.flatMap((e) => e.addresses ?? [])),
      ];
    },
  },
  ServiceAccount: {
    headers: ['SECRETS'],
    cells: (o) => [String(((o['secrets'] as unknown[] | undefined) ?? []).length)],
  },
  ConfigMap: { headers: ['DATA'], cells: (o) => [String(Object.keys((o['data'] as Obj | undefined) ?? {}).length)] },
  Secret: {
    headers: ['TYPE', 'DATA'],
    cells: (o) => [String(o['type'] ?? 'Opaque'), String(Object.keys((o['data'] as Obj | undefined) ?? {}).length)],
  },
  CustomResourceDefinition: { headers: ['CREATED AT'], cells: (o) => [o.metadata.creationTimestamp] },
  'Ingress.networking.k8s.io': { headers: ['CLASS', 'HOSTS', 'ADDRESS', 'PORTS'], cells: (o) => ingressCells(o) },
  'ClusterRole.rbac.authorization.k8s.io': {
    headers: ['CREATED AT'],
    cells: (o) => [o.metadata.creationTimestamp],
  },
  'Role.rbac.authorization.k8s.io': { headers: ['CREATED AT'], cells: (o) => [o.metadata.creationTimestamp] },
  'ClusterRoleBinding.rbac.authorization.k8s.io': bindingColumns(),
  'RoleBinding.rbac.authorization.k8s.io': bindingColumns(),
  'VirtualService.networking.istio.io': {
    headers: ['GATEWAYS', 'HOSTS'],
    cells: (o) => [jsonList(spec(o).gateways), jsonList(spec(o).hosts)],
  },
  'DestinationRule.networking.istio.io': { headers: ['HOST'], cells: (o) => [String(spec(o).host ?? '')] },
  'ServiceEntry.networking.istio.io': {
    headers: ['HOSTS', 'LOCATION', 'RESOLUTION'],
    cells: (o) => [jsonList(spec(o).hosts), String(spec(o).location ?? ''), String(spec(o).resolution ?? '')],
  },
  'PeerAuthentication.security.istio.io': {
    headers: ['MODE'],
    cells: (o) => [String((spec(o).mtls as Obj | undefined)?.mode ?? '')],
  },
  'AuthorizationPolicy.security.istio.io': { headers: ['ACTION'], cells: (o) => [String(spec(o).action ?? '')] },
  'Gateway.gateway.networking.k8s.io': {
    headers: ['CLASS', 'ADDRESS', 'PROGRAMMED'],
    cells: (o) => {
      const addresses = (status(o).addresses as { value: string }[] | undefined) ?? [];
      const programmed = ((status(o).conditions as Obj[] | undefined) ?? []).find((c) => c.type === 'Programmed');
      return [
        String(spec(o).gatewayClassName ?? ''),
        addresses[0]?.value ?? '',
        String(programmed?.status ?? 'Unknown'),
      ];
    },
  },
  'HTTPRoute.gateway.networking.k8s.io': { headers: ['HOSTNAMES'], cells: (o) => [jsonList(spec(o).hostnames)] },
  'GatewayClass.gateway.networking.k8s.io': {
    headers: ['CONTROLLER', 'ACCEPTED'],
    cells: (o) => {
      const accepted = ((status(o).conditions as Obj[] | undefined) ?? []).find((c) => c.type === 'Accepted');
      return [String(spec(o).controllerName ?? ''), String(accepted?.status ?? 'Unknown')];
    },
  },
};

/** Whether the kind's own columns say its age: nodes put VERSION after AGE; CRDs and roles print CREATED AT. */
export function ageIncluded(columns: KindColumns): boolean {
  return columns.headers.includes('AGE') || columns.headers.includes('CREATED AT');
}

export function columnsFor(type: ResourceType): KindColumns {
  const key = type.group === '' ? type.kind : `${type.kind}.${type.group}`;
  return COLUMNS[key] ?? COLUMNS[type.kind] ?? { headers: [], cells: () => [] };
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function podCells(pod: Pod, ctx: CellContext): string[] {
  const containers = pod.spec?.containers ?? [];
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready).length;
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const lastRestart = statuses
    .map((s) => s.lastState?.terminated?.finishedAt)
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .at(-1);
  const restartText =
    restarts > 0 && lastRestart !== undefined ? `${restarts} (${ctx.age(lastRestart)} ago)` : String(restarts);
  return [`${ready}/${containers.length}`, podStatus(pod), restartText];
}

/** kubectl's printPod reason: Terminating, Init:N/M, a waiting reason (ContainerCreating), or the phase. */
export function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp !== undefined) return 'Terminating';
  const status = pod.status ?? {};
  let reason = status.reason ?? status.phase ?? 'Pending';
  const inits = status.initContainerStatuses ?? [];
  const initTotal = pod.spec?.initContainers?.length ?? 0;
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i]!;
    if (s.state?.terminated?.exitCode === 0) continue;
    if (s.state?.waiting?.reason !== undefined && s.state.waiting.reason !== 'PodInitializing')
      return `Init:${s.state.waiting.reason}`;
    return `Init:${i}/${initTotal}`;
  }
  for (const s of status.containerStatuses ?? []) {
    if (s.state?.waiting?.reason !== undefined) reason = s.state.waiting.reason;
    else if (s.state?.terminated?.reason !== undefined) reason = s.state.terminated.reason;
  }
  return reason;
}

function serviceCells(o: KubeObject): string[] {
  const s = spec(o);
  const type = String(s.type ?? 'ClusterIP');
  const ingress =
    ((status(o).loadBalancer as Obj | undefined)?.ingress as { ip?: string; hostname?: string }[] | undefined) ?? [];
  const externalIps = (s.externalIPs as string[] | undefined) ?? [];
  let external = '<none>';
  if (type === 'LoadBalancer') {
    const addresses = [...ingress.map((i) => i.ip ?? i.hostname ?? ''), ...externalIps].filter((a) => a !== '');
    external = addresses.length > 0 ? addresses.join(',') : '<pending>';
  } else if (type === 'ExternalName') external = String(s.externalName ?? '');
  else if (externalIps.length > 0) external = externalIps.join(',');
  const ports = ((s.ports as Obj[] | undefined) ?? [])
    .map(
      (p) =>
        `${p.port}${p.nodePort !== undefined && type !== 'ClusterIP' ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
  return [type, String(s.clusterIP ?? '<none>'), external, ports === '' ? '<none>' : ports];
}

function selectorText(selector: Record<string, string> | undefined): string {
  const entries = Object.entries(selector ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** kubectl's listWithMoreString: up to three items, then `+ N more...`; none is `<unset>`. */
function firstThree(items: readonly string[]): string {
  if (items.length === 0) return '<unset>';
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

function endpointsText(o: KubeObject): string {
  const subsets = (o['subsets'] as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ?? [];
  const all: string[] = [];
  for (const subset of subsets) {
    for (const address of subset.addresses ?? [])
      for (const port of subset.ports ?? []) all.push(`${address.ip}:${port.port}`);
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

/** kubectl's Ingress row: the class, every rule's host (`*` for none), LB addresses, 80 plus 443 with TLS. */
function ingressCells(o: KubeObject): string[] {
  const rules = (spec(o).rules as { host?: string }[] | undefined) ?? [];
  const hosts = rules.map((r) => r.host ?? '*');
  const addresses =
    ((status(o).loadBalancer as Obj | undefined)?.ingress as { ip?: string; hostname?: string }[] | undefined) ?? [];
  const tls = Array.isArray(spec(o).tls) && (spec(o).tls as unknown[]).length > 0;
  return [
    String(spec(o).ingressClassName ?? '<none>'),
    hosts.length > 0 ? hosts.join(',') : '*',
    addresses.map((a) => a.ip ?? a.hostname ?? '').join(','),
    tls ? '80, 443' : '80',
  ];
}

/** (Cluster)RoleBinding: ROLE as `Kind/name`; -o wide adds who it binds. */
function bindingColumns(): KindColumns {
  const subjects = (o: KubeObject, kind: string): string => {
    const names = ((o['subjects'] as { kind: string; name: string; namespace?: string }[] | undefined) ?? [])
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name));
    return names.join(', ');
  };
  return {
    headers: ['ROLE', 'AGE'],
    wideHeaders: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
    cells: (o, ctx) => {
      const ref = (o['roleRef'] as { kind?: string; name?: string } | undefined) ?? {};
      return [`${ref.kind ?? ''}/${ref.name ?? ''}`, ctx.age(o.metadata.creationTimestamp)];
    },
    wideCells: (o) => [subjects(o, 'User'), subjects(o, 'Group'), subjects(o, 'ServiceAccount')],
  };
}
