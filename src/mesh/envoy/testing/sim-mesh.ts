/**
 * A few pods with sidecars on SimNet, for data-plane tests and benchmarks: each pod has an address, an
 * application handler, iptables-style capture and a Proxy configured with testing/xds-builders.
 */
import { SeededRandom, VirtualClock, type Clock } from '../../sim';
import { SimNet, NetError, type HttpHandler, type HttpResponse, type Net, type NetHost } from '../../net';
import type { Cluster, ConfigUpdate, Route } from '../../xds/index';
import { EnvoyProxy, type ProxyOptions } from '../proxy';
import type { ProxyNode } from '../node';
import { sidecarUpdate as sidecarUpdateRef } from './xds-builders';

export interface PodSpec {
  readonly name: string;
  readonly ip: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
  readonly labels?: Record<string, string>;
  /** Application port and handler (none for a pure client). */
  readonly port?: number;
  readonly app?: HttpHandler;
  readonly sidecar?: boolean;
  readonly proxyOptions?: Partial<ProxyOptions>;
}

export interface Pod {
  readonly spec: PodSpec;
  readonly host: NetHost;
  readonly proxy: EnvoyProxy | undefined;
  readonly spiffe: string;
}

export function nodeFor(spec: PodSpec): ProxyNode {
  const ns = spec.namespace ?? 'default';
  return {
    id: `sidecar~${spec.ip}~${spec.name}-7f9c6d8b4-x2x5q.${ns}~${ns}.svc.cluster.local`,
    workloadName: spec.name,
    namespace: ns,
    labels: spec.labels ?? { app: spec.name, version: 'v1' },
    serviceAccount: spec.serviceAccount ?? spec.name,
  };
}

/** Adds a pod to any Net: app listener, capture and sidecar. */
export function addPod(net: Net, spec: PodSpec): Pod {
  const host = net.host(spec.ip);
  if (spec.app !== undefined && spec.port !== undefined) host.listen(spec.port, spec.app);
  const ns = spec.namespace ?? 'default';
  const spiffe = `spiffe://cluster.local/ns/${ns}/sa/${spec.serviceAccount ?? spec.name}`;
  let proxy: EnvoyProxy | undefined;
  if (spec.sidecar !== false) {
    host.setCapture({ outboundPort: 15001, inboundPort: 15006, excludePorts: [15000, 15020, 15021, 15090] });
    proxy = new EnvoyProxy({
      host,
      clock: net.clock,
      random: net.random,
      node: nodeFor(spec),
      accessLog: 'config',
      ...spec.proxyOptions,
    });
  }
  return { spec, host, proxy, spiffe };
}

/** An httpbin-like app: /status/<code>, /delay/<ms>, anything else echoes the request as JSON. */
export function httpbin(clock: Clock, name = 'httpbin'): HttpHandler {
  return async (request) => {
    const path = request.path.split('?')[0] ?? '/';
    if (path.startsWith('/status/'))
      return { status: Number(path.slice(8)) || 200, headers: { 'x-served-by': name }, body: '' };
    if (path.startsWith('/delay/')) await clock.sleep(Number(path.slice(7)));
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-served-by': name },
      body: JSON.stringify({
        served_by: name,
        path: request.path,
        authority: request.authority,
        headers: request.headers,
      }),
    };
  };
}

/** One HTTP call from a pod as its application would make it (through its own sidecar when captured). */
export async function call(
  from: NetHost,
  target: string,
  port: number,
  path: string,
  headers: Record<string, string> = {},
  authority = `${target}:${port}`,
): Promise<HttpResponse | NetError> {
  try {
    const conn = await from.connect(target, port);
    try {
      return await conn.request({ method: headers[':method'] ?? 'GET', path, authority, headers, body: '' });
    } finally {
      conn.close();
    }
  } catch (e) {
    if (e instanceof NetError) return e;
    throw e;
  }
}

