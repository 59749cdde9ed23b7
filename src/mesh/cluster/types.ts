import type { ExecOptions, ExecResult } from '../apps';
import type { ProxyExtensions, RequestLog } from '../envoy';
import type { ContainerLogs, Kube } from '../kube';
import type { Net, NetHost } from '../net';
import type { Clock } from '../sim';
import type { Route } from '../xds';

export type Preset = 'bare' | 'istio' | 'bookinfo';

export interface CreateClusterOptions {
  /** Seeds every random choice (pod names, load balancing, faults); same seed + same commands = same output. */
  seed?: number;
  /** `virtual` (default): simulated time, instant and deterministic; `real`: wall-clock time; or a Clock. */
  clock?: 'virtual' | 'real' | Clock;
  /** What is already installed when the cluster starts (default `bare`). */
  preset?: Preset;
  /** The network to run on (default: a new SimNet). A given Net brings its own clock, which the cluster uses. */
  net?: Net;
  /**
   * `now` (default): the API server's schemas are loaded before the cluster starts. `later`: the preset's
   * manifests (ours) go in unchecked while they load, and the caller awaits `loadKubeSchemas()` before any
   * learner command — the browser sandbox, so its prompt is up sooner.
   */
  schemas?: 'now' | 'later';
  /**
   * Whether the proxies record every request's decisions for the request inspector (default true);
   * `SimCluster.requests.enabled` switches it later.
   */
  recordRequests?: boolean;
  /**
   * How long after boot the NKS cluster still reports status CREATING (default 0: created). Creating a cluster
   * takes NAVER Cloud minutes; until it is done ncp-iam-authenticator refuses to write a kubeconfig for it.
   */
  nksCreatingMs?: number;
}

/** The two statuses of an NKS cluster the simulator plays (the API has more: upgrading, deleting, …). */
export type NksClusterStatus = 'CREATING' | 'RUNNING';

/** The NKS cluster this simulator plays, as `ncp-iam-authenticator create-kubeconfig` needs it. */
export interface NksClusterInfo {
  name: string;
  uuid: string;
  region: string;
  /** The API server endpoint written into kubeconfig. */
  server: string;
  kubernetesVersion: string;
}

/**
 * Something the UI should do: `istioctl dashboard kiali` opens the mesh graph, `xdg-open URL` loads the URL in
 * the browser tab.
 */
export type UiEvent =
  | {
      type: 'open-dashboard';
      dashboard: 'kiali' | 'grafana' | 'prometheus' | 'jaeger' | 'envoy' | 'controlz';
      target?: string;
    }
  | { type: 'open-url'; url: string };

/**
 * The Kubernetes API as kubectl uses it: discovery, reads, the verbs with their kubectl lines, and container
 * logs. The cluster's one Kube, seen through what the CLI needs of it.
 */
export interface KubeClient extends Pick<
  Kube,
  | 'resolveResource'
  | 'servedTypes'
  | 'get'
  | 'list'
  | 'revision'
  | 'watch'
  | 'applyAll'
  | 'createAll'
  | 'delete'
  | 'deleteAll'
  | 'patch'
  | 'replaceAll'
  | 'label'
  | 'annotate'
  | 'scale'
  | 'rolloutRestart'
  | 'rolloutStatus'
> {
  readonly logs: Pick<ContainerLogs, 'read' | 'follow'>;
}

/** The xDS types istiod serves a proxy, as `istioctl proxy-status` names them. */
export type ProxyXdsType = 'CDS' | 'LDS' | 'EDS' | 'RDS';

/** One row of `istioctl proxy-status`. */
export interface ProxyStatusRow {
  /** `productpage-v1-6b746f74dc-9stvs.default`. */
  name: string;
  cluster: string;
  /**
   * Each type istiod has sent the proxy (the ones it subscribes to): SYNCED, STALE or ERROR (the last answer was
   * a NACK), and when istiod last sent it (clock ms). A type never sent is absent.
   */
  xds: Readonly<Partial<Record<ProxyXdsType, { readonly status: string; readonly sentAt: number }>>>;
  istiod: string;
  version: string;
}

