import { type Clock, type Random, MESH_EPOCH_MS } from '../sim';
import {
  isByteStream,
  NetError,
  TlsHandshakeError,
  type ClientHello,
  type HttpRequest,
  type HttpResponse,
  type Listening,
  type NetHost,
  type PeerInfo,
  type TlsAcceptance,
} from '../net';
import type { ConfigUpdate } from '../xds/index';
import { AccessLog } from './admin/access-log';
import { AdminServer } from './admin/admin-server';
import { AppLog } from './admin/app-log';
import { LoggerLevels } from './admin/logging';
import type { ServerInstance } from './admin/server-instance';
import { buildProxyConfig, type ProxyConfig } from './config/proxy-config';
import {
  emptyResources,
  mergeUpdate,
  resourcesAsUpdate,
  type KindVersion,
  type Rejection,
} from './config/resource-store';
import { validateProxyConfig } from './config/validate';
import { PluginGuard, resolveFactories, resolveHttpFilters, type ProxyExtensions } from './extensions';
import type { HttpFilterRegistry } from './filters/registry';
import type { HcmContext } from './http/connection-manager';
import type { RequestRecorder } from './inspect/request-log';
import { encodePeerMetadata, peerMetadataOf, type ProxyNode } from './node';
import { SecretStore, type CaBundleFile } from './secrets';
import { RequestIdGenerator } from './router/request-id';
import { originalDstListener } from './listener/original-dst';
import { serveOnChain } from './network/serve-connection';
import { terminateTls } from './listener/tls-termination';
import { IstioMetrics } from './stats/istio-metrics';
import { StatsStore } from './stats/store';
import type { UpstreamModuleFactories } from './upstream/factories';
import { RecordingOutlierEventSink } from './upstream/outlier-detection/event-sink';

export interface ProxyOptions {
  /** The pod (or gateway) network endpoint this Envoy runs in. */
  readonly host: NetHost;
  readonly clock: Clock;
  readonly random: Random;
  readonly node: ProxyNode;
  readonly extensions?: ProxyExtensions;
  /** Admin port (Envoy's 15000); 0 = no admin listener. */
  readonly adminPort?: number;
  /** pilot-agent's health port serving `/healthz/ready` (15021); 0 = none. */
  readonly readinessPort?: number;
  /** Marks WebCrypto work the virtual clock must wait for (JWT signatures); default: nothing to mark. */
  readonly track?: <T>(promise: Promise<T>) => Promise<T>;
  /** Calendar instant of clock 0, for START_TIME and last_updated (default MESH_EPOCH_MS, 2026-01-01T00:00:00Z). */
  readonly epochMs?: number;
  readonly accessLogCapacity?: number;
  /**
   * `config` (default): log as the HCM's access_log says; `always`: as if every HCM had Istio's default
   * stdout logger (tests); `never`: not at all (benchmarks).
   */
  readonly accessLog?: 'config' | 'always' | 'never';
  /**
   * Worker time spent on each request served (decoding, filter chain, routing, encoding, stats), half on the
   * way in and half on the way out, local replies included. Default 0: a bare proxy answers in no time.
   */
  readonly workPerRequestMs?: number;
  /**
   * The request inspector's recorder, asked at each request (so it can be switched on and off); absent or
   * undefined: nothing is recorded.
   */
  readonly recorder?: () => RequestRecorder | undefined;
  /**
   * CA bundles pilot-agent serves from files (`file-root:<path>`) for DestinationRules' `caCertificates`, and
   * `system` for the OS trust store; absent: the container has none.
   */
  readonly caBundleFile?: CaBundleFile;
  /** Istio's metadata exchange between sidecars (default true); an Envoy run from a static bootstrap has none. */
  readonly metadataExchange?: boolean;
}

/** The outcome of a push: ACK, or NACK with the reason (the proxy keeps its last good config). */
export type ApplyResult = { readonly accepted: true } | { readonly accepted: false; readonly message: string };