export class SimMesh {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly net: SimNet;
  readonly pods = new Map<string, Pod>();
  private nextVip = 1;

  constructor(seed = 1) {
    this.random = new SeededRandom(seed);
    this.net = new SimNet({ clock: this.clock, random: this.random });
  }

  addPod(spec: PodSpec): Pod {
    const pod = addPod(this.net, spec);
    this.pods.set(spec.name, pod);
    return pod;
  }

  /** A Service: DNS name (fqdn and short name through search domains) → a virtual IP. */
  addService(name: string, namespace = 'default'): string {
    const vip = `10.96.0.${this.nextVip++}`;
    this.net.setDnsRecord(`${name}.${namespace}.svc.cluster.local`, vip);
    for (const pod of this.pods.values())
      this.net.setSearchDomains(pod.spec.ip, [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local']);
    return vip;
  }

  apply(pod: string, update: ConfigUpdate): void {
    const result = this.pods.get(pod)?.proxy?.applyConfig(update);
    if (result !== undefined && !result.accepted) throw new Error(`config rejected for ${pod}: ${result.message}`);
  }

  run<T>(scenario: () => Promise<T>): Promise<T> {
    return this.clock.run(scenario);
  }
}

export interface ClientServerOptions {
  readonly seed?: number;
  /** Number of server endpoints (pods httpbin-0 … httpbin-n-1 at 10.0.1.1 …). */
  readonly endpoints?: number;
  /** The app of endpoint i (default httpbin). */
  readonly app?: (i: number, mesh: SimMesh) => HttpHandler;
  readonly service?: string;
  readonly port?: number;
  /** Passed to sidecarUpdate for the client. */
  readonly clusters?: Record<string, Partial<Cluster>>;
  readonly routes?: Record<string, Route[]>;
  readonly mtls?: 'STRICT' | 'PERMISSIVE';
  readonly clientProxyOptions?: Partial<ProxyOptions>;
}

/** sleep (client) → `httpbin` service with n endpoints, each with a sidecar. */
export function clientServerMesh(o: ClientServerOptions = {}) {
  const mesh = new SimMesh(o.seed ?? 1);
  const client = mesh.addPod({
    name: 'sleep',
    ip: '10.0.0.10',
    ...(o.clientProxyOptions && { proxyOptions: o.clientProxyOptions }),
  });
  const name = o.service ?? 'httpbin';
  const port = o.port ?? 8000;
  const n = o.endpoints ?? 1;
  const endpoints = Array.from({ length: n }, (_, i) => ({
    ip: `10.0.1.${i + 1}`,
    labels: { app: name, version: `v${i + 1}` },
  }));
  const servers = endpoints.map((e, i) =>
    mesh.addPod({
      name: `${name}-${i}`,
      ip: e.ip,
      port,
      app: o.app?.(i, mesh) ?? httpbin(mesh.clock, `${name}-${i}`),
      serviceAccount: name,
      labels: e.labels,
    }),
  );
  mesh.addService(name);
  const svc = { name, port, endpoints };
  const update = (extra: Partial<Parameters<typeof sidecarUpdateRef>[0]> = {}) =>
    sidecarUpdateRef({
      services: [svc],
      ...(o.clusters && { clusters: o.clusters }),
      ...(o.routes && { routes: o.routes }),
      ...(o.mtls && { spiffe: client.spiffe, serverSa: { [name]: `spiffe://cluster.local/ns/default/sa/${name}` } }),
      ...extra,
    });
  mesh.apply('sleep', update());
  for (const s of servers) {
    mesh.apply(
      s.spec.name,
      sidecarUpdateRef({
        services: [],
        ownPorts: [port],
        ownService: svc,
        ...(o.mtls && { mtls: o.mtls, spiffe: s.spiffe }),
      }),
    );
  }
  const get = (path: string, headers: Record<string, string> = {}) => call(client.host, name, port, path, headers);
  return { mesh, client, servers, svc, update, get, proxy: client.proxy! };
}