/** What istiod would send one proxy now, per resource kind, each with its `@type` (its debug config dump). */
export interface IstiodProxyConfig {
  readonly clusters: readonly unknown[];
  readonly listeners: readonly unknown[];
  readonly routes: readonly unknown[];
}

/** One hand edit a proxy took (`meshdojo proxy edit`). */
export interface HandEdit {
  /** `<pod>.<namespace>`. */
  readonly proxy: string;
  readonly host: string;
  readonly timeoutMs: number;
  /** Clock ms. */
  readonly at: number;
  /** The RDS version the proxy held (and kept) when edited: a later one means istiod has pushed routes since. */
  readonly routesVersion: string;
}

/** One finding of `istioctl analyze`. */
export interface AnalysisMessage {
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  /** The line istioctl prints: `Error [IST0101] (VirtualService default/reviews) Referenced host not found: "x"`. */
  text: string;
}

/** The Envoy admin interface of one pod's proxy, as `istioctl proxy-config` and `pilot-agent request` read it. */
export interface ProxyAdminView {
  configDump(options?: { includeEds?: boolean }): Record<string, unknown>;
  stats(filter?: string): string;
  prometheus(): string;
  clusters(): string;
  /** The access log, oldest first: what `kubectl logs POD -c istio-proxy` shows. */
  logs(tail?: number): string[];
  /** `GET <path>` on the admin port (15000). */
  request(method: string, path: string): Promise<{ status: number; body: string }>;
}

/** A gateway in an IstioOperator's `components.ingressGateways` / `egressGateways`. */
export interface IstioGatewayComponent {
  readonly name?: string;
  readonly enabled?: boolean;
  readonly k8s?: { readonly serviceAnnotations?: Readonly<Record<string, string>> };
}

/** The parts of an IstioOperator's `spec` the simulated install honours (the CLI has checked the rest). */
export interface IstioOperatorSpec {
  readonly profile?: string;
  readonly components?: {
    readonly pilot?: { readonly enabled?: boolean };
    readonly ingressGateways?: readonly IstioGatewayComponent[];
    readonly egressGateways?: readonly IstioGatewayComponent[];
  };
  /** Free-form like Istio's MeshConfig: istiod reads it from the `istio` ConfigMap (extensionProviders, …). */
  readonly meshConfig?: {
    readonly accessLogFile?: string;
    readonly outboundTrafficPolicy?: { readonly mode?: string };
    readonly [field: string]: unknown;
  };
}

export interface IstioControl {
  installed(): boolean;
  /**
   * Installs (or reconfigures) Istio as the IstioOperator spec says: istio-system, the CRDs, istiod and the
   * gateways its profile and components enable; gateways it disables are removed. Returns the component
   * lines istioctl prints (`Istio core`, `Istiod`, `Egress gateways`, `Ingress gateways`).
   */
  install(spec: IstioOperatorSpec): Promise<{ components: string[] }>;
  /**
   * `istioctl uninstall --purge`: stops istiod and removes every object the install made except the
   * istio-system namespace, which Istio leaves for the user to delete. Returns them as `Kind:namespace:name`.
   */
  uninstall(): Promise<{ removed: string[] }>;
  proxyStatus(): ProxyStatusRow[];
  /** istiod's config for one connected proxy (`<pod>.<namespace>`), or undefined. */
  istiodConfig(proxyId: string): IstiodProxyConfig | undefined;
  analyze(namespace: string | undefined): AnalysisMessage[];
  version(): string;
}

/** A proxy that kept its modules because the new ones failed while it rebuilt its clusters. */
export interface ProxyExtensionsRefusal {
  /** `fortio-deploy-…-xxxxx.default`, as proxy-status names it. */
  proxy: string;
  /** Which module failed and why (`circuit breaker plugin failed: …`). */
  message: string;
}

