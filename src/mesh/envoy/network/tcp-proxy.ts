import {
  byteStreamReply,
  NetError,
  TlsHandshakeError,
  type ClientHello,
  type HttpRequest,
  type HttpResponse,
  type PeerInfo,
  type TlsAcceptance,
} from '../../net';
import type { TcpProxy } from '../../xds/index';
import { loggersForMode, type AccessLogger } from '../access-log/access-loggers';
import { requestBytes, responseBytes, TcpSessionLog } from '../access-log/tcp-session-log';
import type { HcmContext, RequestConfig } from '../http/connection-manager';
import type { PeerMetadata } from '../node';
import type { Counter } from '../stats/store';
import type { TcpSeries } from '../stats/tcp-metrics';
import { FLAG_NR, FLAG_UF, FLAG_UH, formatResponseFlags } from '../stream-info';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import type { UpstreamHost } from '../upstream/host';
import { LoggedConnection } from './logged-connection';
import type { TcpStatsFilter } from './tcp-stats';

/** A downstream connection the proxy closed without a word: what the client reads is an orderly close. */
const CLOSED = byteStreamReply('');

/**
 * envoy.filters.network.tcp_proxy for a byte stream: picks the cluster (by weight when there are several),
 * a host of it, opens a connection of its own to that host — mutual TLS when the cluster's transport socket
 * says so — and relays the bytes both ways. No cluster, no healthy host or a failed upstream connection closes
 * the downstream connection, as Envoy does; `tcp.<stat_prefix>.*` and the cluster's `upstream_cx_*` count it,
 * and its access loggers write one line per connection when it closes. With istio.stats in the chain, each
 * connection also counts in Istio's TCP metrics.
 */
export class TcpProxyFilter {
  private readonly names: readonly string[];
  private readonly cumulative: readonly number[];
  private readonly total: number;
  private readonly cxTotal: Counter;
  private readonly noRoute: Counter;
  private readonly rxBytes: Counter;
  private readonly txBytes: Counter;
  private readonly accessLoggers: AccessLogger[];
  private readonly hostname: string;

  constructor(
    config: TcpProxy,
    private readonly ctx: HcmContext,
    private readonly stats: TcpStatsFilter | undefined,
  ) {
    const weighted = config.weighted_clusters?.clusters.filter((c) => c.weight > 0);
    this.names = weighted?.map((c) => c.name) ?? (config.cluster === undefined ? [] : [config.cluster]);
    let sum = 0;
    this.cumulative = weighted?.map((c) => (sum += c.weight)) ?? [1];
    this.total = weighted === undefined ? 1 : sum;
    const prefix = `tcp.${config.stat_prefix}`;
    this.cxTotal = ctx.stats.counter(`${prefix}.downstream_cx_total`);
    this.noRoute = ctx.stats.counter(`${prefix}.downstream_cx_no_route`);
    this.rxBytes = ctx.stats.counter(`${prefix}.downstream_cx_rx_bytes_total`);
    this.txBytes = ctx.stats.counter(`${prefix}.downstream_cx_tx_bytes_total`);
    this.accessLoggers = loggersForMode(ctx.accessLogMode, config.access_log, ctx.accessLog);
    this.hostname = ctx.nodeId.split('.')[0] ?? ctx.nodeId;
  }

  private openLog(peer: PeerInfo, serverName: string | undefined): TcpSessionLog {
    const { clock, epochMs } = this.ctx;
    return new TcpSessionLog(this.accessLoggers, { clock, epochMs, hostname: this.hostname }, peer, serverName);
  }

  /**
   * A TLS connection this chain relays whole (egress passthrough by SNI, a gateway's PASSTHROUGH server): the
   * handshake goes on to the chosen host, and the connection is logged when it closes. No cluster or host, or
   * a failed connect, closes it mid-handshake.
   */
  async relayTls(hello: ClientHello, peer: PeerInfo, config: RequestConfig): Promise<TlsAcceptance> {
    const log = this.openLog(peer, hello.serverName);
    this.cxTotal.value++;
    const name = this.chooseCluster();
    const cluster = name === undefined ? undefined : config.clusters.get(name);
    const refuse = (flag: number, host: UpstreamHost | undefined, why: string): never => {
      log.fail(flag);
      log.finish();
      this.countClosed(this.seriesOf(peer, undefined, name, cluster, host, flag));
      throw new TlsHandshakeError('closed', why);
    };
    if (name === undefined || cluster === undefined) {
      this.noRoute.value++;
      return refuse(FLAG_NR, undefined, `${name ?? 'tcp_proxy'}: no cluster`);
    }
    const host = cluster.chooseHost({}, peer.originalDestination);
    log.upstream(name, host === undefined ? undefined : `${host.address}:${host.port}`);
    if (host === undefined) {
      cluster.stats.upstream_cx_none_healthy++;
      return refuse(FLAG_UH, undefined, `${name}: no healthy upstream`);
    }
    cluster.stats.upstream_cx_total++;
    let upstream;
    try {
      upstream = await cluster.netHost.connect(host.address, host.port, { bypassCapture: true, tlsHello: hello });
    } catch (error) {
      cluster.stats.upstream_cx_connect_fail++;
      if (error instanceof TlsHandshakeError) {
        log.fail(FLAG_UF);
        log.finish();
        this.countClosed(this.seriesOf(peer, undefined, name, cluster, host, FLAG_UF));
        throw error;
      }
      return refuse(FLAG_UF, host, `${name}: upstream connect failed`);
    }
    log.connected(upstream);
    const series = this.seriesOf(peer, undefined, name, cluster, host, 0);
    if (series !== undefined) series.opened++;
    return { upstream: new LoggedConnection(upstream, log, series) };
  }

