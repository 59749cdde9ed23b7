import type { Clock } from '../../sim';
import type { ConnectOptions, Connection, NetHost } from '../../net';
import type { UpstreamHost } from './host';
import type { ResourceManager } from './resource-manager';
import type { ClusterStats } from '../stats/cluster-stats';
import type { TransportFailure } from './server-verification';

/** Why the pool could not give a connection. */
export const PoolFailureReason = {
  /** A circuit breaker refused (pending queue full or max requests reached): 503 UO. */
  Overflow: 'overflow',
  /** The connection could not be established: 503 UF. */
  ConnectionFailure: 'connection-failure',
} as const;
export type PoolFailureReason = (typeof PoolFailureReason)[keyof typeof PoolFailureReason];

export class PoolFailure extends Error {
  constructor(
    readonly reason: PoolFailureReason,
    message: string,
    /** What the transport socket said, when TLS this proxy originated failed (the 503 body names it). */
    readonly transport?: TransportFailure,
  ) {
    super(message);
    this.name = 'PoolFailure';
  }
}

interface PendingStream {
  resolve(conn: Connection): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  done: boolean;
}

/** What a pool needs from its cluster. */
export interface PoolOwner {
  readonly stats: ClusterStats;
  readonly resources: ResourceManager;
  /** 0 = unlimited; 1 = no keep-alive. */
  readonly maxRequestsPerConnection: number;
  readonly connectTimeoutMs: number;
  readonly netHost: NetHost;
  readonly clock: Clock;
  /** Connect options for this host, read at connect time (certificates rotate); undefined → cannot connect. */
  connectOptions(host: UpstreamHost): ConnectOptions | string;
  /** The server's certificate refused on TLS the proxy originated; undefined when it passes. */
  verifyServer(host: UpstreamHost, conn: Connection): TransportFailure | undefined;
  /** Another pool of the cluster may now create a connection (one closed). */
  onConnectionClosed(): void;
}

/**
 * HTTP/1.1 connection pool for one (cluster, host) (Envoy: ConnPoolImplBase + ActiveClient). A request takes
 * an idle connection or waits as *pending* while a connection is made; the cluster's breakers bound the
 * pending queue (max_pending_requests), the connections (max_connections — though, as in Envoy, a pool with
 * no connection at all may always open one) and the requests in flight (max_requests).
 */
export class ConnPool {
  private readonly idle: Connection[] = [];
  private readonly pending: PendingStream[] = [];
  private busy = 0;
  private connecting = 0;
  private closedForGood = false;

  constructor(
    readonly host: UpstreamHost,
    private readonly owner: PoolOwner,
  ) {}