/**
 * One Envoy instance on a NetHost (Istio's sidecar or gateway). Configured through `applyConfig` with xDS
 * resources; serves its bound listeners on the Net; exposes the admin interface on `adminPort` and as
 * plain functions (`admin`).
 */
export class EnvoyProxy implements ServerInstance {
  readonly node: ProxyNode;
  readonly stats = new StatsStore();
  readonly metrics = new IstioMetrics();
  readonly accessLog: AccessLog;
  /** Envoy's loggers and their levels (`/logging`), and the log they write to the container's output. */
  readonly loggers = new LoggerLevels();
  readonly appLog: AppLog;
  readonly outlierEvents = new RecordingOutlierEventSink();
  readonly admin: AdminServer;
  readonly epochMs: number;
  private readonly host: NetHost;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly secrets: SecretStore;
  private readonly guard = new PluginGuard();
  private readonly hcmContext: HcmContext;
  private extensions: ProxyExtensions;
  private factories: UpstreamModuleFactories;
  private httpFilters: HttpFilterRegistry;
  private current: ProxyConfig | undefined;
  private readonly listening = new Map<number, { listening: Listening; identity: string | undefined }>();
  private adminListening: Listening | undefined;
  private readinessListening: Listening | undefined;
  /** Last NACK, for /config_dump error_state. */
  lastRejection: Rejection | undefined;
  private readonly versions = new Map<string, KindVersion>();
  private readonly halfWorkMs: number;

  constructor(options: ProxyOptions) {
    this.host = options.host;
    this.clock = options.clock;
    this.random = options.random;
    this.node = options.node;
    this.epochMs = options.epochMs ?? MESH_EPOCH_MS;
    this.halfWorkMs = (options.workPerRequestMs ?? 0) / 2;
    this.secrets = new SecretStore(this.epochMs, options.caBundleFile);
    this.extensions = options.extensions ?? {};
    this.factories = resolveFactories(this.extensions);
    this.httpFilters = resolveHttpFilters(this.extensions);
    this.accessLog = new AccessLog(options.accessLogCapacity ?? 1000);
    this.appLog = new AppLog(this.loggers, this.accessLog, this.clock, this.epochMs);
    const localPeer = peerMetadataOf(this.node);
    this.hcmContext = {
      clock: this.clock,
      random: this.random,
      stats: this.stats,
      metrics: this.metrics,
      accessLog: this.accessLog,
      appLog: this.appLog,
      accessLogMode: options.accessLog ?? 'config',
      epochMs: this.epochMs,
      guard: this.guard,
      nodeId: this.node.id,
      // The id Istio's bootstrap gives Envoy's node (`sidecar~10.0.0.5~pod.ns~ns.svc.cluster.local`), which
      // metadata exchange sends: only a receiver without a sidecar gets to see it.
      peerMetadataId: `${this.node.type ?? 'sidecar'}~${this.host.address}~${this.node.id}~${this.node.namespace}.svc.cluster.local`,
      localPeer,
      localPeerHeader: encodePeerMetadata(localPeer),
      metadataExchange: options.metadataExchange ?? true,
      rateLimiterFactory: () => this.factories.rateLimiter,
      track: options.track ?? ((promise) => promise),
      requestIds: new RequestIdGenerator(this.random),
      httpFilters: () => this.httpFilters,
      routeMatcher: () => this.extensions.routeMatcher,
      gateway: this.node.type === 'router',
      recorder: options.recorder ?? (() => undefined),
    };
    this.admin = new AdminServer(this);
    const adminPort = options.adminPort ?? 15000;
    if (adminPort > 0) this.adminListening = this.host.listen(adminPort, (req) => this.admin.handle(req));
    const readinessPort = options.readinessPort ?? 15021;
    if (readinessPort > 0)
      this.readinessListening = this.host.listen(readinessPort, (req) => this.admin.handleHealth(req));
  }

  get address(): string {
    return this.host.address;
  }

  /** The config requests are served with now (undefined before the first accepted push). */
  get config(): ProxyConfig | undefined {
    return this.current;
  }

