import type { ExecResult } from '../apps';
import { type ProxyExtensions, EnvoyProxy } from '../envoy';
import { analyze, CertificateAuthority, type ConfigSource, DiscoveryServer } from '../istiod';
import type { Kube, Pod } from '../kube';
import { MESH_EPOCH_MS, type Clock, type SeededRandom } from '../sim';
import type { Net, NetHost } from '../net';
import { ISTIO_VERSION, istioInstallObjects, PROFILES } from './istio-install';
import type { ObjectCache } from './object-cache';
import type { IstioControl, ProxyAdminView, ProxyExtensionsRefusal } from './types';
import { isProxyImage, PROXY_CONTAINER, type WorkloadLayer } from './workload-layer';

export { ISTIO_VERSION };

export interface IstioLayer {
  readonly control: IstioControl;
  proxyAdmin(namespace: string, pod: string): ProxyAdminView | undefined;
  /** Lab modules for every proxy, running or yet to start. */
  setProxyExtensions(extensions: ProxyExtensions): ProxyExtensionsRefusal[];
  /** `pilot-agent request GET stats` in the istio-proxy container. */
  execInProxy(
    namespace: string,
    pod: string,
    container: string,
    argv: readonly string[],
  ): Promise<ExecResult> | undefined;
  /** istiod has nothing waiting to push and every proxy acknowledged its last push. */
  converged(): boolean;
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
 * istiod and the Envoys it configures. `install` creates istio-system through the API server like the real
 * installer, installs the CRDs and the injection webhook and starts the discovery server; every pod with an
 * istio-proxy container (an injected sidecar or a gateway) then gets an Envoy on its host that connects to it.
 */
export function createIstioLayer(deps: {
  clock: Clock;
  random: SeededRandom;
  net: Net;
  kube: Kube;
  workloads: WorkloadLayer;
  cache: ObjectCache;
  /** Marks real-time async work (WebCrypto) the virtual clock must wait for. */
  track: <T>(promise: Promise<T>) => Promise<T>;
}): IstioLayer {
  const { clock, kube } = deps;
  const proxies = new Map<string, EnvoyProxy>();
  let server: DiscoveryServer | undefined;
  // The demo profile sets meshConfig.accessLogFile=/dev/stdout: every proxy logs each request.
  let accessLog: 'always' | 'config' = 'config';
  // A lab's modules outlive the proxies they were given to: pods started later get them too.
  let extensions: ProxyExtensions = {};

  // istiod reads the whole cluster on every push: from the watch-fed cache, without cloning the store again.
  const source: ConfigSource = {
    list: () => deps.cache.list(),
    watch: (handler) => deps.cache.onChange((event) => handler({ type: event.type, object: event.object })),
  };

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
    const gateway = labels['istio'] === 'ingressgateway' || labels['istio'] === 'egressgateway';
    const proxy = new EnvoyProxy({
      host,
      clock,
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
      accessLog,
      // One calendar for everything the learner reads: kube timestamps, access logs, certificates.
      epochMs: MESH_EPOCH_MS,
      workPerRequestMs: ENVOY_WORK_PER_REQUEST_MS,
      extensions,
    });
    if (!gateway) host.setCapture({ outboundPort: 15001, inboundPort: 15006, excludePorts: EXCLUDED_PORTS });
    proxies.set(id, proxy);
    void server.connect({
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

  const control: IstioControl = {
    installed: () => server !== undefined,
    install: async ({ profile, values }) => {
      const components = PROFILES[profile] ?? PROFILES['default']!;
      if (profile === 'demo' || values['meshConfig.accessLogFile'] === '/dev/stdout') accessLog = 'always';
      kube.installIstioCrds();
      kube.applyAll(istioInstallObjects(components, values), { namespace: 'istio-system', source: 'istioctl' });
      if (server === undefined) {
        const ca = trackAsync(
          await deps.track(CertificateAuthority.create({ clock, random: deps.random.fork(), epochMs: MESH_EPOCH_MS })),
          deps.track,
        );
        server = new DiscoveryServer({
          source,
          clock,
          random: deps.random.fork(),
          ca,
          istiodName: 'istiod',
          epochMs: MESH_EPOCH_MS,
        });
        server.start();
        kube.enableSidecarInjection();
        // Pods already running (gateways created just now) get their Envoy as soon as istiod exists.
        for (const pod of kube.list<Pod>('pods')) {
          const host = deps.workloads.podHost(pod.metadata.namespace ?? 'default', pod.metadata.name);
          if (host !== undefined) startProxy(pod, host);
        }
      }
      return {
        components: [
          'Istio core',
          'Istiod',
          ...(components.egress ? ['Egress gateways'] : []),
          ...(components.ingress ? ['Ingress gateways'] : []),
        ],
      };
    },
    uninstall: async () => {
      server?.stop();
      server = undefined;
      for (const proxy of proxies.values()) proxy.stop();
      proxies.clear();
      kube.disableSidecarInjection();
      kube.delete('namespace', ['istio-system'], { namespace: 'istio-system' });
    },
    proxyStatus: () =>
      (server?.proxyStatus() ?? []).map((row) => ({
        name: row.name,
        cluster: 'Kubernetes',
        cds: row.cds,
        lds: row.lds,
        eds: row.eds,
        rds: row.rds,
        ecds: 'IGNORED',
        istiod: istiodPodName(kube),
        version: ISTIO_VERSION,
      })),
    analyze: (namespace) =>
      server === undefined
        ? []
        : analyze(server.snapshot)
            .filter((m) => namespace === undefined || m.resource.namespace === namespace)
            .map((m) => ({
              level: m.level,
              code: m.code,
              resource: `${m.resource.kind} ${m.resource.namespace}/${m.resource.name}`,
              message: m.message,
            })),
    version: () => ISTIO_VERSION,
  };

  return {
    control,
    proxyAdmin: (namespace, pod) => {
      const proxy = proxies.get(`${pod}.${namespace}`);
      if (proxy === undefined) return undefined;
      return {
        configDump: (options) => proxy.admin.configDump(options),
        stats: (filter) => proxy.admin.stats(filter),
        prometheus: () => proxy.admin.prometheus(),
        clusters: () => proxy.admin.clusters(),
        logs: (tail) => proxy.admin.logs(tail),
        request: async (method, path) => {
          const response = await proxy.admin.handle({
            method,
            path,
            authority: 'localhost:15000',
            headers: {},
            body: '',
          });
          return { status: response.status, body: response.body };
        },
      };
    },
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
    converged: () => {
      if (server === undefined) return true;
      if (server.pushPending) return false;
      return server
        .proxyStatus()
        .every((row) => [row.cds, row.lds, row.eds, row.rds].every((s) => s === 'SYNCED' || s === 'NOT SENT'));
    },
    dispose: () => {
      server?.stop();
      for (const proxy of proxies.values()) proxy.stop();
    },
  };
}

function istiodPodName(kube: Kube): string {
  return (
    kube.list<Pod>('pods', { namespace: 'istio-system', labelSelector: 'app=istiod' })[0]?.metadata.name ?? 'istiod'
  );
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

/** The same object, with every promise its methods return tracked (the CA signs with WebCrypto). */
function trackAsync<T extends object>(target: T, track: <R>(promise: Promise<R>) => Promise<R>): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        return result instanceof Promise ? track(result) : result;
      };
    },
  });
}
