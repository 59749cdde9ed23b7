import { byteStreamReply, NetError, type HttpRequest, type HttpResponse, type PeerInfo } from '../../net';
import type { TcpProxy } from '../../xds/index';
import type { HcmContext, RequestConfig } from '../http/connection-manager';
import type { Counter } from '../stats/store';

/** A downstream connection the proxy closed without a word: what the client reads is an orderly close. */
const CLOSED = byteStreamReply('');

/**
 * envoy.filters.network.tcp_proxy for a byte stream: picks the cluster (by weight when there are several),
 * a host of it, opens a connection of its own to that host — mutual TLS when the cluster's transport socket
 * says so — and relays the bytes both ways. No cluster, no healthy host or a failed upstream connection closes
 * the downstream connection, as Envoy does; `tcp.<stat_prefix>.*` and the cluster's `upstream_cx_*` count it.
 */
export class TcpProxyFilter {
  private readonly names: readonly string[];
  private readonly cumulative: readonly number[];
  private readonly total: number;
  private readonly cxTotal: Counter;
  private readonly noRoute: Counter;
  private readonly rxBytes: Counter;
  private readonly txBytes: Counter;

  constructor(
    config: TcpProxy,
    private readonly ctx: HcmContext,
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
    this.cxTotal.value++;
    this.rxBytes.value += request.body.length;
    const name = this.chooseCluster();
    const cluster = name === undefined ? undefined : config.clusters.get(name);
    if (cluster === undefined) {
      this.noRoute.value++;
      return CLOSED;
    }
    const host = this.ctx.guard.chooseHost(cluster, {}, peer.originalDestination);
    if (host === undefined) {
      cluster.stats.upstream_cx_none_healthy++;
      return CLOSED;
    }
    const options = cluster.connectOptions(host);
    if (typeof options === 'string') {
      cluster.stats.upstream_cx_connect_fail++;
      return CLOSED;
    }
    cluster.stats.upstream_cx_total++;
    let connection;
    try {
      connection = await cluster.netHost.connect(host.address, host.port, options);
    } catch (error) {
      if (!(error instanceof NetError)) throw error;
      cluster.stats.upstream_cx_connect_fail++;
      return CLOSED;
    }
    cluster.stats.upstream_cx_active++;
    try {
      const reply = await connection.request(request, signal);
      this.txBytes.value += reply.body.length;
      return reply;
    } catch (error) {
      if (signal.aborted || !(error instanceof NetError)) throw error;
      // The upstream reset or closed: Envoy closes the downstream side too.
      return CLOSED;
    } finally {
      cluster.stats.upstream_cx_active--;
      cluster.stats.upstream_cx_destroy++;
      connection.close();
    }
  }
}
