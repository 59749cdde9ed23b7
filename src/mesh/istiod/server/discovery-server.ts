import { type Clock, type Random, ISTIO_VERSION, MESH_EPOCH_MS } from '../../sim';
import type { ResourceKind } from '../../xds';
import type { CertificateAuthority, IssuedCertificate } from '../ca/certificate-authority';
import { WorkloadCertificates } from '../ca/workload-certificates';
import type { KubeObject } from '../model/kube-api';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from '../model/mesh-config';
import { isMeshConfigMap, meshConfigFrom } from '../model/mesh-config-map';
import {
  mergePushRequests,
  pushRequestForObject,
  sameEndpoints,
  serviceAccountsChanged,
  type PushRequest,
} from '../model/push-request';
import { buildMeshSnapshot, type MeshSnapshot } from '../model/snapshot';
import { generateProxyCredentials, generateProxyEndpoints, generateProxyXds } from '../translate/generator';
import { jwksUrisToResolve } from '../translate/request-authn';
import type { ConfigSource, XdsConnection, XdsPushResult } from './connection';
import {
  debounce,
  PILOT_DEBOUNCE_AFTER_MS,
  PILOT_DEBOUNCE_MAX_MS,
  type DebounceOptions,
  type Debouncer,
} from './debounce';
import { KINDS, newProxyState, pushChangedResources, type ProxyState, type PushRecord } from './proxy-push';
import { proxySyncStatus, XDS_TYPE_OF, type ProxySyncStatus, type TypeSyncState, type XdsType } from './sync-status';
import { nonce, pushVersion } from './version';
import { JwksResolver, type JwksFetch } from './jwks-resolver';

export interface DiscoveryServerOptions {
  readonly source: ConfigSource;
  readonly clock: Clock;
  /** Nonces come from here (seeded: replayable). */
  readonly random: Random;
  /** Defaults under the `istio` ConfigMap in istio-system, which overrides what it sets (as istiod reads it). */
  readonly meshConfig?: MeshConfig;
  readonly debounce?: Partial<DebounceOptions>;
  /** Without a CA, proxies get no SDS secrets. */
  readonly ca?: CertificateAuthority;
  readonly epochMs?: number;
  /** The istiod pod name shown by `istioctl proxy-status`. */
  readonly istiodName?: string;
  /** How istiod reaches a RequestAuthentication's `jwksUri`; without it every such rule gets a key nobody signs for. */
  readonly fetchJwks?: JwksFetch;
}

const WATCHED_GROUPS = new Set([
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'gateway.networking.k8s.io',
]);

function relevant(obj: KubeObject): boolean {
  if (!obj.apiVersion.includes('/'))
    return obj.kind === 'Pod' || obj.kind === 'Service' || obj.kind === 'Secret' || isMeshConfigMap(obj);
  return WATCHED_GROUPS.has(obj.apiVersion.split('/')[0] ?? '');
}

export type { PushRecord } from './proxy-push';

/**
 * The push server (pilot's DiscoveryServer): watches config, debounces changes on the clock, builds a
 * fresh snapshot per push, and sends each connected proxy the resource types that changed for it, with
 * Istio-style versions and nonces. An ACK marks them SYNCED; a NACK leaves the proxy on its last good
 * config and is recorded for `istioctl proxy-status`. With a CA, the proxies' certificates are signed and
 * renewed by WorkloadCertificates; each new one goes out as an SDS push.
 */
export class DiscoveryServer {
  private current: MeshSnapshot;
  private readonly proxies = new Map<string, ProxyState>();
  private readonly debouncer: Debouncer<PushRequest>;
  private readonly history: PushRecord[] = [];
  private readonly listeners = new Set<(record: PushRecord) => void>();
  private unwatch: (() => void) | undefined;
  private readonly certificates: WorkloadCertificates | undefined;
  private versionCounter = 0;
  private failure: string | undefined;
  private lastVersion = '';
  private readonly jwks: JwksResolver;

  constructor(private readonly options: DiscoveryServerOptions) {
    this.jwks = new JwksResolver(options.fetchJwks, options.clock);
    this.current = this.build();
    this.certificates =
      options.ca === undefined
        ? undefined
        : new WorkloadCertificates({ ca: options.ca, clock: options.clock, onIssued: (id) => this.pushSecrets(id) });
    this.debouncer = debounce(
      options.clock,
      {
        debounceAfterMs: options.debounce?.debounceAfterMs ?? PILOT_DEBOUNCE_AFTER_MS,
        debounceMaxMs: options.debounce?.debounceMaxMs ?? PILOT_DEBOUNCE_MAX_MS,
      },
      mergePushRequests,
      (request) => this.push(request),
    );
  }

  /** Starts watching the config source. */
  start(): void {
    this.unwatch ??= this.options.source.watch((event) => {
      if (relevant(event.object)) this.requestPush(pushRequestForObject(event.object));
    });
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.debouncer.stop();
    this.certificates?.stop();
  }

