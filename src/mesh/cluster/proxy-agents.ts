import { SYSTEM_CA_BUNDLE, type ExecResult } from '../apps';
import { type CaBundleFile, type ProxyExtensions, type RequestRecorder, EnvoyProxy } from '../envoy';
import { isGatewayPod, type DiscoveryServer } from '../istiod';
import type { Kube, Pod } from '../kube';
import { certificatesFromPem, type NetHost } from '../net';
import type { Route } from '../xds';
import { ISTIO_VERSION, MESH_EPOCH_MS, ownedClock, type Clock, type SeededRandom } from '../sim';
import type { ProxyAdminView, ProxyExtensionsRefusal } from './types';
import { editRouteTimeout, replaceRoutes, type HandEditResult } from './hand-edit';
import type { HandEdit } from './types';
import { mountedFileReader } from './mounted-files';
import { isProxyImage, podTimerOwner, PROXY_CONTAINER, type WorkloadLayer } from './workload-layer';

/** The data plane's side of Istio: one pilot-agent and its Envoy per pod with an istio-proxy container. */
export interface ProxyAgents {
  /** istiod is up: every running pod with an istio-proxy container, and each started later, gets its Envoy. */
  connect(server: DiscoveryServer): void;
  /** istiod is gone: the xDS streams end; every Envoy keeps its last config, and pods started from now on get none. */
  disconnect(): void;
  proxyAdmin(namespace: string, pod: string): ProxyAdminView | undefined;
  /** The course's hand edit of one proxy's route timeout (undefined: the pod has no proxy). */
  editRouteTimeout(namespace: string, pod: string, host: string, timeoutMs: number): HandEditResult | undefined;
  /** A lab's hand edit: `routes` in place of one proxy's routes to `host` (undefined: the pod has no proxy). */
  replaceRoutes(namespace: string, pod: string, host: string, routes: readonly Route[]): HandEditResult | undefined;
  /** Every hand edit a proxy took, oldest first. */
  handEdits(): readonly HandEdit[];
  /** Lab modules for every proxy, running or yet to start. */
  setProxyExtensions(extensions: ProxyExtensions): ProxyExtensionsRefusal[];
  /** `pilot-agent request GET stats` in the istio-proxy container. */
  execInProxy(
    namespace: string,
    pod: string,
    container: string,
    argv: readonly string[],
  ): Promise<ExecResult> | undefined;
  dispose(): void;
}

/**
 * Worker time each Envoy spends per request. Istio 1.24's performance page: a sidecar serving 1000 HTTP
 * requests a second uses about 0.20 vCPU, i.e. 0.2 ms of work per request.
 */
const ENVOY_WORK_PER_REQUEST_MS = 0.2;

/** Ports istio-init leaves alone: Envoy's admin, agent and health ports. */
const EXCLUDED_PORTS = [15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090];

/**
 * The CA bundles pilot-agent reads in the istio-proxy container. `system` is the proxy image's OS trust
 * store: like a real proxy, which trusts the public CAs, it trusts the simulated internet's root (so a
 * DestinationRule with `tls.mode: SIMPLE` and no CA reaches edition.cnn.com), and not a CA a learner made
 * with openssl (the egress pages' nginx), which only `caCertificates` or a credential's `ca.crt` adds.
 */
function proxyCaBundles(readFile: (path: string) => string | undefined): CaBundleFile {
  return (path) => {
    if (path === 'system') return SYSTEM_CA_BUNDLE;
    const pem = readFile(path);
    const certificates = pem === undefined ? [] : certificatesFromPem(pem);
    return certificates.length === 0 ? undefined : certificates;
  };
}

/**
 * What pilot-agent does in each pod with an istio-proxy container (an injected sidecar or a gateway): starts
 * an Envoy on the pod's host, sets up istio-init's capture for a sidecar, and connects the Envoy to istiod
 * over xDS. Also the agent's admin passthrough (`pilot-agent request`) and lab modules plugged into Envoys.
 */
