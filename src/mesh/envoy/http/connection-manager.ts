import type { HttpRequest, HttpResponse, PeerInfo } from '../../net';
import type { HttpConnectionManager as HcmConfig } from '../../xds/index';
import type { AccessLog } from '../admin/access-log';
import { loggersForMode, type AccessLogger } from '../access-log/access-loggers';
import { accessLogRecord } from '../access-log/log-record';
import { Router } from '../router/router';
import type { RequestIdGenerator } from '../router/request-id';
import type { UpstreamCluster } from '../upstream/upstream-cluster';
import { PluginError, type PluginGuard } from '../extensions';
import { PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER } from '../node';
import { MatchRequest } from '../router/match-request';
import { RouteTable, type RouteMatcherFactory } from '../router/route-table';
import type { Counter } from '../stats/store';
import { ActiveStream } from './active-stream';
import type { HttpFilter, HttpFilterFactories, HttpFilterFactoryContext, ProxyServices } from './filter';
import { localReply } from './local-reply';
import { copyWithout } from './headers';
import type { RequestRecorder } from '../inspect/request-log';
import type { Decision, HopRecord } from '../inspect/request-record';
import { routeDecision } from '../inspect/route-decision';
import { formatResponseFlags } from '../stream-info';

const PEER_METADATA_HEADERS: ReadonlySet<string> = new Set([PEER_METADATA_HEADER, PEER_METADATA_ID_HEADER]);
const DECORATOR_OPERATION_HEADER = 'x-envoy-decorator-operation';
const DECORATOR_OPERATION_HEADERS: ReadonlySet<string> = new Set([DECORATOR_OPERATION_HEADER]);

/**
 * Envoy's tracing operation name, from the listener's traffic_direction: OUTBOUND listeners (sidecar outbound,
 * and gateways, which Istio marks OUTBOUND) are egress; INBOUND and UNSPECIFIED ones ingress.
 */
type TracingDirection = 'egress' | 'ingress';

/** What an HCM needs from its proxy. */
export interface HcmContext extends ProxyServices {
  readonly accessLog: AccessLog;
  readonly accessLogMode: 'config' | 'always' | 'never';
  /** The calendar instant the clock's 0 stands for (access log timestamps). */
  readonly epochMs: number;
  readonly guard: PluginGuard;
  readonly nodeId: string;
  /** What `x-envoy-peer-metadata-id` carries: Envoy's full node id. */
  readonly peerMetadataId: string;
  readonly localPeerHeader: string;
  /** Istio's metadata exchange (the peer-metadata headers); false for an Envoy run without Istio. */
  readonly metadataExchange: boolean;
  readonly requestIds: RequestIdGenerator;
  /** The HTTP filters the proxy has now (built-ins and a lab's), by name. */
  httpFilters(): HttpFilterFactories;
  /** The learner's route matcher factory, if one is plugged in. */
  routeMatcher(): RouteMatcherFactory | undefined;
  /** Whether this proxy is a gateway (the request inspector names its hops so). */
  readonly gateway: boolean;
  /** The request inspector's recorder while it records; undefined: record nothing. */
  recorder(): RequestRecorder | undefined;
}

/** Where a connection manager sits: its listener and filter chain (the request inspector names both). */
export interface HcmPlace {
  readonly listener: string;
  readonly filterChain: string;
}

/** The parts of the current config a request needs, fixed when the request starts. */
export interface RequestConfig {
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly clusters: ReadonlyMap<string, UpstreamCluster>;
}

/**
 * envoy.filters.network.http_connection_manager: runs a request through its HTTP filters in chain order,
 * then the router; the response goes back through the filters in reverse order and gets what the
 * connection manager adds itself (metadata exchange, upstream service time, `server`); then the stream's
 * stats, the filters' stream-complete hooks and the access log.
 */
