import type { Clock, Random } from '../sim';
import { ApiServer } from './apiserver';
import { applyAll, type ApplyOptions, type VerbResult, failed } from './apply';
import {
  createApiServerService,
  createNamespaces,
  createNodePool,
  createSystemWorkloads,
  SYSTEM_IMAGES,
  type NodePoolOptions,
} from './bootstrap';
import { ControllerContext } from './controllers/context';
import { startDeploymentController } from './controllers/deployment';
import { startEndpointsController } from './controllers/endpoints';
import { normalizeImage } from './controllers/images';
import { Kubelet } from './controllers/kubelet';
import { startLifecycleControllers } from './controllers/lifecycle';
import { startReplicaSetController } from './controllers/replicaset';
import { startScheduler } from './controllers/scheduler';
import { startServiceController, type LoadBalancerProvider } from './controllers/service-lb';
import { CRD_ESTABLISHER, installCrds, uninstallCrds } from './crds';
import { KubeError, unknownResourceTypeError } from './errors';
import { EventRecorder } from './events';
import { SidecarInjector, type SidecarInjectorOptions } from './injection';
import type { InputOptions } from './input';
import type { ValidatingWebhook } from './validating-webhooks';
import { ContainerLogs } from './logs';
import {
  annotateNamed,
  labelNamed,
  rolloutRestart,
  rolloutStatus,
  scaleNamed,
  type MetadataChanges,
  type MetadataEditOptions,
} from './metadata-verbs';
import { ncloudLoadBalancerProvider } from './ncloud-lb';
import { readPodLogs, type PodLogsRequest, type PodLogsResult } from './pod-logs';
import { selectorMatches, type LabelSelector } from './pods';
import { groupKindOf, resolveResource, RESOURCE_TYPES, TYPES, type CrdBundle, type ResourceType } from './resources';
import { parseLabelSelector } from './selectors';
import type { Deployment, KubeEvent, KubeObject, Namespace, WatchHandler } from './types';
import {
  createAll,
  deleteAll,
  deleteNamed,
  patchNamed,
  replaceAll,
  type CreateOptions,
  type DeleteOptions,
  type PatchOptions,
} from './verbs';

export interface CreateKubeOptions {
  clock: Clock;
  /** Seeded: uids, pod name suffixes, delays and node names all come from it. */
  random: Random;
  /** The workload catalog: images a registry would serve. Unknown images end in ImagePullBackOff. Default: all. */
  isKnownImage?: (image: string) => boolean;
  /** Appended to the "not found" of a pull outside the catalog: what the simulated registry does have. */
  unknownImageNote?: string;
  /** The cloud behind Services of type LoadBalancer. Default: NAVER Cloud (NKS) load balancers. */
  loadBalancerProvider?: LoadBalancerProvider;
  nodePool?: NodePoolOptions;
  /** Start CoreDNS and metrics-server in kube-system (default true). */
  systemWorkloads?: boolean;
  /** Where exceptions thrown by watch handlers go (default: rethrown on the clock, so drivers see them). */
  reportError?: (error: unknown) => void;
}

/** A kind as kubectl spells it (`Pod`, `po`, `virtualservices.networking.istio.io`) or a resolved ResourceType. */
export type KindOrType = string | ResourceType;

/** See index.ts for what each member is for. */
export class Kube {
  private readonly api: ApiServer;
  readonly clock: Clock;
  readonly logs: ContainerLogs;
  readonly events: EventRecorder;
  private readonly ctx: ControllerContext;
  private readonly kubelet: Kubelet;
  private readonly injector: SidecarInjector;

  constructor(options: CreateKubeOptions) {
    this.clock = options.clock;
    const reportError =
      options.reportError ??
      ((error: unknown) =>
        void options.clock.setTimer(0, () => {
          throw error;
        }));
    this.api = new ApiServer(options.clock, options.random, reportError);
    this.logs = new ContainerLogs(() => options.clock.now());
    this.events = new EventRecorder(this.api);
    this.ctx = new ControllerContext(this.api, options.clock, options.random, this.events, this.logs);
    this.injector = new SidecarInjector((name) => this.api.get<Namespace>(TYPES.Namespace, undefined, name));
    this.api.addAdmissionPlugin(CRD_ESTABLISHER);
    this.api.addAdmissionPlugin(this.injector);

    const builtinImages = new Set<string>(SYSTEM_IMAGES.map(normalizeImage));
    const catalog = options.isKnownImage ?? (() => true);
    this.kubelet = new Kubelet(
      this.ctx,
      (image) =>
        builtinImages.has(normalizeImage(image)) ||
        normalizeImage(image) === normalizeImage(this.injector.proxyImage) ||
        catalog(image),
      options.unknownImageNote,
    );
    startLifecycleControllers(this.ctx);
    startDeploymentController(this.ctx);
    startReplicaSetController(this.ctx);
    startScheduler(this.ctx);
    this.kubelet.start();
    startEndpointsController(this.ctx);
    startServiceController(this.ctx, options.loadBalancerProvider ?? ncloudLoadBalancerProvider(options.random));

    createNamespaces(this.api);
    for (const node of createNodePool(this.api, options.random, options.nodePool)) {
      for (const image of SYSTEM_IMAGES) this.kubelet.images.preload(node.metadata.name, image);
    }
    createApiServerService(this.api);
    if (options.systemWorkloads !== false) createSystemWorkloads(this.api);
  }

