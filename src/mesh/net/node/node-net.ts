import { RealClock, SeededRandom, type Clock, type Random } from '../../sim';
import { DnsTable } from '../dns';
import { LinkTable } from '../links';
import type { LinkBehaviour, Net } from '../types';
import { NodeHost, type NodeHostNetwork } from './node-host';

export interface NodeNetOptions {
  /** Defaults to a RealClock; latency on links becomes real waiting. */
  clock?: Clock;
  /** Decides refused connections and resets on links (default: SeededRandom(1)). */
  random?: Random;
  /**
   * `per-host` gives each host its own 127.0.x.y address (Linux routes all of 127.0.0.0/8 to lo);
   * `shared` puts every host on 127.0.0.1 (macOS, WebContainers). Default: per-host on Linux.
   */
  loopback?: 'per-host' | 'shared';
}

/**
 * The Net contract over real sockets on loopback, for the CLI and WebContainers. Each simulated port is a
 * real node:http server on the host's loopback address and an ephemeral port (no root needed, no clash
 * with anything else on the machine); NodeNet keeps the map from simulated to real ports.
 *
 * What a kernel or TLS stack would tell the server — the client's simulated address, the original
 * destination after capture, the client certificate identity — travels in internal headers that NodeNet
 * strips before a handler sees them. No real TLS is done: mutual TLS is a flag and two identities.
 */
export class NodeNet implements Net, NodeHostNetwork {
  readonly clock: Clock;
  readonly random: Random;
  readonly dns = new DnsTable();
  /** Whether client sockets bind to their host's own loopback address. */
  readonly bindLocal: boolean;
  private readonly links = new LinkTable();
  private readonly hosts = new Map<string, NodeHost>();
  private readonly removals = new Set<Promise<void>>();
  private connectionIds = 1;
  private loopbackIndex = 0;

  constructor(options: NodeNetOptions = {}) {
    this.clock = options.clock ?? new RealClock();
    this.random = options.random ?? new SeededRandom(1);
    this.bindLocal = (options.loopback ?? (process.platform === 'linux' ? 'per-host' : 'shared')) === 'per-host';
  }

  host(address: string): NodeHost {
    let host = this.hosts.get(address);
    if (host === undefined) {
      host = new NodeHost(this, address, this.bindLocal ? this.allocateLoopback() : '127.0.0.1');
      this.hosts.set(address, host);
    }
    return host;
  }

  hasHost(address: string): boolean {
    return this.hosts.has(address);
  }

  hostAt(address: string): NodeHost | undefined {
    return this.hosts.get(address);
  }

  removeHost(address: string): void {
    const host = this.hosts.get(address);
    if (host === undefined) return;
    this.hosts.delete(address);
    const removal = host.shutdown();
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  setDnsRecord(name: string, address: string | undefined): void {
    this.dns.setRecord(name, address);
  }

  setSearchDomains(address: string, domains: string[]): void {
    this.dns.setSearchDomains(address, domains);
  }

  setLink(from: string, to: string, behaviour: LinkBehaviour | undefined): void {
    this.links.set(from, to, behaviour);
  }

  linkBetween(client: NodeHost, server: NodeHost): LinkBehaviour | undefined {
    return client === server ? undefined : this.links.get(client.address, server.address);
  }

  nextConnectionId(): number {
    return this.connectionIds++;
  }

  /** The real socket address behind a simulated port, for tools outside the process (a browser, curl). */
  async endpoint(address: string, port: number): Promise<{ host: string; port: number } | undefined> {
    const host = this.hosts.get(address);
    const listener = host?.listeners.get(port);
    if (host === undefined || listener === undefined) return undefined;
    return { host: host.loopbackIp, port: await listener.ready };
  }

  /** Closes every server and socket so the process (or test worker) can exit. */
  async dispose(): Promise<void> {
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all([...hosts.map((host) => host.shutdown()), ...this.removals]);
  }

  private allocateLoopback(): string {
    const index = this.loopbackIndex++;
    return `127.0.${1 + Math.floor(index / 254)}.${1 + (index % 254)}`;
  }
}