export class HttpConnectionManager {
  readonly statPrefix: string;
  readonly inbound: boolean;
  /** The chain split by hook, so each stage loops only over the filters that take part in it. */
  private readonly decoders: HttpFilter[] = [];
  /** Reverse chain order. */
  private readonly encoders: HttpFilter[] = [];
  private readonly completers: HttpFilter[] = [];
  private readonly router: Router;
  private readonly inlineTable: RouteTable | undefined;
  private readonly rdsName: string | undefined;
  private readonly accessLoggers: AccessLogger[];
  private readonly serverName: string;
  /** The pod's name, which is its hostname (`%HOSTNAME%`): the node id is `<pod>.<namespace>`. */
  private readonly hostname: string;
  private readonly rqTotal: Counter;
  private readonly rqByClass: Counter[];
  /** Set when the config has a `tracing` block. */
  private readonly tracing: TracingDirection | undefined;
  private pluginMatcher:
    { factory: RouteMatcherFactory; table: RouteTable; matcher: ReturnType<RouteMatcherFactory> } | undefined;

  constructor(
    config: HcmConfig,
    direction: 'INBOUND' | 'OUTBOUND' | 'UNSPECIFIED' | undefined,
    private readonly ctx: HcmContext,
    private readonly place: HcmPlace,
  ) {
    this.statPrefix = config.stat_prefix;
    this.inbound = direction === 'INBOUND';
    this.serverName = config.server_name ?? 'envoy';
    if (config.tracing !== undefined) this.tracing = direction === 'OUTBOUND' ? 'egress' : 'ingress';
    this.hostname = ctx.nodeId.split('.')[0] ?? ctx.nodeId;
    const { stats, clock, random } = ctx;
    this.buildFilterChain(config, direction ?? 'UNSPECIFIED');
    this.accessLoggers = loggersForMode(ctx.accessLogMode, config.access_log, ctx.accessLog);
    this.router = new Router({
      clock,
      random,
      guard: ctx.guard,
      decorateUpstreamRequest: (stream, headers) => this.decorateUpstreamRequest(stream, headers),
      // Istio turns include_request_attempt_count on for outbound virtual hosts only; an explicit value wins.
      includeAttemptCount: (route) => route.virtualHost.include_request_attempt_count ?? !this.inbound,
    });
    this.inlineTable =
      config.route_config === undefined
        ? undefined
        : new RouteTable(config.route_config, random, ctx.httpFilters(), config.strip_any_host_port === true);
    this.rdsName = config.rds?.route_config_name;
    this.rqTotal = stats.counter(`http.${this.statPrefix}.downstream_rq_total`);
    this.rqByClass = [1, 2, 3, 4, 5].map((k) => stats.counter(`http.${this.statPrefix}.downstream_rq_${k}xx`));
  }

  /**
   * The filters named in http_filters, in order. A name the proxy has no filter for is skipped, as it
   * always was here (Envoy would refuse the config); so is the router, which every chain ends with anyway.
   */
  private buildFilterChain(config: HcmConfig, direction: HttpFilterFactoryContext['direction']): void {
    const ctx = this.ctx;
    const registry = ctx.httpFilters();
    const context: HttpFilterFactoryContext = {
      statPrefix: this.statPrefix,
      direction,
      clock: ctx.clock,
      random: ctx.random,
      stats: ctx.stats,
      metrics: ctx.metrics,
      localPeer: ctx.localPeer,
      rateLimiterFactory: ctx.rateLimiterFactory,
      epochMs: ctx.epochMs,
      track: ctx.track,
      appLog: ctx.appLog,
    };
    for (const f of config.http_filters) {
      const filter = registry.get(f.name)?.createFilter(f.typed_config, context);
      if (filter === undefined) continue;
      if (filter.decodeHeaders !== undefined) this.decoders.push(filter);
      if (filter.encodeHeaders !== undefined) this.encoders.unshift(filter);
      if (filter.onStreamComplete !== undefined) this.completers.push(filter);
    }
  }