  /** Istio's TCP series for this connection, when istio.stats is in the chain. */
  private seriesOf(
    peer: PeerInfo,
    remote: PeerMetadata | undefined,
    name: string | undefined,
    cluster: UpstreamCluster | undefined,
    host: UpstreamHost | undefined,
    flags: number,
  ): TcpSeries | undefined {
    return this.stats?.series(peer, remote, name, cluster, host, formatResponseFlags(flags));
  }

  /**
   * A connection that has ended, counted opened and closed at once: Istio counts a connection opened when it
   * learns the peer, which for one exchange (or a connection that failed) comes no earlier than its close.
   */
  private countClosed(series: TcpSeries | undefined, received = 0, sent = 0): void {
    if (series === undefined) return;
    series.opened++;
    series.closed++;
    series.received += received;
    series.sent += sent;
  }

  /** The cluster this connection goes to (each connection draws afresh between weighted clusters). */
  chooseCluster(): string | undefined {
    if (this.names.length <= 1) return this.names[0];
    const draw = this.ctx.random.int(this.total);
    const index = this.cumulative.findIndex((bound) => draw < bound);
    return this.names[index];
  }

  async handle(
    request: HttpRequest,
    peer: PeerInfo,
    signal: AbortSignal,
    config: RequestConfig,
  ): Promise<HttpResponse> {
    const log = this.openLog(peer, undefined);
    try {
      const reply = await this.relay(request, peer, signal, config, log);
      log.exchanged(request, reply);
      return reply;
    } finally {
      log.finish();
    }
  }

  private async relay(
    downstream: HttpRequest,
    peer: PeerInfo,
    signal: AbortSignal,
    config: RequestConfig,
    log: TcpSessionLog,
  ): Promise<HttpResponse> {
    this.cxTotal.value++;
    this.rxBytes.value += downstream.body.length;
    // A client sidecar's metadata rides in with the connection; the app behind this proxy never sees it.
    const offered = this.stats?.inbound === true ? this.stats.take(downstream) : undefined;
    const request = offered?.message ?? downstream;
    const name = this.chooseCluster();
    const cluster = name === undefined ? undefined : config.clusters.get(name);
    const close = (flag: number, host?: UpstreamHost): HttpResponse => {
      log.fail(flag);
      this.countClosed(this.seriesOf(peer, offered?.peer, name, cluster, host, flag), requestBytes(request));
      return CLOSED;
    };
    if (name === undefined || cluster === undefined) {
      this.noRoute.value++;
      return close(FLAG_NR);
    }
    const host = this.ctx.guard.chooseHost(cluster, {}, peer.originalDestination);
    log.upstream(name, host === undefined ? undefined : `${host.address}:${host.port}`);
    if (host === undefined) {
      cluster.stats.upstream_cx_none_healthy++;
      return close(FLAG_UH);
    }
    const options = cluster.connectOptions(host);
    if (typeof options === 'string') {
      cluster.stats.upstream_cx_connect_fail++;
      return close(FLAG_UF, host);
    }
    cluster.stats.upstream_cx_total++;
    let connection;
    try {
      connection = await cluster.netHost.connect(host.address, host.port, options);
    } catch (error) {
      if (!(error instanceof NetError)) throw error;
      cluster.stats.upstream_cx_connect_fail++;
      return close(FLAG_UF, host);
    }
    if (cluster.verifyServer(host, connection) !== undefined) {
      connection.close();
      cluster.stats.upstream_cx_connect_fail++;
      return close(FLAG_UF, host);
    }
    log.connected(connection);
    cluster.stats.upstream_cx_active++;
    const outbound = this.stats !== undefined && !this.stats.inbound ? this.stats : undefined;
    let reply = CLOSED;
    let remote = offered?.peer;
    try {
      const answer = await connection.request(outbound?.offer(request, options.tls !== undefined) ?? request, signal);
      const taken = outbound?.take(answer);
      remote = taken === undefined ? remote : taken.peer;
      reply = taken?.message ?? answer;
      this.txBytes.value += reply.body.length;
      if (offered !== undefined) return this.stats!.answer(reply, offered.peer !== undefined);
      return reply;
    } catch (error) {
      if (signal.aborted || !(error instanceof NetError)) throw error;
      // The upstream reset or closed: Envoy closes the downstream side too.
      return CLOSED;
    } finally {
      cluster.stats.upstream_cx_active--;
      cluster.stats.upstream_cx_destroy++;
      connection.close();
      this.countClosed(
        this.seriesOf(peer, remote, name, cluster, host, 0),
        requestBytes(request),
        responseBytes(request, reply),
      );
    }
  }
}