  /** The snapshot of the last push (or of the latest connect). */
  get snapshot(): MeshSnapshot {
    return this.current;
  }

  /** The last internal error (a config istiod could not translate), if any; pushes go on without it. */
  get lastError(): string | undefined {
    return this.failure;
  }

  /** The push version of the last push (`2026-01-01T00:00:05Z/7`). */
  get version(): string {
    return this.lastVersion;
  }

  /** Queues a push through the debouncer, as a config event does. */
  requestPush(request: PushRequest): void {
    this.debouncer.push(request);
  }

  /** Whether changes are waiting for the debounce timer. */
  get pushPending(): boolean {
    return this.debouncer.pending;
  }

  /**
   * A proxy connects: it gets its full configuration right away, not debounced, and resolves with the
   * answer (undefined when the mesh does not know the proxy yet; a later push configures it). With a CA,
   * its certificate is signed meanwhile and follows as an SDS push, as istio-agent's SDS stream does;
   * `settled()` waits for that.
   */
  async connect(conn: XdsConnection): Promise<XdsPushResult | undefined> {
    const id = conn.node.id;
    this.disconnect(id);
    const state = newProxyState(conn);
    this.proxies.set(id, state);
    this.current = this.tryBuild() ?? this.current;
    // A jwksUri nobody fetched yet (a proxy connecting before any push) is fetched now; a push follows.
    const uris = jwksUrisToResolve(this.current);
    if (this.jwks.needsFetch(uris))
      void this.jwks
        .resolve(uris)
        .then(() => this.requestPush({ full: true, configsUpdated: [], reasons: { GlobalUpdate: 1 } }));
    // Istio's initial push carries the current push version; a new one only if nothing was pushed yet.
    const result = this.enqueue(state, this.current, this.lastVersion === '' ? this.nextVersion() : this.lastVersion);
    this.ensureCertificate(id, this.current);
    return result;
  }

  /**
   * Resolves once no certificate is being signed and every push has been answered. Signing runs on
   * WebCrypto, in host time rather than on the clock: await this outside `VirtualClock.run` (setup code),
   * or keep the clock moving while waiting.
   */
  async settled(): Promise<void> {
    await this.certificates?.settled();
    await Promise.all([...this.proxies.values()].map((s) => s.queue));
  }

  disconnect(proxyId: string): void {
    this.certificates?.forget(proxyId);
    this.proxies.delete(proxyId);
  }

  get connectedProxies(): readonly string[] {
    return [...this.proxies.keys()].sort();
  }

  /** `istioctl proxy-status`: one row per connected proxy. */
  proxyStatus(): ProxySyncStatus[] {
    const istiod = this.options.istiodName ?? 'istiod';
    return this.connectedProxies.map((id) => proxySyncStatus(id, this.proxies.get(id)!.sync, istiod, ISTIO_VERSION));
  }

  /**
   * What istiod would send a connected proxy now, from the current snapshot (istiod's debug config_dump, which
   * `istioctl proxy-status <pod>` compares with the proxy's own); undefined for a proxy it does not serve.
   */
  configFor(proxyId: string): Partial<Record<ResourceKind, unknown[]>> | undefined {
    const proxy = this.current.proxyById.get(proxyId);
    if (!this.proxies.has(proxyId) || proxy === undefined) return undefined;
    return { ...generateProxyXds(this.current, proxy) };
  }

  /** Per-type sent/acked versions and nonces of one proxy. */
  syncState(proxyId: string): Readonly<Record<XdsType, Readonly<TypeSyncState>>> | undefined {
    return this.proxies.get(proxyId)?.sync;
  }

  /** The workload certificate a proxy currently holds. */
  certificate(proxyId: string): IssuedCertificate | undefined {
    return this.certificates?.certificate(proxyId);
  }

  /** The most recent pushes, oldest first (bounded). */
  recentPushes(): readonly PushRecord[] {
    return this.history;
  }