  async handle(
    request: HttpRequest,
    peer: PeerInfo,
    signal: AbortSignal,
    config: RequestConfig,
  ): Promise<HttpResponse> {
    const clock = this.ctx.clock;
    const stream = new ActiveStream(request, peer, signal, clock.now());
    this.rqTotal.value++;
    const generatedId = request.headers['x-request-id'] === undefined;
    if (generatedId) request.headers['x-request-id'] = this.ctx.requestIds.next();
    const recorder = this.ctx.recorder();
    if (recorder !== undefined) stream.hop = this.startHop(recorder, stream, generatedId);
    let response: HttpResponse | undefined;
    try {
      const table = this.inlineTable ?? (this.rdsName === undefined ? undefined : config.routeTables.get(this.rdsName));
      if (table !== undefined) stream.route = this.matchRoute(table, request);
      if (this.tracing !== undefined) this.traceRequest(stream, this.tracing);
      if (stream.hop !== undefined) this.recordRoute(stream.hop.decisions, stream, table);
      const decoders = this.decoders;
      for (let i = 0; i < decoders.length; i++) {
        let r = decoders[i]!.decodeHeaders!(stream);
        if (r !== undefined && typeof (r as Promise<unknown>).then === 'function') r = await r;
        if (r !== undefined) {
          response = r as HttpResponse;
          break;
        }
      }
      if (response === undefined) {
        const routed = this.router.route(stream, config.clusters);
        response = routed instanceof Promise ? await routed : routed;
      }
    } catch (e) {
      response = this.errorReply(stream, e);
    }
    return this.encode(stream, response);
  }

  private startHop(recorder: RequestRecorder, stream: ActiveStream, generatedId: boolean): HopRecord {
    const { request, peer } = stream;
    const dest = peer.originalDestination;
    const hop: HopRecord = {
      proxy: this.ctx.nodeId,
      kind: this.ctx.gateway ? 'gateway' : this.inbound ? 'inbound' : 'outbound',
      listener: this.place.listener,
      filterChain: this.place.filterChain,
      destination: dest === undefined ? `${peer.localAddress}:${peer.localPort}` : `${dest.address}:${dest.port}`,
      downstreamPeer: peer.tls?.peerIdentity,
      startMs: stream.startTime,
      endMs: -1,
      decisions: [],
      status: 0,
      flags: '-',
      details: '-',
    };
    recorder.startHop(hop, request.headers['x-request-id']!, generatedId, request);
    return hop;
  }

  private recordRoute(decisions: Decision[], stream: ActiveStream, table: RouteTable | undefined): void {
    const route = stream.route;
    if (route === undefined) decisions.push({ kind: 'no-route', routeConfig: table?.config.name ?? '' });
    else decisions.push(routeDecision(route));
  }

  private matchRoute(table: RouteTable, request: HttpRequest): ActiveStream['route'] {
    const factory = this.ctx.routeMatcher();
    if (factory === undefined)
      return table.matchEntry(new MatchRequest(request.method, request.path, request.authority, request.headers));
    try {
      let pm = this.pluginMatcher;
      if (pm === undefined || pm.factory !== factory || pm.table !== table) {
        pm = { factory, table, matcher: factory(table.config) };
        this.pluginMatcher = pm;
      }
      const result = pm.matcher.route({
        method: request.method,
        path: request.path,
        authority: request.authority,
        headers: request.headers,
      });
      return result === undefined ? undefined : table.entryFor(result);
    } catch (e) {
      throw new PluginError('route matcher', e);
    }
  }

  /**
   * Envoy's traceRequest, the part that shows in headers: an egress connection manager names the route's
   * decorator operation to the next hop in x-envoy-decorator-operation; an ingress one takes that header as its
   * span's operation and removes it, so the application never sees it. Only traffic leaving the mesh keeps it.
   */
  private traceRequest(stream: ActiveStream, direction: TracingDirection): void {
    const decorator = stream.route?.xds.decorator;
    const propagate = decorator?.propagate !== false;
    const operation = decorator === undefined || decorator.operation === '' ? undefined : decorator.operation;
    const headers = stream.request.headers;
    if (direction === 'egress') {
      if (operation !== undefined && propagate) headers[DECORATOR_OPERATION_HEADER] = operation;
      return;
    }
    const override = headers[DECORATOR_OPERATION_HEADER];
    if (propagate && (override === undefined || override === '')) stream.decoratedOperation = operation;
    if (override !== undefined) stream.request.headers = copyWithout(headers, DECORATOR_OPERATION_HEADERS);
  }

  /** The response side: ingress tells the caller its operation when the caller did not name one; egress consumes it. */
  private traceResponse(stream: ActiveStream, response: HttpResponse): void {
    if (this.tracing === 'ingress') {
      if (stream.decoratedOperation !== undefined)
        response.headers[DECORATOR_OPERATION_HEADER] = stream.decoratedOperation;
    } else if (response.headers[DECORATOR_OPERATION_HEADER] !== undefined)
      response.headers = copyWithout(response.headers, DECORATOR_OPERATION_HEADERS);
  }

