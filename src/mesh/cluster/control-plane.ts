import {
  analyze,
  analyzedNamespace,
  analyzeInjection,
  CertificateAuthority,
  type ConfigSource,
  DiscoveryServer,
  DEFAULT_MESH_CONFIG,
  type GatewayController,
  type JwksFetch,
  startGatewayController,
  formatAnalyzerMessage,
  sortAnalyzerMessages,
} from '../istiod';
import type { Kube, Pod } from '../kube';
import { ISTIO_VERSION, MESH_EPOCH_MS, type Clock, type SeededRandom } from '../sim';
import { istioInstallObjects, planIstioInstall, type IstioInstallPlan } from './istio-install';
import type { ObjectCache } from './object-cache';
import type { ProxyAgents } from './proxy-agents';
import type { IstioControl } from './types';

/** istiod in the cluster: what `istioctl` installs and asks, and whether its pushes have settled. */
export interface ControlPlane {
  readonly control: IstioControl;
  /** istiod has nothing waiting to push and every proxy acknowledged its last push. */
  converged(): boolean;
  dispose(): void;
}

/**
 * The control plane's side of Istio. `install` creates istio-system through the API server like the real
 * installer, installs the CRDs and the injection webhook, and starts istiod: its CA and discovery server,
 * which the proxy agents then connect to. `uninstall` takes it all down again.
 */
export function createControlPlane(deps: {
  clock: Clock;
  random: SeededRandom;
  kube: Kube;
  cache: ObjectCache;
  agents: ProxyAgents;
  /** Marks real-time async work (WebCrypto) the virtual clock must wait for. */
  track: <T>(promise: Promise<T>) => Promise<T>;
  /** How istiod fetches RequestAuthentications' jwksUri. */
  fetchJwks?: JwksFetch;
}): ControlPlane {
  const { clock, kube, agents } = deps;
  let server: DiscoveryServer | undefined;
  let gatewayController: GatewayController | undefined;

  // istiod reads the whole cluster on every push: from the watch-fed cache, without cloning the store again.
  const source: ConfigSource = {
    list: () => deps.cache.list(),
    watch: (handler) => deps.cache.onChange((event) => handler({ type: event.type, object: event.object })),
  };

  const stopIstiod = (): void => {
    server?.stop();
    server = undefined;
    gatewayController?.stop();
    gatewayController = undefined;
    agents.disconnect();
    kube.disableSidecarInjection();
  };

  const control: IstioControl = {
    installed: () => server !== undefined,
    install: async (spec) => {
      const plan = planIstioInstall(spec);
      kube.installIstioCrds();
      // Like istioctl's reconcile: what the new spec no longer enables goes (a gateway switched off).
      removeObjects(
        kube,
        installedObjects(kube).filter((o) => !planned(plan, o)),
      );
      kube.applyAll(istioInstallObjects(plan), { namespace: 'istio-system', source: 'istioctl' });
      if (!plan.pilot) {
        stopIstiod();
        return { components: ['Istio core'] };
      }
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
          ...(deps.fetchJwks !== undefined && { fetchJwks: deps.fetchJwks }),
        });
        server.start();
        gatewayController = startGatewayController({ kube, clock, domainSuffix: DEFAULT_MESH_CONFIG.domainSuffix });
        kube.enableSidecarInjection();
        agents.connect(server);
      }
      return {
        components: [
          'Istio core',
          'Istiod',
          ...(plan.egress ? ['Egress gateways'] : []),
          ...(plan.ingress ? ['Ingress gateways'] : []),
        ],
      };
    },
    uninstall: async () => {
      stopIstiod();
      const removed = installedObjects(kube);
      removeObjects(kube, removed);
      return { removed: removed.map((o) => `${o.kind}:istio-system:${o.name}`) };
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
        : sortAnalyzerMessages([...analyze(server.snapshot), ...analyzeInjection(deps.cache.list('Namespace'))])
            .filter((m) => namespace === undefined || analyzedNamespace(m) === namespace)
            .map((m) => ({ level: m.level, code: m.code, text: formatAnalyzerMessage(m) })),
    version: () => ISTIO_VERSION,
  };

  return {
    control,
    converged: () => {
      if (server === undefined) return true;
      if (server.pushPending) return false;
      return server
        .proxyStatus()
        .every((row) => [row.cds, row.lds, row.eds, row.rds].every((s) => s === 'SYNCED' || s === 'NOT SENT'));
    },
    dispose: () => {
      server?.stop();
      gatewayController?.stop();
    },
  };
}

interface InstalledObject {
  readonly kind: string;
  readonly name: string;
}

/** Every object an install with all components could have made, that exists now (the namespace aside). */
function installedObjects(kube: Kube): InstalledObject[] {
  const everything = planIstioInstall({
    components: {
      pilot: { enabled: true },
      ingressGateways: [{ enabled: true }],
      egressGateways: [{ enabled: true }],
    },
  });
  return istioInstallObjects(everything)
    .map((doc) => ({ kind: String(doc.kind), name: String((doc.metadata as { name: string }).name) }))
    .filter((o) => o.kind !== 'Namespace' && kube.get(o.kind.toLowerCase(), 'istio-system', o.name) !== undefined);
}

function planned(plan: IstioInstallPlan, o: InstalledObject): boolean {
  return istioInstallObjects(plan).some(
    (doc) => doc.kind === o.kind && (doc.metadata as { name: string }).name === o.name,
  );
}

/** Deletes in reverse install order, so a gateway's Service goes before its Deployment, as istioctl prunes. */
function removeObjects(kube: Kube, objects: readonly InstalledObject[]): void {
  for (const o of [...objects].reverse()) kube.delete(o.kind.toLowerCase(), [o.name], { namespace: 'istio-system' });
}

function istiodPodName(kube: Kube): string {
  return kube.list<Pod>('pods', 'istio-system', 'app=istiod')[0]?.metadata.name ?? 'istiod';
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
