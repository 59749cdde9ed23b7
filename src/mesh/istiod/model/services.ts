import type { KubeObject, ServiceSpec } from './kube-api';
import type { Labels, ServiceEntrySpec } from './istio-api';
import type { MeshConfig } from './mesh-config';
import { selectorMatches } from './labels';
import type { Workload } from './workloads';

/** Istio's protocol names; UNKNOWN is sniffed, which for HTTP-only meshdojo routes like HTTP. */
export type Protocol =
  'HTTP' | 'HTTP2' | 'GRPC' | 'GRPC-WEB' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP' | 'MONGO' | 'REDIS' | 'MYSQL' | 'UNKNOWN';

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** Kubernetes targetPort as written (a number or a container port name); undefined means `port`. */
  readonly targetPort?: number | string;
}

/** One endpoint of one service port (an Istio ServiceTarget / IstioEndpoint). */
export interface ServiceEndpoint {
  readonly servicePort: number;
  readonly address: string;
  /** The port the workload listens on (the Service's targetPort, resolved). */
  readonly port: number;
  readonly labels: Labels;
  readonly tlsMode: 'istio' | 'disabled';
  readonly serviceAccount: string | undefined;
  /** Pod name, or the address for ServiceEntry endpoints. */
  readonly workload: string;
  readonly workloadName: string;
  readonly namespace: string;
}

export interface ServiceModel {
  /** FQDN: `reviews.default.svc.cluster.local`, or a ServiceEntry host. */
  readonly hostname: string;
  readonly name: string;
  readonly namespace: string;
  /** ClusterIP / ServiceEntry address. */
  readonly address: string | undefined;
  readonly ports: readonly ServicePort[];
  readonly endpoints: readonly ServiceEndpoint[];
  readonly registry: 'Kubernetes' | 'External';
  readonly resolution: 'ClientSideLB' | 'DNS' | 'Passthrough';
  readonly meshExternal: boolean;
  /** Pod selector of a Kubernetes Service (which pods it serves, ready or not). */
  readonly selector: Labels | undefined;
  /** A ServiceEntry's `subjectAltNames`: the names its servers' certificates carry. */
  readonly subjectAltNames?: readonly string[];
}

const PROTOCOLS: ReadonlySet<string> = new Set([
  'HTTP',
  'HTTP2',
  'GRPC',
  'GRPC-WEB',
  'HTTPS',
  'TLS',
  'TCP',
  'UDP',
  'MONGO',
  'REDIS',
  'MYSQL',
]);

/** Istio's protocol selection: appProtocol, else the port name's prefix (`http-web` → HTTP), else sniffed. */
export function portProtocol(name: string | undefined, appProtocol?: string, declared?: string): Protocol {
  const normalise = (p: string): Protocol | undefined => {
    const upper = p.toUpperCase();
    if (upper === 'H2C') return 'HTTP2';
    return PROTOCOLS.has(upper) ? (upper as Protocol) : undefined;
  };
  if (appProtocol !== undefined) {
    const fromApp = normalise(appProtocol);
    if (fromApp !== undefined) return fromApp;
  }
  if (declared !== undefined && declared.toUpperCase() !== 'TCP') {
    const fromDeclared = normalise(declared);
    if (fromDeclared !== undefined && fromDeclared !== 'UDP') return fromDeclared;
  }
  if (name !== undefined) {
    const fromName = normalise(name.split('-')[0] ?? '');
    if (fromName !== undefined) return fromName;
  }
  return 'UNKNOWN';
}

/** Routed with HTTP filters and routes: explicit HTTP kinds and sniffed ports (pilot's IsHTTPOrSniffed). */
export function isHttpOrSniffed(protocol: Protocol): boolean {
  return (
    protocol === 'HTTP' ||
    protocol === 'HTTP2' ||
    protocol === 'GRPC' ||
    protocol === 'GRPC-WEB' ||
    protocol === 'UNKNOWN'
  );
}

/**
 * Whether a declared port carries TCP, the only transport sidecars proxy. Istio converts a `protocol: UDP`
 * port to its UDP protocol and then builds no cluster or listener for it (pilot's cluster and listener
 * builders skip `protocol.UDP`): kube-dns serves port 53 over UDP and TCP, and keeping both would make two
 * `outbound|53||kube-dns…` clusters of one name, which Envoy refuses.
 */
export function carriesTcp(declared: string | undefined): boolean {
  return declared?.toUpperCase() !== 'UDP';
}

/** The workload port a service port forwards to: a number, or a container port looked up by name. */
export function resolveTargetPort(
  port: { port: number; targetPort?: number | string | undefined },
  workload: Pick<Workload, 'containerPorts'>,
): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  return workload.containerPorts.find((c) => c.name === target)?.containerPort;
}