  onPush(listener: (record: PushRecord) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private build(): MeshSnapshot {
    const objects = this.options.source.list();
    return buildMeshSnapshot(
      objects,
      meshConfigFrom(objects, this.options.meshConfig ?? DEFAULT_MESH_CONFIG),
      this.jwks.known(),
    );
  }

  /**
   * A snapshot whose RequestAuthentications have their keys: like istiod, the push waits for the first fetch
   * of a new jwksUri, then translates with what it got (or, failing, with a key nobody can sign for).
   */
  private async buildWithKeys(): Promise<MeshSnapshot | undefined> {
    const snapshot = this.tryBuild();
    if (snapshot === undefined) return undefined;
    const uris = jwksUrisToResolve(snapshot);
    if (!this.jwks.needsFetch(uris)) return snapshot;
    await this.jwks.resolve(uris);
    return this.tryBuild();
  }

  /** A config the API server let through but istiod cannot read leaves the last snapshot in service. */
  private tryBuild(): MeshSnapshot | undefined {
    try {
      return this.build();
    } catch (error) {
      this.failure = `building the mesh snapshot: ${String(error)}`;
      return undefined;
    }
  }

  private nextVersion(): string {
    this.versionCounter++;
    this.lastVersion = pushVersion(
      this.options.clock.now(),
      this.versionCounter,
      this.options.epochMs ?? MESH_EPOCH_MS,
    );
    return this.lastVersion;
  }

  /** A debounced push: one new snapshot, every connected proxy brought up to date. */
  private async push(request: PushRequest): Promise<void> {
    const snapshot = await this.buildWithKeys();
    if (snapshot === undefined) return;
    const previous = this.current;
    this.current = snapshot;
    // Pods coming and going only move endpoints: as in Istio, such a push sends EDS alone — unless they changed
    // a service's workload identities, which its clusters verify.
    const full =
      request.full || (previous !== undefined && serviceAccountsChanged(previous.services, snapshot.services));
    const only: readonly ResourceKind[] | undefined = full ? undefined : ['endpoints'];
    // A pod event that moved no endpoint (a status written, a container started) pushes nothing, as Istio's
    // UpdateServiceEndpoints answers NoPush for endpoints that did not change: a proxy whose queued config came
    // from a snapshot with the same services, workloads and proxies is left alone, and a push no proxy needs
    // takes no version.
    const unchanged = new Map<MeshSnapshot, boolean>();
    const needs = (state: ProxyState) => {
      const basis = state.basis;
      if (full || basis === undefined) return true;
      if (!unchanged.has(basis)) unchanged.set(basis, sameEndpoints(basis, snapshot));
      return !unchanged.get(basis);
    };
    const stale = [...this.proxies].filter(([id, state]) => {
      // A proxy that connected before its pod was known gets its certificate now.
      this.ensureCertificate(id, snapshot);
      return needs(state);
    });
    if (stale.length === 0) return;
    const version = this.nextVersion();
    await Promise.all(stale.map(([, state]) => this.enqueue(state, snapshot, version, only)));
  }

  /** Pushes to one proxy are sent one at a time, in order. */
  private enqueue(
    state: ProxyState,
    snapshot: MeshSnapshot,
    version: string,
    only?: readonly ResourceKind[],
  ): Promise<XdsPushResult | undefined> {
    state.basis = snapshot;
    const run = state.queue.then(() => this.pushProxy(state, snapshot, version, only));
    state.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async pushProxy(
    state: ProxyState,
    snapshot: MeshSnapshot,
    version: string,
    only?: readonly ResourceKind[],
  ): Promise<XdsPushResult | undefined> {
    const id = state.conn.node.id;
    const proxy = snapshot.proxyById.get(id);
    if (this.proxies.get(id) !== state || proxy === undefined) return undefined;
    // An endpoint-only push is a full one for a proxy that has had no configuration yet (it connected
    // before its pod existed).
    const wantsEndpointsOnly = only?.length === 1 && only[0] === 'endpoints';
    const endpointsOnly = wantsEndpointsOnly && state.sync[XDS_TYPE_OF.listeners].versionSent !== undefined;
    const kinds = endpointsOnly ? only : wantsEndpointsOnly ? KINDS : (only ?? KINDS);
    let resources: Partial<Record<ResourceKind, unknown[]>>;
    try {
      resources = endpointsOnly
        ? { endpoints: generateProxyEndpoints(snapshot, proxy) }
        : { ...generateProxyXds(snapshot, proxy) };
    } catch (error) {
      this.failure = `generating config for ${id}: ${String(error)}`;
      return undefined;
    }
    const secrets = [...(this.certificates?.secrets(id) ?? []), ...generateProxyCredentials(snapshot, proxy)];
    if (secrets.length > 0) resources.secrets = secrets;
    const record = await pushChangedResources(
      state,
      resources,
      kinds,
      version,
      () => nonce(this.options.random),
      this.options.clock,
    );
    if (record === undefined) return undefined;
    this.record(record);
    return record.ack ? { ack: true } : { ack: false, message: record.message ?? '' };
  }

  private record(r: PushRecord): void {
    this.history.push(r);
    if (this.history.length > 200) this.history.shift();
    for (const l of this.listeners) l(r);
  }

  /** Starts signing a certificate for a proxy known to the mesh (WorkloadCertificates skips one it has). */
  private ensureCertificate(id: string, snapshot: MeshSnapshot): void {
    const proxy = snapshot.proxyById.get(id);
    if (proxy !== undefined) this.certificates?.ensure(id, proxy.identity);
  }

  /** A new or rotated certificate goes out on its own, as an SDS push with a new version. */
  private async pushSecrets(id: string): Promise<void> {
    const state = this.proxies.get(id);
    if (state !== undefined) await this.enqueue(state, this.current, this.nextVersion(), ['secrets']);
  }
}
