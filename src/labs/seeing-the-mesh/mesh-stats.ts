/**
 * What the seeing-the-mesh checks read: the requests the proxies recorded (the cluster's request log, which the
 * sidecars' `istio_requests_total` and so the graph count too) — read from the log rather than the live stats
 * because the lab's last step uninstalls Istio and "Check all" grades that final cluster — plus the add-ons'
 * Deployments and what the cleanup must leave behind. Never the commands the learner typed: any way of sending
 * the traffic counts.
 */
import type { Pod, RequestRecord, SimCluster } from '../mesh';

export const REVIEWS_VERSIONS = ['v1', 'v2', 'v3'] as const;
/** Enough pages through the gateway that every reviews version has had its turns and the shares can be read. */
export const MIN_PAGES = 20;

/** The workload a proxy (`<pod>.<namespace>`) runs beside, by its pod's `app` and `version` labels. */
function workloadOf(cluster: SimCluster, proxy: string): { app?: string; version?: string } {
  const dot = proxy.lastIndexOf('.');
  const pod = cluster.kube.get<Pod>('pods', proxy.slice(dot + 1), proxy.slice(0, dot));
  const labels = pod?.metadata.labels ?? {};
  return {
    ...(labels['app'] === undefined ? {} : { app: labels['app'] }),
    ...(labels['version'] === undefined ? {} : { version: labels['version'] }),
  };
}

/** Where a request was answered: the workload of the last proxy that took it in. */
function servedBy(cluster: SimCluster, record: RequestRecord): { app?: string; version?: string; status: number } {
  const inbound = record.hops.findLast((hop) => hop.kind === 'inbound');
  if (inbound === undefined) return { status: 0 };
  return { ...workloadOf(cluster, inbound.proxy), status: inbound.status };
}

/**
 * Pages productpage served to requests that entered through the ingress gateway — the load balancer's address,
 * as the learner's laptop reaches it — from the cluster's request log.
 */
export function pagesThroughGateway(cluster: SimCluster): number {
  return cluster.requests.list().filter((record) => {
    const entry = record.hops[0];
    const served = servedBy(cluster, record);
    return entry?.kind === 'gateway' && entry.proxy.startsWith('istio-ingressgateway-') && served.app === 'productpage';
  }).length;
}

/** Calls productpage made to reviews while serving those pages, by the version that answered them. */
export function reviewsCallsByVersion(cluster: SimCluster): Record<(typeof REVIEWS_VERSIONS)[number], number> {
  const calls = { v1: 0, v2: 0, v3: 0 };
  for (const page of cluster.requests.list()) {
    if (servedBy(cluster, page).app !== 'productpage') continue;
    for (const call of page.children) {
      const { app, version } = servedBy(cluster, call);
      if (app === 'reviews' && (version === 'v1' || version === 'v2' || version === 'v3')) calls[version] += 1;
    }
  }
  return calls;
}

interface Deployment {
  status?: { readyReplicas?: number };
  spec?: { replicas?: number };
}

/** Whether an add-on's Deployment in istio-system has all its replicas Ready (what `rollout status` waits for). */
export function addonReady(cluster: SimCluster, name: string): boolean {
  const deployment = cluster.kube.get('deployments', 'istio-system', name) as Deployment | undefined;
  if (deployment === undefined) return false;
  return (deployment.status?.readyReplicas ?? 0) >= (deployment.spec?.replicas ?? 1);
}

interface Service {
  metadata: { namespace?: string; name: string };
  spec?: { type?: string };
}

/** `namespace/name` of every Service of type LoadBalancer: on NKS, each one holds an NCP load balancer. */
export function loadBalancerServices(cluster: SimCluster): string[] {
  return (cluster.kube.list('services') as unknown as Service[])
    .filter((s) => s.spec?.type === 'LoadBalancer')
    .map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
}

/** Istio's routing objects still stored (Gateways, VirtualServices, DestinationRules), as `kind namespace/name`. */
export function istioRoutingObjects(cluster: SimCluster): string[] {
  const kinds = [
    'gateways.networking.istio.io',
    'virtualservices.networking.istio.io',
    'destinationrules.networking.istio.io',
  ];
  return kinds.flatMap((kind) => {
    const resource = cluster.kube.resolveResource(kind);
    if (resource === undefined) return [];
    return (cluster.kube.list(resource) as unknown as Service[]).map(
      (o) => `${kind.split('.')[0]} ${o.metadata.namespace}/${o.metadata.name}`,
    );
  });
}

/** Whether any pod of the control plane (`app=istiod`) is left, in any namespace. */
export function istiodLeft(cluster: SimCluster): boolean {
  return cluster.kube.list<Pod>('pods').some((pod) => pod.metadata.labels?.['app'] === 'istiod');
}