/** The public face of a simulated cluster: what the CLI, the labs' checks and the UI use. */
export interface SimCluster {
  readonly clock: Clock;
  /**
   * The request inspector's log: the recent requests (a bounded ring) with every proxy's decisions
   * (`meshdojo trace`, the workbench, lab checks). `enabled = false` stops recording.
   */
  readonly requests: RequestLog;
  readonly clockKind: 'virtual' | 'real';
  readonly info: NksClusterInfo;
  /** The cluster's status as the NKS API reports it: CREATING until `nksCreatingMs` after boot, then RUNNING. */
  nksStatus(): NksClusterStatus;
  readonly kube: KubeClient;
  readonly istio: IstioControl;
  /** The learner's machine: reaches LoadBalancer addresses, resolves no cluster names. */
  readonly laptop: NetHost;
  /** A running pod's network endpoint (for our own tools run with `kubectl exec`). */
  podHost(namespace: string, pod: string): NetHost | undefined;
  /**
   * Runs a program in a container with the workload's own implementation (fortio, pilot-agent, …).
   * Undefined when the container has no program of that name of its own: the CLI may provide it
   * (curl, sh) when the image lists it among its binaries.
   */
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: readonly string[],
    options?: ExecOptions,
  ): Promise<ExecResult> | undefined;
  /** Programs the container's image has (`curl`, `sh`, …). */
  binaries(namespace: string, pod: string, container: string): readonly string[];
  proxy(namespace: string, pod: string): ProxyAdminView | undefined;
  /**
   * The course's hand edit (`meshdojo proxy edit`): sets the timeout of every route to `host` in one proxy's
   * running routes, as an admin editing that Envoy by hand would. istiod is not told, so proxy-status still says
   * SYNCED; istiod's next route push to the proxy replaces the edit. Undefined when the pod has no proxy.
   */
  editProxyRouteTimeout(
    namespace: string,
    pod: string,
    host: string,
    timeoutMs: number,
  ): { readonly routes: number } | { readonly error: string } | undefined;
  /** The hand edits proxies took, oldest first: what a lab grades once istiod's next push has replaced them. */
  proxyHandEdits(): readonly HandEdit[];
  /**
   * A lab's hand edit: puts `routes` in place of the routes to `host` in one proxy's running route tables, as
   * `editProxyRouteTimeout` edits them (istiod is not told; its next route push replaces the edit). Undefined
   * when the pod has no proxy.
   */
  replaceProxyRoutes(
    namespace: string,
    pod: string,
    host: string,
    routes: readonly Route[],
  ): { readonly routes: number } | { readonly error: string } | undefined;
  /**
   * Plugs a lab's modules (a learner's request breaker, load balancer, HTTP filters, …) into every Envoy:
   * those running now and those started later. `{}` puts ours back. A proxy whose rebuild fails keeps what it
   * had, and proxies started later get the new modules only if no running proxy refused them.
   */
  setProxyExtensions(extensions: ProxyExtensions): ProxyExtensionsRefusal[];
  /**
   * Runs `work` to completion, driving virtual time while it waits (a plain await on the real clock). When
   * `signal` aborts (Ctrl-C) it stops waiting and fails with the signal's reason; the work goes on in the cluster.
   */
  run<T>(work: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /**
   * Marks work the virtual clock cannot see (WebCrypto on the host's threads, as `openssl` uses): while it is in
   * flight, a command being run waits for it in real time instead of jumping virtual time ahead.
   */
  track<T>(promise: Promise<T>): Promise<T>;
  /** Runs `work` beside the command in flight (it need not wait for `kubectl get -w` to end), else as `run`. */
  runBeside<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Lets the cluster converge after a change (pods start, istiod pushes): virtual time passes as needed, until
   * `signal` aborts at the latest. `loadBalancers: false` does not wait for the cloud to give LoadBalancer
   * Services their addresses, so the learner sees `<pending>` as on NKS.
   */
  settle(options?: { signal?: AbortSignal; loadBalancers?: boolean }): Promise<void>;
  onUiEvent(listener: (event: UiEvent) => void): () => void;
  emitUiEvent(event: UiEvent): void;
  dispose(): void;
}
