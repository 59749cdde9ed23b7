import type { Clock, Random, Trace } from '../sim';
import { applyInboundCapture, applyOutboundCapture } from './capture';
import { DnsTable, isLoopbackName } from './dns';
import { LinkTable } from './links';
import { SimConnection, type ConnectionNetwork } from './sim-connection';
import { SimHost, type HostNetwork } from './sim-host';
import { RelayedTlsConnection, TlsHandshakeError } from './tls';
import {
  NetError,
  type ConnectOptions,
  type Connection,
  type LinkBehaviour,
  type Net,
  type NetErrorCode,
  type PeerInfo,
  type TlsAcceptance,
} from './types';

export interface SimNetOptions {
  /** Normally a VirtualClock: latency becomes timers on it. */
  clock: Clock;
  /** Decides refused connections and resets; give it a seeded source for replayable runs. */
  random: Random;
  /** Records connections, requests, responses and failures when given. */
  trace?: Trace;
}

/**
 * Local ports Linux hands out for outgoing connections (net.ipv4.ip_local_port_range 32768–60999): as many
 * connections may be open at once from one host to one address and port. A request loop through a gateway
 * (a route back to itself) runs out of them and fails there, as on a node, instead of growing without bound.
 */
const EPHEMERAL_PORTS = 60_999 - 32_768 + 1;
/** Istio's InboundPassthroughBindIpv4: connections bound to it are never captured. */
const INBOUND_PASSTHROUGH_ADDRESS = '127.0.0.6';

/**
 * The in-memory network the labs run on: hosts with addresses, DNS with search domains, istio-init style
 * capture, mutual-TLS listeners, and links with latency and failure probabilities — all on the given clock
 * and random source, so the same seed and calls replay the same trace.
 *
 * Every delivery is a clock timer (delay 0 when the link has no latency), so it is meant for a
 * VirtualClock; on a RealClock each hop waits at least one real timer tick.
 */
export class SimNet implements Net, HostNetwork, ConnectionNetwork {
  readonly clock: Clock;
  readonly random: Random;
  readonly trace: Trace | undefined;
  readonly dns = new DnsTable();
  private readonly links = new LinkTable();
  private readonly hosts = new Map<string, SimHost>();
  private nextConnectionId = 1;
  /** Open connections per source and destination (address and port, as dialled): each holds a local port. */
  private readonly portsInUse = new Map<string, number>();

  constructor(options: SimNetOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.trace = options.trace;
  }

  host(address: string): SimHost {
    let host = this.hosts.get(address);
    if (host === undefined) {
      host = new SimHost(this, address);
      this.hosts.set(address, host);
      this.trace?.record('net.host.add', { host: address });
    }
    return host;
  }

  hasHost(address: string): boolean {
    return this.hosts.has(address);
  }

  hostAddresses(): string[] {
    return [...this.hosts.keys()];
  }

  removeHost(address: string): void {
    const host = this.hosts.get(address);
    if (host === undefined) return;
    this.hosts.delete(address);
    this.trace?.record('net.host.remove', { host: address });
    host.shutdown();
  }

  setDnsRecord(name: string, address: string | undefined): void {
    this.dns.setRecord(name, address);
  }

  setSearchDomains(address: string, domains: string[]): void {
    this.dns.setSearchDomains(address, domains);
  }

  setLink(from: string, to: string, behaviour: LinkBehaviour | undefined): void {
    this.links.set(from, to, behaviour);
    this.trace?.record('net.link', {
      from,
      to,
      latencyMs: behaviour?.latencyMs,
      refuse: behaviour?.refuseProbability,
      reset: behaviour?.resetProbability,
    });
  }

  /** The link a connection from `client` to `server` crosses; none inside one host. */
  linkFor(client: SimHost, server: SimHost): LinkBehaviour | undefined {
    return client === server ? undefined : this.links.get(client.address, server.address);
  }