export function createProxyAgents(deps: {
  clock: Clock;
  random: SeededRandom;
  kube: Kube;
  workloads: WorkloadLayer;
  /** Marks real-time async work (the proxies' WebCrypto) the virtual clock must wait for. */
  track: <T>(promise: Promise<T>) => Promise<T>;
  /** The request inspector's recorder while it records. */
  recorder: () => RequestRecorder | undefined;
}): ProxyAgents {
  const { clock } = deps;
  const proxies = new Map<string, EnvoyProxy>();
  let server: DiscoveryServer | undefined;
  // A lab's modules outlive the proxies they were given to: pods started later get them too.
  let extensions: ProxyExtensions = {};
  // The hand edits a lab grades after istiod's next push has erased them from the proxy.
  const edits: HandEdit[] = [];

  const startProxy = (pod: Pod, host: NetHost): void => {
    if (server === undefined) return;
    const proxyContainer = (pod.spec?.containers ?? []).find(
      (c) => c.name === PROXY_CONTAINER || isProxyImage(c.image),
    );
    if (proxyContainer === undefined) return;
    const namespace = pod.metadata.namespace ?? 'default';
    const id = `${pod.metadata.name}.${namespace}`;
    if (proxies.has(id)) return;
    const labels = pod.metadata.labels ?? {};
    const gateway = isGatewayPod(labels);
    const proxy = new EnvoyProxy({
      host,
      clock: ownedClock(clock, podTimerOwner(namespace, pod.metadata.name)),
      random: deps.random.fork(),
      node: {
        id,
        type: gateway ? 'router' : 'sidecar',
        workloadName: pod.metadata.ownerReferences?.[0]?.name.replace(/-[a-z0-9]{6,10}$/, '') ?? pod.metadata.name,
        namespace,
        labels,
        serviceAccount: pod.spec?.serviceAccountName ?? 'default',
        istioVersion: ISTIO_VERSION,
      },
      track: deps.track,
      // One calendar for everything the learner reads: kube timestamps, access logs, certificates.
      epochMs: MESH_EPOCH_MS,
      workPerRequestMs: ENVOY_WORK_PER_REQUEST_MS,
      extensions,
      recorder: deps.recorder,
      caBundleFile: proxyCaBundles(mountedFileReader(deps.kube, pod, proxyContainer)),
    });
    if (!gateway) host.setCapture({ outboundPort: 15001, inboundPort: 15006, excludePorts: EXCLUDED_PORTS });
    proxies.set(id, proxy);
    subscribe(server, id, proxy);
  };

  const subscribe = (discovery: DiscoveryServer, id: string, proxy: EnvoyProxy): void => {
    void discovery.connect({
      node: { id },
      push: (update) => {
        const result = proxy.applyConfig({ ...update.resources, version_info: update.version });
        return result.accepted ? { ack: true } : { ack: false, message: result.message };
      },
    });
  };

  deps.workloads.setListener({
    podStarted: startProxy,
    podStopped: (namespace, name) => {
      const id = `${name}.${namespace}`;
      proxies.get(id)?.stop();
      proxies.delete(id);
      server?.disconnect(id);
    },
  });

  const stopAll = (): void => {
    for (const proxy of proxies.values()) proxy.stop();
  };

  return {
    connect: (discovery) => {
      server = discovery;
      // Envoys that outlived an earlier istiod subscribe to this one, as pilot-agent reconnects.
      for (const [id, proxy] of proxies) subscribe(discovery, id, proxy);
      // Pods already running (gateways created just now) get their Envoy as soon as istiod exists.
      for (const pod of deps.kube.list<Pod>('pods')) {
        const host = deps.workloads.podHost(pod.metadata.namespace ?? 'default', pod.metadata.name);
        if (host !== undefined) startProxy(pod, host);
      }
    },
    // istiod going away (istioctl uninstall) ends the xDS streams, not the sidecars: each Envoy keeps serving
    // with the last configuration and certificate it got, as on a real cluster until the pods are recreated.
    disconnect: () => {
      server = undefined;
    },
    proxyAdmin: (namespace, pod) => {
      const proxy = proxies.get(`${pod}.${namespace}`);
      return proxy === undefined ? undefined : adminView(proxy);
    },
    editRouteTimeout: (namespace, pod, host, timeoutMs) => {
      const proxy = proxies.get(`${pod}.${namespace}`);
      if (proxy === undefined) return undefined;
      const result = editRouteTimeout(proxy, host, timeoutMs);
      if ('routes' in result)
        edits.push({
          proxy: proxy.node.id,
          host,
          timeoutMs,
          at: clock.now(),
          routesVersion: proxy.versionOf('routes')?.versionInfo ?? '',
        });
      return result;
    },
    replaceRoutes: (namespace, pod, host, routes) => {
      const proxy = proxies.get(`${pod}.${namespace}`);
      return proxy === undefined ? undefined : replaceRoutes(proxy, host, routes);
    },
    handEdits: () => edits,
    setProxyExtensions: (next) => {
      const refused: ProxyExtensionsRefusal[] = [];
      for (const [id, proxy] of proxies) {
        const result = proxy.setExtensions(next);
        if (!result.accepted) refused.push({ proxy: id, message: result.message });
      }
      // Modules a running proxy could not build with would make every new proxy NACK its first push.
      if (refused.length === 0) extensions = next;
      return refused;
    },
    execInProxy: (namespace, pod, container, argv) => {
      const proxy = proxies.get(`${pod}.${namespace}`);
      if (proxy === undefined || container !== PROXY_CONTAINER || argv[0] !== 'pilot-agent') return undefined;
      return pilotAgent(proxy, argv.slice(1));
    },
    dispose: stopAll,
  };
}

/** Envoy's admin interface, as `istioctl proxy-config` and the UI read it. */
function adminView(proxy: EnvoyProxy): ProxyAdminView {
  return {
    configDump: (options) => proxy.admin.configDump(options),
    stats: (filter) => proxy.admin.stats(filter),
    prometheus: () => proxy.admin.prometheus(),
    clusters: () => proxy.admin.clusters(),
    logs: (tail) => proxy.admin.logs(tail),
    request: async (method, path) => {
      const response = await proxy.admin.handle({ method, path, authority: 'localhost:15000', headers: {}, body: '' });
      return { status: response.status, body: response.body };
    },
  };
}

/** `pilot-agent request GET stats`: the agent forwards to Envoy's admin port. */
async function pilotAgent(proxy: EnvoyProxy, argv: readonly string[]): Promise<ExecResult> {
  const [verb, method = 'GET', path = ''] = argv;
  if (verb !== 'request') {
    const text = `Error: unknown command "${verb ?? ''}" for "pilot-agent"\n`;
    return { stdout: '', stderr: text, combined: text, exitCode: 1 };
  }
  const response = await proxy.admin.handle({
    method,
    path: path.startsWith('/') ? path : `/${path}`,
    authority: 'localhost:15000',
    headers: {},
    body: '',
  });
  const body = response.body.endsWith('\n') ? response.body : `${response.body}\n`;
  return { stdout: body, stderr: '', combined: body, exitCode: response.status < 400 ? 0 : 1 };
}