  // ── discovery ──────────────────────────────────────────────────────────────────────────────────────

  /** What `kubectl get <name>` means (`vs`, `deploy`, `virtualservices.networking.istio.io`), among served kinds. */
  resolveResource(name: string): ResourceType | undefined {
    return resolveResource(name, (t) => this.api.isServed(t));
  }

  /** Every kind the server currently serves (`kubectl api-resources`). */
  servedTypes(): ResourceType[] {
    return RESOURCE_TYPES.filter((t) => this.api.isServed(t));
  }

  /** Whether a CRD bundle (`istio`, `gateway-api`) or API group (`networking.istio.io`) is installed. */
  crdsInstalled(bundleOrGroup: string): boolean {
    if (bundleOrGroup === 'istio' || bundleOrGroup === 'gateway-api') return this.api.crdsInstalled(bundleOrGroup);
    const type = RESOURCE_TYPES.find((t) => t.group === bundleOrGroup && t.crd !== undefined);
    return type?.crd !== undefined && this.api.crdsInstalled(type.crd);
  }

  installIstioCrds(): void {
    installCrds(this.api, 'istio');
  }

  uninstallIstioCrds(): void {
    uninstallCrds(this.api, 'istio');
  }

  installGatewayApiCrds(): void {
    installCrds(this.api, 'gateway-api');
  }

  uninstallCrds(bundle: CrdBundle): void {
    uninstallCrds(this.api, bundle);
  }

  /** Registers Istio's injection webhook (istiod installed) — pods created from now on may get a sidecar. */
  enableSidecarInjection(options: SidecarInjectorOptions = {}): void {
    this.injector.configure(options);
  }

  disableSidecarInjection(): void {
    this.injector.configure(undefined);
  }

  /** Registers a validating admission webhook (istiod's `validation.istio.io` while istiod runs). */
  registerValidatingWebhook(webhook: ValidatingWebhook): void {
    this.api.webhooks.register(webhook);
  }

  removeValidatingWebhook(name: string): void {
    this.api.webhooks.remove(name);
  }

  // ── reads and watches ──────────────────────────────────────────────────────────────────────────────

  /** One object; the namespace is ignored for cluster-scoped kinds. */
  get<T extends KubeObject = KubeObject>(kind: KindOrType, namespace: string | undefined, name: string): T | undefined {
    return this.api.get<T>(this.typeOf(kind), namespace, name);
  }

  /**
   * Objects of a kind, in one namespace (or all when namespace is undefined), optionally filtered by labels:
   * `-l` text (`app=reviews,version!=v1`) or a parsed LabelSelector.
   */
  list<T extends KubeObject = KubeObject>(
    kind: KindOrType,
    namespace?: string,
    labelSelector?: string | LabelSelector,
  ): T[] {
    const all = this.api.list<T>(this.typeOf(kind), namespace);
    if (labelSelector === undefined) return all;
    const selector = typeof labelSelector === 'string' ? parseLabelSelector(labelSelector) : labelSelector;
    if ('message' in selector) throw selector;
    return all.filter((o) => selectorMatches(selector, o.metadata.labels));
  }

  /** The latest resourceVersion: it changes whenever anything is written. */
  revision(): number {
    return this.api.store.resourceVersion;
  }

  /** Watches one kind (or all kinds): see ObjectStore.watch for the delivery guarantees. */
  watch(kind: KindOrType | undefined, handler: WatchHandler, options: { replay?: boolean } = {}): () => void {
    return this.api.store.watch(kind === undefined ? undefined : groupKindOf(this.typeOf(kind)), handler, options);
  }

  /** Events about an object, oldest first (`kubectl describe`). */
  eventsFor(object: KubeObject): KubeEvent[] {
    return this.events.eventsFor(object);
  }

