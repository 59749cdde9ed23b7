import type { Trace } from '../sim';
import { isIpv4, isLoopbackName, type DnsTable } from './dns';
import type { CaptureRules, ConnectOptions, Connection, HttpHandler, ListenOptions, Listening, NetHost } from './types';

/** What a host needs of its network: connecting through it, its names, and the trace. */
export interface HostNetwork {
  readonly trace: Trace | undefined;
  readonly dns: DnsTable;
  hasHost(address: string): boolean;
  connectFrom(source: SimHost, target: string, port: number, options: ConnectOptions): Promise<Connection>;
}

/** A connection as the hosts and the listener at its ends see it: something to reset or close. */
export interface HostedConnection {
  reset(reason: string): void;
  closeWhenIdle(reason: string): void;
}

/** A port some handler listens on; it keeps its connections so closing it can close them. */
export class SimListener implements Listening {
  readonly connections = new Set<HostedConnection>();
  private open = true;

  constructor(
    private readonly host: SimHost,
    readonly port: number,
    readonly handler: HttpHandler,
    readonly options: ListenOptions,
  ) {}

  get closed(): boolean {
    return !this.open;
  }

  /** Stops accepting connections; idle ones close now, busy ones after their current response (as Node does). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.host.forgetListener(this);
    for (const connection of [...this.connections]) connection.closeWhenIdle('listener closed');
  }
}

/** One simulated network endpoint (a pod, a node, a laptop). */
/** Linux's net.ipv4.ip_local_port_range default: 32768-60999. */
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;

function addressHash(address: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) h = Math.imul(h ^ address.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class SimHost implements NetHost {
  /** Connections this host opened or accepted, so removing the host can reset them all. */
  readonly connections = new Set<HostedConnection>();
  private readonly listeners = new Map<number, SimListener>();
  private captureRules: CaptureRules | undefined;
  private removed = false;
  private nextPort: number;

  constructor(
    private readonly net: HostNetwork,
    readonly address: string,
  ) {
    this.nextPort = EPHEMERAL_FIRST + (addressHash(address) % EPHEMERAL_COUNT);
  }

  /**
   * The local port of the next connection this host opens, from Linux's default ephemeral range. Each host
   * starts at its own point of the range (derived from its address, so no random draw shifts the seeded
   * sequence) and counts up, as the kernel does between connections.
   */
  ephemeralPort(): number {
    const port = this.nextPort;
    this.nextPort = port + 1 >= EPHEMERAL_FIRST + EPHEMERAL_COUNT ? EPHEMERAL_FIRST : port + 1;
    return port;
  }

  get capture(): CaptureRules | undefined {
    return this.captureRules;
  }

  get isRemoved(): boolean {
    return this.removed;
  }

  listen(port: number, handler: HttpHandler, options: ListenOptions = {}): Listening {
    if (this.removed) throw new Error(`host ${this.address} was removed`);
    if (this.listeners.has(port)) throw new Error(`listen EADDRINUSE: address already in use ${this.address}:${port}`);
    const listener = new SimListener(this, port, handler, options);
    this.listeners.set(port, listener);
    this.net.trace?.record('net.listen', { host: this.address, port, tls: options.tls?.mode });
    return listener;
  }

  connect(address: string, port: number, options: ConnectOptions = {}): Promise<Connection> {
    return this.net.connectFrom(this, address, port, options);
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
    this.net.trace?.record('net.capture', {
      host: this.address,
      outbound: rules?.outboundPort,
      inbound: rules?.inboundPort,
      exclude: rules?.excludePorts?.join(','),
    });
  }

  /** Whether `name` means this host itself (loopback or its own address): never captured, no link. */
  isSelf(name: string): boolean {
    return isLoopbackName(name) || name === this.address;
  }

  listenerAt(port: number): SimListener | undefined {
    return this.listeners.get(port);
  }

  forgetListener(listener: SimListener): void {
    if (this.listeners.get(listener.port) === listener) this.listeners.delete(listener.port);
  }

  /** The pod is gone: listeners stop and every connection to or from it is reset. */
  shutdown(): void {
    this.removed = true;
    for (const listener of [...this.listeners.values()]) listener.close();
    for (const connection of [...this.connections]) connection.reset('host removed');
  }
}