  /** Version info per resource kind of the last accepted push that carried it. */
  versionOf(kind: string): KindVersion | undefined {
    return this.versions.get(kind);
  }

  /**
   * Validates and applies a push. Invalid → NACK with a message naming resource and field; nothing
   * changes. Valid → the new config replaces the old atomically: requests already running finish on the
   * config they started with.
   */
  applyConfig(update: ConfigUpdate): ApplyResult {
    const errors = validateProxyConfig(update, this.httpFilters);
    if (errors.length > 0) return this.reject(update, errors.join('\n'));
    const resources = mergeUpdate(this.current?.resources ?? emptyResources(), update, this.clock.now());
    try {
      this.secrets.update(resources.secrets);
      this.commit(buildProxyConfig(resources, this.current, this.buildDeps(), false));
    } catch (e) {
      this.secrets.update(this.current?.resources.secrets ?? new Map());
      return this.reject(update, e instanceof Error ? e.message : String(e));
    }
    for (const kind of ['listeners', 'routes', 'clusters', 'endpoints', 'secrets'] as const) {
      if (update[kind] !== undefined)
        this.versions.set(kind, { versionInfo: update.version_info ?? '', lastUpdated: this.clock.now() });
    }
    return { accepted: true };
  }

  /**
   * Plugs learner modules in (or back out with `{}`); clusters, listeners and routes are rebuilt with the
   * new factories and HTTP filters. If a new filter's checks find the running config invalid, or a module
   * throws while building it, nothing changes and the reason comes back.
   */
  setExtensions(extensions: ProxyExtensions): ApplyResult {
    const previous = { extensions: this.extensions, factories: this.factories, httpFilters: this.httpFilters };
    this.extensions = extensions;
    this.factories = resolveFactories(extensions);
    this.httpFilters = resolveHttpFilters(extensions);
    if (this.current === undefined) return { accepted: true };
    try {
      const problems = validateProxyConfig(resourcesAsUpdate(this.current.resources), this.httpFilters);
      if (problems.length > 0) throw new Error(problems.join('\n'));
      this.commit(buildProxyConfig(this.current.resources, this.current, this.buildDeps(), true));
      return { accepted: true };
    } catch (e) {
      this.extensions = previous.extensions;
      this.factories = previous.factories;
      this.httpFilters = previous.httpFilters;
      return { accepted: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Stops listening everywhere and drains every cluster. */
  stop(): void {
    for (const { listening } of this.listening.values()) listening.close();
    this.listening.clear();
    this.adminListening?.close();
    this.adminListening = undefined;
    this.readinessListening?.close();
    this.readinessListening = undefined;
    for (const c of this.current?.clusters.values() ?? []) c.drain();
  }

  /** Serves one request arriving on a bound port (also what the Net calls). */
  dispatch(port: number, request: HttpRequest, peer: PeerInfo, signal: AbortSignal): Promise<HttpResponse> {
    const cfg = this.current;
    let listener = cfg?.boundByPort.get(port);
    if (cfg === undefined || listener === undefined)
      return Promise.reject(new NetError('ECONNRESET', `no listener on port ${port}`));
    const dest = peer.originalDestination;
    if (listener.useOriginalDst && dest !== undefined) {
      const target = originalDstListener(cfg, dest.address, dest.port);
      if (target !== undefined) listener = target;
    }
    // A connection whose TLS this proxy terminated keeps the chain its SNI chose at the handshake.
    const chain = listener.selectChain(
      dest?.address ?? peer.localAddress,
      dest?.port ?? peer.localPort,
      peer.tls !== undefined || peer.tlsSession !== undefined,
      peer.tlsSession?.serverName,
      !isByteStream(request),
    );
    if (chain === undefined)
      return Promise.reject(new NetError('ECONNRESET', `listener ${listener.name}: no filter chain matches`));
    const half = this.halfWorkMs;
    if (half <= 0) return serveOnChain(chain, request, peer, signal, cfg);
    return this.clock
      .sleep(half, signal)
      .then(() => serveOnChain(chain, request, peer, signal, cfg))
      .then(async (response) => {
        await this.clock.sleep(half);
        return response;
      });
  }

  /**
   * A TLS hello on a bound port: the filter chain for its destination and SNI decides; no chain for the
   * name closes the connection mid-handshake. A chain with a DownstreamTlsContext terminates TLS here
   * with its SDS certificate (a gateway's credentialName); chains presenting a workload identity are mesh
   * mTLS, which sidecars reach through the identity-level model, never with a plain client's hello. A
   * tcp_proxy chain relays the connection whole to its cluster's host, where the handshake happens (egress
   * or gateway passthrough); a cluster without hosts (BlackHoleCluster) or a failed upstream connect
   * closes it mid-handshake.
   */
  private async acceptTls(port: number, hello: ClientHello, peer: PeerInfo): Promise<TlsAcceptance> {
    const cfg = this.current;
    let listener = cfg?.boundByPort.get(port);
    if (cfg === undefined || listener === undefined) throw new TlsHandshakeError('closed', `no listener on ${port}`);
    const dest = peer.originalDestination;
    if (listener.useOriginalDst && dest !== undefined)
      listener = originalDstListener(cfg, dest.address, dest.port) ?? listener;
    const chain = listener.selectChain(
      dest?.address ?? peer.localAddress,
      dest?.port ?? peer.localPort,
      true,
      hello.serverName,
    );
    if (chain === undefined) throw new TlsHandshakeError('closed', `listener ${listener.name}: no filter chain`);
    const tls = chain.downstreamTls;
    if (tls !== undefined && this.secrets.identityFor(tls.certificateSecret) === undefined)
      return { session: terminateTls(tls, hello, this.secrets, this.epochMs + this.clock.now()) };
    // An HTTP chain reads the hello as a malformed request and answers in plaintext.
    if (chain.tcpProxy === undefined) throw new TlsHandshakeError('not-tls', `${listener.name} speaks HTTP`);
    return chain.tcpProxy.relayTls(hello, peer, cfg);
  }

  private buildDeps(): Parameters<typeof buildProxyConfig>[2] {
    return {
      random: this.random,
      hcm: this.hcmContext,
      clusterDeps: (name) => ({
        netHost: this.host,
        clock: this.clock,
        random: this.random,
        factories: this.factories,
        identities: this.secrets,
        outlierEvents: this.outlierEvents,
        stats: this.stats.cluster(name),
        epochMs: this.epochMs,
      }),
    };
  }

  private commit(built: ReturnType<typeof buildProxyConfig>): void {
    const previous = this.current;
    this.current = built.config;
    for (const [cluster, cla] of built.endpointUpdates) cluster.updateEndpoints(cla);
    if (previous !== undefined) {
      for (const [name, c] of previous.clusters) if (built.config.clusters.get(name) !== c) c.drain();
    }
    this.syncPorts();
  }

  private syncPorts(): void {
    const cfg = this.current;
    if (cfg === undefined) return;
    for (const [port, entry] of this.listening) {
      if (!cfg.boundByPort.has(port)) {
        entry.listening.close();
        this.listening.delete(port);
      }
    }
    for (const [port, listener] of cfg.boundByPort) {
      const secret = listener.tlsCertificateSecret;
      const identity = secret === undefined ? undefined : this.secrets.identityFor(secret);
      const existing = this.listening.get(port);
      if (existing !== undefined && existing.identity === identity) continue;
      existing?.listening.close();
      const handler = (req: HttpRequest, peer: PeerInfo, signal: AbortSignal): Promise<HttpResponse> =>
        this.dispatch(port, req, peer, signal);
      const listening = this.host.listen(port, handler, {
        ...(identity !== undefined && { tls: { mode: 'PERMISSIVE', identity } }),
        acceptTls: (hello, peer) => this.acceptTls(port, hello, peer),
      });
      this.listening.set(port, { listening, identity });
    }
  }

  private reject(update: ConfigUpdate, message: string): ApplyResult {
    this.lastRejection = { message, versionInfo: update.version_info ?? '', time: this.clock.now(), update };
    return { accepted: false, message };
  }
}