  // ── kubectl verbs ──────────────────────────────────────────────────────────────────────────────────

  applyAll(documents: readonly unknown[], options: ApplyOptions): VerbResult[] {
    return applyAll(this.api, documents, options);
  }

  createAll(documents: readonly unknown[], options: CreateOptions): VerbResult[] {
    return createAll(this.api, documents, options);
  }

  replaceAll(documents: readonly unknown[], options: InputOptions): VerbResult[] {
    return replaceAll(this.api, documents, options);
  }

  deleteAll(documents: readonly unknown[], options: DeleteOptions & InputOptions): VerbResult[] {
    return deleteAll(this.api, documents, options);
  }

  delete(kind: KindOrType, names: readonly string[], options: DeleteOptions): VerbResult[] {
    const type = this.servedType(kind);
    return type instanceof KubeError ? [failed(type)] : deleteNamed(this.api, type, names, options);
  }

  patch(kind: KindOrType, name: string, patch: unknown, options: PatchOptions): VerbResult {
    const type = this.servedType(kind);
    return type instanceof KubeError ? failed(type) : patchNamed(this.api, type, name, patch, options);
  }

  label(kind: KindOrType, name: string, changes: MetadataChanges, options: MetadataEditOptions): VerbResult {
    const type = this.servedType(kind);
    return type instanceof KubeError ? failed(type) : labelNamed(this.api, type, name, changes, options);
  }

  annotate(kind: KindOrType, name: string, changes: MetadataChanges, options: MetadataEditOptions): VerbResult {
    const type = this.servedType(kind);
    return type instanceof KubeError ? failed(type) : annotateNamed(this.api, type, name, changes, options);
  }

  scale(kind: KindOrType, name: string, replicas: number, options: { namespace: string }): VerbResult {
    const type = this.servedType(kind);
    return type instanceof KubeError ? failed(type) : scaleNamed(this.api, type, name, replicas, options);
  }

  rolloutRestart(kind: KindOrType, name: string, options: { namespace: string }): VerbResult {
    const type = this.servedType(kind);
    return type instanceof KubeError ? failed(type) : rolloutRestart(this.api, type, name, options);
  }

  /** One `kubectl rollout status` line for a Deployment, or undefined when it does not exist. */
  rolloutStatus(name: string, namespace = 'default'): { done: boolean; message: string } | undefined {
    const deployment = this.api.get<Deployment>(TYPES.Deployment, namespace, name);
    return deployment === undefined ? undefined : rolloutStatus(deployment);
  }

  // ── controllers outside this package (istiod's gateway controller) ─────────────────────────────────

  /**
   * A controller's write to an object's status subresource: spec, metadata and generation stay as they are.
   * Nothing is written when the status is already the one given. Returns whether the object exists.
   */
  writeStatus(kind: KindOrType, namespace: string | undefined, name: string, status: unknown): boolean {
    const written = this.api.mutate(
      this.typeOf(kind),
      namespace,
      name,
      (object) => {
        if (JSON.stringify(object.status) === JSON.stringify(status)) return false;
        object.status = structuredClone(status);
        return true;
      },
      { subresource: 'status' },
    );
    return written !== undefined;
  }

  // ── the kubelet side, for workloads ────────────────────────────────────────────────────────────────

  readLogs(namespace: string, pod: string, request: PodLogsRequest = {}): PodLogsResult {
    return readPodLogs(this.api, this.logs, namespace, pod, request);
  }

  setContainerReady(namespace: string, pod: string, container: string, ready: boolean): boolean {
    return this.kubelet.setContainerReady(namespace, pod, container, ready);
  }

  containerExited(namespace: string, pod: string, container: string, exitCode: number): boolean {
    return this.kubelet.containerExited(namespace, pod, container, exitCode);
  }

  /** Stops every controller and pending timer (the store stays readable). */
  dispose(): void {
    this.ctx.dispose();
  }

  /** Any kind the API knows, served or not: reading an uninstalled CRD's kind finds nothing. */
  private typeOf(kind: KindOrType): ResourceType {
    if (typeof kind !== 'string') return kind;
    const type = resolveResource(kind);
    if (type === undefined) throw new Error(`kube: unknown kind "${kind}"`);
    return type;
  }

  /** A kind the verbs may write: a served one, as kubectl resolves it, or kubectl's refusal. */
  private servedType(kind: KindOrType): ResourceType | KubeError {
    if (typeof kind !== 'string') return kind;
    return this.resolveResource(kind) ?? unknownResourceTypeError(kind);
  }
}

export function createKube(options: CreateKubeOptions): Kube {
  return new Kube(options);
}
