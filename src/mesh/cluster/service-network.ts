import { type Kube, TYPES, type Endpoints, type Service } from '../kube';
import { NetError, type HttpHandler, type Listening, type Net, type NetHost, type TlsAcceptor } from '../net';
import type { Random } from '../sim';

/**
 * What kube-proxy, CoreDNS and the cloud load balancer do for Services: `<svc>.<ns>.svc.cluster.local`
 * resolves to the ClusterIP; a connection to ClusterIP:port is relayed to a ready endpoint (pod IP and
 * target port); a LoadBalancer Service's public address (NKS reports a DNS name) relays from the internet
 * to the same endpoints. Relaying happens per request, which is enough for HTTP/1.1 traffic.
 */
export class ServiceNetwork {
  private readonly relays = new Map<string, { host: NetHost; listening: Listening[]; signature: string }>();
  private readonly publicAddresses = new Map<string, string>();
  private nextPublic = 10;
  private readonly unwatch: () => void;

  constructor(
    private readonly kube: Kube,
    private readonly net: Net,
    private readonly random: Random,
  ) {
    this.unwatch = kube.watch(
      undefined,
      (event) => {
        const kind = event.object.kind;
        if (kind !== 'Service' && kind !== 'Endpoints') return;
        this.sync(event.object.metadata.namespace ?? 'default', event.object.metadata.name);
      },
      { replay: true },
    );
  }

  dispose(): void {
    this.unwatch();
    for (const relay of this.relays.values()) for (const l of relay.listening) l.close();
  }

  /** The public IP behind a load balancer's DNS name. */
  publicAddressOf(hostname: string): string | undefined {
    return this.publicAddresses.get(hostname);
  }

  private sync(namespace: string, name: string): void {
    const service = this.kube.get<Service>(TYPES.Service, namespace, name);
    const fqdn = `${name}.${namespace}.svc.cluster.local`;
    const clusterIp = service?.spec?.clusterIP;
    if (service === undefined || clusterIp === undefined || clusterIp === 'None') {
      this.net.setDnsRecord(fqdn, undefined);
      this.close(`cluster/${namespace}/${name}`);
      return;
    }
    this.net.setDnsRecord(fqdn, clusterIp);
    this.ensureRelay(`cluster/${namespace}/${name}`, clusterIp, service, false);
    const ingress = service.status?.loadBalancer?.ingress?.[0];
    if (service.spec?.type === 'LoadBalancer' && ingress !== undefined) {
      const publicName = ingress.hostname ?? ingress.ip ?? '';
      let address = ingress.ip ?? this.publicAddresses.get(publicName);
      if (address === undefined) {
        address = `223.130.${200 + (this.nextPublic >> 8)}.${this.nextPublic++ & 0xff}`;
        this.publicAddresses.set(publicName, address);
      }
      if (ingress.hostname !== undefined) this.net.setDnsRecord(ingress.hostname, address);
      this.ensureRelay(`lb/${namespace}/${name}`, address, service, true);
    } else this.close(`lb/${namespace}/${name}`);
  }

  private ensureRelay(key: string, address: string, service: Service, external: boolean): void {
    const ports = (service.spec?.ports ?? []).map((p) => p.port);
    const signature = `${address}|${ports.join(',')}`;
    if (this.relays.get(key)?.signature === signature) return;
    this.close(key);
    const host = this.net.host(address);
    const namespace = service.metadata.namespace ?? 'default';
    // One listener per port number: a UDP+TCP pair (kube-dns 53) shares it here.
    const seen = new Set<number>();
    const listening = (service.spec?.ports ?? [])
      .filter((port) => !seen.has(port.port) && seen.add(port.port) !== undefined)
      .map((port) =>
        host.listen(port.port, this.relay(host, namespace, service.metadata.name, port.name, port.port, external), {
          acceptTls: this.relayTls(host, namespace, service.metadata.name, port.name, port.port, external),
        }),
      );
    this.relays.set(key, { host, listening, signature });
  }

  private relay(
    host: NetHost,
    namespace: string,
    name: string,
    portName: string | undefined,
    port: number,
    external: boolean,
  ): HttpHandler {
    return async (request, _peer, signal) => {
      const target = this.pickEndpoint(namespace, name, portName, port);
      if (target === undefined) {
        // kube-proxy REJECTs traffic to a Service without ready endpoints; a cloud LB has no healthy backend.
        throw new NetError(external ? 'ECONNRESET' : 'ECONNREFUSED', `no endpoints for ${namespace}/${name}:${port}`);
      }
      const connection = await host.connect(target.ip, target.port);
      try {
        return await connection.request(request, signal);
      } finally {
        connection.close();
      }
    };
  }

  /** kube-proxy and the load balancer work below TLS: a hello goes on to the endpoint, which answers it. */
  private relayTls(
    host: NetHost,
    namespace: string,
    name: string,
    portName: string | undefined,
    port: number,
    external: boolean,
  ): TlsAcceptor {
    return async (hello) => {
      const target = this.pickEndpoint(namespace, name, portName, port);
      if (target === undefined)
        throw new NetError(external ? 'ECONNRESET' : 'ECONNREFUSED', `no endpoints for ${namespace}/${name}:${port}`);
      return { upstream: await host.connect(target.ip, target.port, { tlsHello: hello }) };
    };
  }

  private pickEndpoint(
    namespace: string,
    name: string,
    portName: string | undefined,
    port: number,
  ): { ip: string; port: number } | undefined {
    const endpoints = this.kube.get<Endpoints>(TYPES.Endpoints, namespace, name);
    const candidates: { ip: string; port: number }[] = [];
    for (const subset of endpoints?.subsets ?? []) {
      const match =
        (subset.ports ?? []).find((p) =>
          portName === undefined || p.name === undefined ? true : p.name === portName,
        ) ?? subset.ports?.[0];
      if (match === undefined) continue;
      for (const address of subset.addresses ?? []) candidates.push({ ip: address.ip, port: match.port ?? port });
    }
    if (candidates.length === 0) return undefined;
    return candidates[this.random.int(candidates.length)];
  }

  private close(key: string): void {
    const relay = this.relays.get(key);
    if (relay === undefined) return;
    for (const l of relay.listening) l.close();
    this.relays.delete(key);
  }
}