  /**
   * Opens a connection as `source` would: resolve, capture, link, listener, then the TLS handshake. Across a
   * link with latency the answer takes time, as on a wire: TCP's handshake costs a round trip before the
   * client may send (SYN out, SYN-ACK or RST back), and TLS 1.3's one more (Envoy raises Connected only once
   * it is done). Connection pools feel it: with maxRequestsPerConnection 1, every request waits pending for
   * a new connection. Inside one host, or on a link without latency, the answer is immediate (no timer).
   */
  async connectFrom(source: SimHost, target: string, port: number, options: ConnectOptions): Promise<Connection> {
    const fail = (code: NetErrorCode, message: string): never => {
      this.trace?.record('net.connect.fail', { from: source.address, to: `${target}:${port}`, code });
      throw new NetError(code, message);
    };
    if (source.isRemoved) fail('EHOSTUNREACH', `host ${source.address} was removed`);
    const resolved = source.resolve(target);
    if (resolved === undefined) return fail('ENOTFOUND', `getaddrinfo ENOTFOUND ${target}`);
    const ports = `${source.address}>${resolved}:${port}`;
    if ((this.portsInUse.get(ports) ?? 0) >= EPHEMERAL_PORTS)
      return fail('EADDRNOTAVAIL', `connect EADDRNOTAVAIL ${resolved}:${port}: Cannot assign requested address`);
    const loopback = source.isSelf(resolved);
    let destination = { address: loopback ? source.address : resolved, port };
    let originalDestination: { address: string; port: number } | undefined;

    const outbound = applyOutboundCapture(source.address, source.capture, destination, {
      bypassCapture: options.bypassCapture ?? false,
      loopback,
      toOwnAddress: loopback && !isLoopbackName(resolved),
      boundToPassthrough: options.sourceAddress === INBOUND_PASSTHROUGH_ADDRESS,
    });
    if (outbound !== undefined) {
      destination = { address: outbound.address, port: outbound.port };
      originalDestination = outbound.originalDestination;
    }
    const server = this.hosts.get(destination.address);
    if (server === undefined) return fail('EHOSTUNREACH', `connect EHOSTUNREACH ${resolved}:${port}`);
    const link = this.linkFor(source, server);
    const roundTripMs = 2 * (link?.latencyMs ?? 0);
    const refuseP = link?.refuseProbability ?? 0;
    if (refuseP > 0 && this.random.next() < refuseP) {
      if (roundTripMs > 0) await this.clock.sleep(roundTripMs);
      return fail('ECONNREFUSED', `connect ECONNREFUSED ${resolved}:${port} (link refused)`);
    }
    const inbound = applyInboundCapture(server.capture, destination, server === source);
    if (inbound !== undefined) {
      destination = { address: inbound.address, port: inbound.port };
      originalDestination = inbound.originalDestination;
    }
    const listener = server.listenerAt(destination.port);
    if (listener === undefined) {
      if (roundTripMs > 0) await this.clock.sleep(roundTripMs);
      return fail('ECONNREFUSED', `connect ECONNREFUSED ${resolved}:${port}`);
    }

    const serverTls = listener.options.tls;
    const offered = options.tls;
    // Awaited only when there is time to pass: a local connect must not gain microtask turns either.
    if (roundTripMs > 0) await this.clock.sleep(offered === undefined ? roundTripMs : 2 * roundTripMs);
    if (offered !== undefined && serverTls === undefined) {
      return fail('ECONNRESET', `TLS handshake with ${resolved}:${port} failed: the server speaks plaintext`);
    }
    if (offered?.serverIdentity !== undefined && offered.serverIdentity !== serverTls?.identity) {
      return fail(
        'ECONNRESET',
        `TLS handshake failed: server identity ${serverTls?.identity} is not ${offered.serverIdentity}`,
      );
    }
    // Either end may have gone while the handshake was on the wire.
    if (source.isRemoved) fail('EHOSTUNREACH', `host ${source.address} was removed`);
    if (listener.closed) return fail('ECONNRESET', `connect to ${resolved}:${port}: reset, the server went away`);
    // Only a loopback name (127.x, localhost) shows up as 127.0.0.1; a host calling its own address sees it.
    const viaLoopback = isLoopbackName(resolved) && outbound === undefined;
    const clientAddress = viaLoopback ? '127.0.0.1' : source.address;
    const clientPort = source.ephemeralPort();
    const peer: PeerInfo = {
      remoteAddress: clientAddress,
      remotePort: clientPort,
      localAddress: viaLoopback ? '127.0.0.1' : server.address,
      localPort: destination.port,
      ...(originalDestination && { originalDestination }),
      ...(offered &&
        serverTls && {
          tls: {
            peerIdentity: offered.identity,
            localIdentity: serverTls.identity,
            ...(offered.serverName !== undefined && { serverName: offered.serverName }),
          },
        }),
    };
    if (options.tlsHello !== undefined) {
      const acceptTls = listener.options.acceptTls;
      if (acceptTls === undefined) {
        this.trace?.record('net.connect.fail', { from: source.address, to: `${target}:${port}`, code: 'EPROTO' });
        throw new TlsHandshakeError('not-tls', `TLS handshake with ${resolved}:${port}: the server speaks plaintext`);
      }
      let acceptance: TlsAcceptance;
      try {
        acceptance = await acceptTls(options.tlsHello, peer);
      } catch (error) {
        if (error instanceof NetError)
          this.trace?.record('net.connect.fail', { from: source.address, to: `${target}:${port}`, code: error.code });
        throw error;
      }
      if ('upstream' in acceptance)
        return new RelayedTlsConnection(acceptance.upstream, {
          localAddress: clientAddress,
          remoteAddress: resolved,
          remotePort: port,
        });
      peer.tlsSession = acceptance.session;
    }
    const id = this.nextConnectionId++;
    this.trace?.record('net.connect', {
      conn: id,
      from: source.address,
      to: `${server.address}:${destination.port}`,
      orig: originalDestination && `${originalDestination.address}:${originalDestination.port}`,
      tls: peer.tls?.peerIdentity,
    });
    const connection = new SimConnection(this, id, {
      client: source,
      server,
      listener,
      peer,
      localAddress: clientAddress,
      localPort: clientPort,
      remoteAddress: resolved,
      remotePort: port,
      rejectPlaintext: offered === undefined && options.tlsHello === undefined && serverTls?.mode === 'STRICT',
    });
    this.portsInUse.set(ports, (this.portsInUse.get(ports) ?? 0) + 1);
    connection.onClose(() => {
      const left = (this.portsInUse.get(ports) ?? 1) - 1;
      if (left > 0) this.portsInUse.set(ports, left);
      else this.portsInUse.delete(ports);
    });
    return connection;
  }
}