  get activeConnections(): number {
    return this.idle.length + this.busy + this.connecting;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * A connection for one request: an idle one right away, else a promise (pending). Throws PoolFailure on
   * overflow; the promise rejects with PoolFailure, or with the signal's reason when aborted.
   */
  newStream(signal: AbortSignal | undefined): Connection | Promise<Connection> {
    const { resources, stats } = this.owner;
    while (this.idle.length > 0) {
      const conn = this.idle.pop()!;
      if (conn.closed) continue;
      if (!resources.requests.canCreate()) {
        this.idle.push(conn);
        stats.upstream_rq_pending_overflow++;
        throw new PoolFailure(PoolFailureReason.Overflow, 'max requests');
      }
      this.attach();
      return conn;
    }
    if (!resources.pendingRequests.canCreate()) {
      stats.upstream_rq_pending_overflow++;
      throw new PoolFailure(PoolFailureReason.Overflow, 'max pending requests');
    }
    return new Promise<Connection>((resolve, reject) => {
      const p: PendingStream = { resolve, reject, signal, onAbort: undefined, done: false };
      if (signal !== undefined) {
        p.onAbort = () => {
          if (this.removePending(p)) reject(signal.reason);
        };
        signal.addEventListener('abort', p.onAbort, { once: true });
      }
      resources.pendingRequests.inc();
      stats.upstream_rq_pending_total++;
      stats.upstream_rq_pending_active++;
      this.pending.push(p);
      if (this.connecting < this.pending.length) this.tryCreateConnection();
    });
  }

  /** The request on `conn` is over. `reusable` false: the exchange failed, the connection is gone. */
  release(conn: Connection, reusable: boolean): void {
    this.busy--;
    this.owner.resources.requests.dec();
    const max = this.owner.maxRequestsPerConnection;
    if (!reusable || conn.closed || this.closedForGood || (max > 0 && conn.requestCount >= max)) {
      if (reusable && max > 0 && conn.requestCount >= max) this.owner.stats.upstream_cx_max_requests++;
      if (!conn.closed) conn.close();
      if (this.pending.length > this.connecting) this.tryCreateConnection();
      return;
    }
    this.onConnectionReady(conn);
  }

  /** Retry making a connection for waiting requests (another pool's connection closed). */
  kick(): void {
    if (this.pending.length > this.connecting) this.tryCreateConnection();
  }

  /** Cluster removed or replaced: close idle connections now, busy ones when released. */
  drain(): void {
    this.closedForGood = true;
    for (const conn of this.idle.splice(0)) conn.close();
  }

  private attach(): void {
    this.busy++;
    this.owner.resources.requests.inc();
  }

  private removePending(p: PendingStream): boolean {
    if (p.done) return false;
    p.done = true;
    const i = this.pending.indexOf(p);
    if (i >= 0) this.pending.splice(i, 1);
    if (p.signal !== undefined && p.onAbort !== undefined) p.signal.removeEventListener('abort', p.onAbort);
    this.owner.resources.pendingRequests.dec();
    this.owner.stats.upstream_rq_pending_active--;
    return true;
  }

  private shiftPending(): PendingStream | undefined {
    const p = this.pending[0];
    if (p === undefined) return undefined;
    this.removePending(p);
    return p;
  }

  private tryCreateConnection(): void {
    const { resources, stats, netHost } = this.owner;
    if (!resources.connections.canCreate()) {
      stats.upstream_cx_overflow++;
      // Envoy lets a pool with no connection at all open one anyway, so a host is never starved.
      if (this.activeConnections > 0) return;
    }
    const options = this.owner.connectOptions(this.host);
    if (typeof options === 'string') {
      this.failHead(options);
      return;
    }
    resources.connections.inc();
    this.connecting++;
    const host = this.host;
    let timedOut = false;
    const timeoutMs = this.owner.connectTimeoutMs;
    const timer =
      timeoutMs > 0
        ? this.owner.clock.setTimer(timeoutMs, () => {
            timedOut = true;
            stats.upstream_cx_connect_timeout++;
            this.onConnectFailed('connect timeout');
          })
        : undefined;
    netHost.connect(host.address, host.port, options).then(
      (conn) => {
        if (timedOut) return void conn.close();
        timer?.cancel();
        const refused = this.owner.verifyServer(host, conn);
        if (refused !== undefined) {
          conn.close();
          this.onConnectFailed(refused.transportFailureReason, refused);
          return;
        }
        this.connecting--;
        stats.upstream_cx_total++;
        stats.upstream_cx_active++;
        host.stats.cxTotal++;
        host.stats.cxActive++;
        conn.onClose(() => this.onClosed(conn));
        this.onConnectionReady(conn);
      },
      (error: unknown) => {
        if (timedOut) return;
        timer?.cancel();
        this.onConnectFailed(error instanceof Error ? error.message : String(error));
      },
    );
  }

  private onConnectFailed(message: string, transport?: TransportFailure): void {
    const { resources, stats } = this.owner;
    this.connecting--;
    resources.connections.dec();
    stats.upstream_cx_connect_fail++;
    this.host.stats.cxConnectFail++;
    this.failHead(message, transport);
  }

  private failHead(message: string, transport?: TransportFailure): void {
    const p = this.shiftPending();
    p?.reject(new PoolFailure(PoolFailureReason.ConnectionFailure, message, transport));
  }

  private onConnectionReady(conn: Connection): void {
    if (this.closedForGood && this.pending.length === 0) return void conn.close();
    for (;;) {
      const p = this.shiftPending();
      if (p === undefined) break;
      if (!this.owner.resources.requests.canCreate()) {
        this.owner.stats.upstream_rq_pending_overflow++;
        p.reject(new PoolFailure(PoolFailureReason.Overflow, 'max requests'));
        continue;
      }
      this.attach();
      p.resolve(conn);
      return;
    }
    this.idle.push(conn);
  }

  private onClosed(conn: Connection): void {
    const { resources, stats } = this.owner;
    stats.upstream_cx_active--;
    stats.upstream_cx_destroy++;
    this.host.stats.cxActive--;
    resources.connections.dec();
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    this.owner.onConnectionClosed();
  }
}
