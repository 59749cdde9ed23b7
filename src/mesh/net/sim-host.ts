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
export class SimHost implements NetHost {
  /** Connections this host opened or accepted, so removing the host can reset them all. */
  readonly connections = new Set<HostedConnection>();
  private readonly listeners = new Map<number, SimListener>();
  private captureRules: CaptureRules | undefined;
  private removed = false;

  constructor(
    private readonly net: HostNetwork,
    readonly address: string,
  ) {}

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