  private errorReply(stream: ActiveStream, e: unknown): HttpResponse {
    stream.responseCodeDetails = e instanceof PluginError ? 'plugin_error' : 'internal_error';
    const message =
      e instanceof PluginError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return localReply(500, message);
  }

  private decorateUpstreamRequest(stream: ActiveStream, headers: Record<string, string>): void {
    if (this.inbound) {
      // The peer-metadata pair was already left out of `headers` (RouteEntry.upstreamHeadersToDrop).
      const tls = stream.peer.tls;
      if (tls !== undefined) {
        headers['x-forwarded-client-cert'] =
          `By=${tls.localIdentity};Hash=${fakeHash(tls.peerIdentity)};Subject="";URI=${tls.peerIdentity}`;
      }
    } else if (this.ctx.metadataExchange) {
      headers[PEER_METADATA_ID_HEADER] = this.ctx.peerMetadataId;
      headers[PEER_METADATA_HEADER] = this.ctx.localPeerHeader;
    }
  }

  private encode(stream: ActiveStream, response: HttpResponse): HttpResponse {
    let h = response.headers;
    const route = stream.route;
    if (!this.inbound) {
      const upstreamPeer = h[PEER_METADATA_HEADER];
      stream.upstreamPeerMetadata = upstreamPeer;
      if (upstreamPeer !== undefined) h = response.headers = copyWithout(h, PEER_METADATA_HEADERS);
    }
    if (route !== undefined) {
      if (route.responseHeadersToRemove.length > 0)
        h = response.headers = copyWithout(h, new Set(route.responseHeadersToRemove));
      for (const [k, v] of route.responseHeadersToAdd) h[k] = v;
    }
    if (this.inbound && this.ctx.metadataExchange) {
      h[PEER_METADATA_ID_HEADER] = this.ctx.peerMetadataId;
      h[PEER_METADATA_HEADER] = this.ctx.localPeerHeader;
    }
    if (stream.upstreamServiceTimeMs >= 0)
      h['x-envoy-upstream-service-time'] = String(Math.round(stream.upstreamServiceTimeMs));
    if (this.encoders.length > 0) response = this.encodeThroughFilters(stream, response);
    if (this.tracing !== undefined) this.traceResponse(stream, response);
    response.headers['server'] = this.serverName;
    stream.endTime = this.ctx.clock.now();
    if (this.completers.length > 0) response = this.completeThroughFilters(stream, response);
    const hop = stream.hop;
    if (hop !== undefined) {
      hop.endMs = stream.endTime;
      hop.status = response.status;
      hop.flags = formatResponseFlags(stream.flags);
      hop.details = stream.responseCodeDetails;
    }
    const c = this.rqByClass[((response.status / 100) | 0) - 1];
    if (c !== undefined) c.value++;
    if (this.accessLoggers.length > 0) {
      const record = accessLogRecord(stream, response, this.ctx.epochMs, this.hostname);
      for (const logger of this.accessLoggers) logger.log(record);
    }
    return response;
  }

  /** The response through each encoding filter; one that throws turns it into the 500 that names it. */
  private encodeThroughFilters(stream: ActiveStream, response: HttpResponse): HttpResponse {
    try {
      for (const filter of this.encoders) filter.encodeHeaders!(stream, response);
      return response;
    } catch (e) {
      return this.errorReply(stream, e);
    }
  }

  /**
   * The filters' stream-complete hooks. Built-in ones never throw; a lab's that does is answered with the
   * 500 that names it, so the learner sees the error rather than a response that hides it.
   */
  private completeThroughFilters(stream: ActiveStream, response: HttpResponse): HttpResponse {
    try {
      const completers = this.completers;
      for (let i = 0; i < completers.length; i++) completers[i]!.onStreamComplete!(stream, response);
      return response;
    } catch (e) {
      const reply = this.errorReply(stream, e);
      reply.headers['server'] = this.serverName;
      return reply;
    }
  }
}

function fakeHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}