function endpointOf(servicePort: number, port: number, w: Workload & { address: string }): ServiceEndpoint {
  return {
    servicePort,
    address: w.address,
    port,
    labels: w.labels,
    tlsMode: w.tlsMode,
    serviceAccount: w.serviceAccount,
    workload: w.name,
    workloadName: w.workloadName,
    namespace: w.namespace,
  };
}

function readyIn(
  namespace: string,
  selector: Labels,
  workloads: readonly Workload[],
): Array<Workload & { address: string }> {
  return workloads.filter(
    (w): w is Workload & { address: string } =>
      w.namespace === namespace && w.ready && w.address !== undefined && selectorMatches(selector, w.labels),
  );
}

/** A Kubernetes Service and its endpoints (ready pods its selector picks), like the EndpointSlice controller. */
export function serviceFromKube(
  obj: KubeObject,
  workloads: readonly Workload[],
  mesh: MeshConfig,
): ServiceModel | undefined {
  const spec = (obj.spec ?? {}) as ServiceSpec;
  if (spec.type === 'ExternalName') return undefined;
  const namespace = obj.metadata.namespace ?? 'default';
  const specPorts = (spec.ports ?? []).filter((p) => carriesTcp(p.protocol));
  const ports: ServicePort[] = specPorts.map((p) => {
    const sp: ServicePort = { name: p.name ?? '', port: p.port, protocol: portProtocol(p.name, p.appProtocol) };
    return p.targetPort === undefined ? sp : { ...sp, targetPort: p.targetPort };
  });
  const endpoints: ServiceEndpoint[] = [];
  if (spec.selector !== undefined && Object.keys(spec.selector).length > 0) {
    for (const w of readyIn(namespace, spec.selector, workloads)) {
      for (const p of specPorts) {
        const target = resolveTargetPort(p, w);
        if (target !== undefined) endpoints.push(endpointOf(p.port, target, w));
      }
    }
  }
  const headless = spec.clusterIP === 'None';
  return {
    hostname: `${obj.metadata.name}.${namespace}.svc.${mesh.domainSuffix}`,
    name: obj.metadata.name,
    namespace,
    address: headless || spec.clusterIP === undefined || spec.clusterIP === '' ? undefined : spec.clusterIP,
    ports,
    endpoints,
    registry: 'Kubernetes',
    resolution: headless ? 'Passthrough' : 'ClientSideLB',
    meshExternal: false,
    selector: spec.selector !== undefined && Object.keys(spec.selector).length > 0 ? spec.selector : undefined,
  };
}

/** A ServiceEntry becomes one service per host, as Istio's service entry registry does. */
export function servicesFromServiceEntry(obj: KubeObject, workloads: readonly Workload[]): ServiceModel[] {
  const spec = (obj.spec ?? {}) as ServiceEntrySpec;
  const namespace = obj.metadata.namespace ?? 'default';
  const specPorts = (spec.ports ?? []).filter((p) => carriesTcp(p.protocol));
  const ports = specPorts.map((p) => ({
    name: p.name ?? '',
    port: p.number,
    protocol: portProtocol(p.name, undefined, p.protocol),
  }));
  const resolution =
    spec.resolution === 'DNS' || spec.resolution === 'DNS_ROUND_ROBIN'
      ? 'DNS'
      : spec.resolution === 'STATIC'
        ? 'ClientSideLB'
        : 'Passthrough';
  return (spec.hosts ?? []).map((host) => {
    const endpoints: ServiceEndpoint[] = [];
    for (const p of specPorts) {
      const target = p.targetPort ?? p.number;
      for (const e of spec.endpoints ?? []) {
        const address = e.address ?? host;
        endpoints.push({
          servicePort: p.number,
          address,
          port: (p.name !== undefined ? e.ports?.[p.name] : undefined) ?? target,
          labels: e.labels ?? {},
          tlsMode: 'disabled',
          serviceAccount: e.serviceAccount,
          workload: address,
          workloadName: obj.metadata.name,
          namespace,
        });
      }
      const selector = spec.workloadSelector?.labels;
      if (selector !== undefined) {
        for (const w of readyIn(namespace, selector, workloads)) endpoints.push(endpointOf(p.number, target, w));
      }
      if (resolution === 'DNS' && (spec.endpoints ?? []).length === 0 && selector === undefined) {
        endpoints.push({
          servicePort: p.number,
          address: host,
          port: target,
          labels: {},
          tlsMode: 'disabled',
          serviceAccount: undefined,
          workload: host,
          workloadName: obj.metadata.name,
          namespace,
        });
      }
    }
    return {
      hostname: host,
      name: host,
      namespace,
      address: spec.addresses?.[0],
      ports,
      endpoints,
      registry: 'External' as const,
      resolution,
      meshExternal: spec.location !== 'MESH_INTERNAL',
      selector: undefined,
      ...(spec.subjectAltNames !== undefined && { subjectAltNames: spec.subjectAltNames }),
    };
  });
}
