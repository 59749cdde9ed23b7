import type { Clock, Random } from '../../sim';
import { applyInboundCapture, applyOutboundCapture } from '../capture';
import { isIpv4, isLoopbackName, type DnsTable } from '../dns';
import {
  NetError,
  type CaptureRules,
  type ConnectOptions,
  type Connection,
  type HttpHandler,
  type LinkBehaviour,
  type ListenOptions,
  type Listening,
  type NetErrorCode,
  type NetHost,
} from '../types';
import { NodeConnection, openSocket } from './node-connection';
import { NodeListener } from './node-listener';

/** What a host needs of its network: the other hosts, names, links between hosts, time and chance. */
export interface NodeHostNetwork {
  readonly clock: Clock;
  readonly random: Random;
  readonly dns: DnsTable;
  /** Whether client sockets bind to their host's own loopback address. */
  readonly bindLocal: boolean;
  hasHost(address: string): boolean;
  hostAt(address: string): NodeHost | undefined;
  linkBetween(client: NodeHost, server: NodeHost): LinkBehaviour | undefined;
  nextConnectionId(): number;
}

/** A simulated host backed by one loopback address: its ports are real node:http servers. */
export class NodeHost implements NetHost {
  readonly listeners = new Map<number, NodeListener>();
  readonly connections = new Set<NodeConnection>();
  private captureRules: CaptureRules | undefined;

  constructor(
    private readonly net: NodeHostNetwork,
    readonly address: string,
    readonly loopbackIp: string,
  ) {}

  get capture(): CaptureRules | undefined {
    return this.captureRules;
  }

  listen(port: number, handler: HttpHandler, options: ListenOptions = {}): Listening {
    if (this.listeners.has(port)) throw new Error(`listen EADDRINUSE: address already in use ${this.address}:${port}`);
    const listener = new NodeListener(this.address, this.loopbackIp, port, handler, options, (closed) => {
      if (this.listeners.get(closed.port) === closed) this.listeners.delete(closed.port);
    });
    this.listeners.set(port, listener);
    return listener;
  }

  resolve(name: string): string | undefined {
    if (name === 'localhost') return '127.0.0.1';
    if (isIpv4(name) || this.net.hasHost(name)) return name;
    return this.net.dns.lookup(this.address, name);
  }

  setCapture(rules: CaptureRules | undefined): void {
    this.captureRules =
      rules === undefined
        ? undefined
        : { ...rules, ...(rules.excludePorts && { excludePorts: [...rules.excludePorts] }) };
  }

  /** Same decisions as SimNet (resolve, capture, link, listener, TLS), then a real TCP connect. */
  async connect(target: string, port: number, options: ConnectOptions = {}): Promise<Connection> {
    const fail = (code: NetErrorCode, message: string): never => {
      throw new NetError(code, message);
    };
    const resolved = this.resolve(target);
    if (resolved === undefined) return fail('ENOTFOUND', `getaddrinfo ENOTFOUND ${target}`);
    const loopback = isLoopbackName(resolved) || resolved === this.address;
    let destination = { address: loopback ? this.address : resolved, port };
    let originalDestination: { address: string; port: number } | undefined;
    const outbound = applyOutboundCapture(this.address, this.captureRules, destination, {
      bypassCapture: options.bypassCapture ?? false,
      loopback,
      toOwnAddress: resolved === this.address,
      boundToPassthrough: options.sourceAddress === '127.0.0.6',
    });
    if (outbound !== undefined) {
      destination = { address: outbound.address, port: outbound.port };
      originalDestination = outbound.originalDestination;
    }
    const server = this.net.hostAt(destination.address);
    if (server === undefined) return fail('EHOSTUNREACH', `connect EHOSTUNREACH ${resolved}:${port}`);
    const link = (): LinkBehaviour | undefined => this.net.linkBetween(this, server);
    // A simulated link's latency costs what SimNet charges: one round trip for TCP, one more for TLS.
    const roundTripMs = 2 * (link()?.latencyMs ?? 0);
    const refuseP = link()?.refuseProbability ?? 0;
    if (refuseP > 0 && this.net.random.next() < refuseP) {
      if (roundTripMs > 0) await this.net.clock.sleep(roundTripMs);
      return fail('ECONNREFUSED', `connect ECONNREFUSED ${resolved}:${port} (link refused)`);
    }
    const inbound = applyInboundCapture(server.capture, destination, server === this);
    if (inbound !== undefined) {
      destination = { address: inbound.address, port: inbound.port };
      originalDestination = inbound.originalDestination;
    }
    const listener = server.listeners.get(destination.port);
    if (listener === undefined) {
      if (roundTripMs > 0) await this.net.clock.sleep(roundTripMs);
      return fail('ECONNREFUSED', `connect ECONNREFUSED ${resolved}:${port}`);
    }
    const serverTls = listener.options.tls;
    if (roundTripMs > 0) await this.net.clock.sleep(options.tls === undefined ? roundTripMs : 2 * roundTripMs);
    if (options.tls !== undefined && serverTls === undefined) {
      return fail('ECONNRESET', `TLS handshake with ${resolved}:${port} failed: the server speaks plaintext`);
    }
    if (options.tls?.serverIdentity !== undefined && options.tls.serverIdentity !== serverTls?.identity) {
      return fail(
        'ECONNRESET',
        `TLS handshake failed: server identity ${serverTls?.identity} is not ${options.tls.serverIdentity}`,
      );
    }
    const realPort = await listener.ready;
    const socket = await openSocket(server.loopbackIp, realPort, this.net.bindLocal ? this.loopbackIp : undefined);
    const clientAddress = isLoopbackName(resolved) && outbound === undefined ? '127.0.0.1' : this.address;
    const connection = new NodeConnection({
      id: this.net.nextConnectionId(),
      socket,
      ip: server.loopbackIp,
      port: realPort,
      localAddress: clientAddress,
      remoteAddress: resolved,
      remotePort: port,
      internal: {
        source: clientAddress,
        ...(originalDestination && {
          originalDestination: `${originalDestination.address}:${originalDestination.port}`,
        }),
        ...(options.tls && { tlsIdentity: options.tls.identity }),
      },
      link,
      clock: this.net.clock,
      random: this.net.random,
    });
    this.connections.add(connection);
    connection.onClose(() => this.connections.delete(connection));
    return connection;
  }

  /** Closes every server and socket of this host. */
  async shutdown(): Promise<void> {
    for (const connection of [...this.connections]) connection.close();
    await Promise.all([...this.listeners.values()].map((listener) => listener.destroy()));
  }
}
