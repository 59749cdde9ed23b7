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
  type ProxySyncStatus,
  startGatewayController,
  formatAnalyzerMessage,
  sortAnalyzerMessages,
  ISTIO_VALIDATION_WEBHOOK,
  istioValidationWebhook,
} from '../istiod';
import { routeConfigurationAsDumped } from '../envoy';
import type { Kube, Pod } from '../kube';
import { TYPE_URL, type RouteConfiguration } from '../xds';
import { ISTIO_VERSION, MESH_EPOCH_MS, type Clock, type SeededRandom } from '../sim';
import { istioInstallObjects, planIstioInstall, type IstioInstallPlan } from './istio-install';
import type { ObjectCache } from './object-cache';
import type { ProxyAgents } from './proxy-agents';
import type { IstioControl, ProxyStatusRow, ProxyXdsType } from './types';

/** istiod in the cluster: what `istioctl` installs and asks, and whether its pushes have settled. */
export interface ControlPlane {
  readonly control: IstioControl;
  /** istiod has nothing waiting to push and every proxy acknowledged its last push. */
  converged(): boolean;
  dispose(): void;
}

/**
 * The control plane's side of Istio. `install` creates istio-system through the API server like the real
 * installer, installs the CRDs, the injection webhook and the validating webhook, and starts istiod: its CA and discovery server,
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
    kube.removeValidatingWebhook(ISTIO_VALIDATION_WEBHOOK);
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
        kube.registerValidatingWebhook(istioValidationWebhook);
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
        xds: subscribedTypes(row),
        istiod: istiodPodName(kube),
        version: ISTIO_VERSION,
      })),
    istiodConfig: (proxyId) => {
      const config = server?.configFor(proxyId);
      return config === undefined
        ? undefined
        : {
            clusters: (config.clusters ?? []).map((c) => typed(TYPE_URL.cluster, c)),
            listeners: (config.listeners ?? []).map((l) => typed(TYPE_URL.listener, l)),
            routes: (config.routes ?? []).map((r) =>
              typed(TYPE_URL.routeConfiguration, routeConfigurationAsDumped(r as RouteConfiguration)),
            ),
          };
    },
    analyze: (namespace) =>
      server === undefined
        ? []
        : sortAnalyzerMessages([
            ...analyze(server.snapshot),
            ...analyzeInjection(deps.cache.list('Namespace'), deps.cache.list('Pod')),
          ])
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

/**
 * The types a proxy subscribes to, with their status. A sidecar's Envoy asks istiod for clusters, listeners,
 * endpoints and routes; SDS goes to its own pilot-agent, so proxy-status never shows it. Types istiod never
 * sent count as not subscribed, as `istioctl proxy-status` leaves them out.
 */
function subscribedTypes(row: ProxySyncStatus): ProxyStatusRow['xds'] {
  const xds: Partial<Record<ProxyXdsType, { status: string; sentAt: number }>> = {};
  for (const [type, status] of [
    ['CDS', row.cds],
    ['LDS', row.lds],
    ['EDS', row.eds],
    ['RDS', row.rds],
  ] as const) {
    const sentAt = row.sentAt[type];
    if (status !== 'NOT SENT' && sentAt !== undefined) xds[type] = { status, sentAt };
  }
  return xds;
}

/** A resource as a config dump holds it: its type URL first. */
function typed(typeUrl: string, resource: unknown): unknown {
  return { '@type': typeUrl, ...(resource as Record<string, unknown>) };
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
