/**
 * What the seeing-the-mesh checks read: the `istio_requests_total` counters in productpage's sidecar — the metric
 * Prometheus scrapes and Kiali draws the graph from, kept by the Envoy for as long as the pod lives (an
 * uninstalled istiod leaves it running) — plus the add-ons' Deployments and what the cleanup must leave behind.
 * Never the commands the learner typed: any way of sending the traffic counts.
 */
import type { Pod, SimCluster } from '../mesh';

export const REVIEWS_VERSIONS = ['v1', 'v2', 'v3'] as const;
/** Enough pages through the gateway that every reviews version has had its turns and the shares can be read. */
export const MIN_PAGES = 20;

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Every `istio_requests_total` sample of every productpage pod's sidecar, in Prometheus' text format. */
function productpageRequestSamples(cluster: SimCluster): Sample[] {
  const pods = cluster.kube.list<Pod>('pods').filter((pod) => pod.metadata.labels?.['app'] === 'productpage');
  return pods.flatMap((pod) => {
    const text = cluster.proxy(pod.metadata.namespace ?? 'default', pod.metadata.name)?.prometheus() ?? '';
    return [...text.matchAll(/^istio_requests_total\{([^}]*)\} (\d+(?:\.\d+)?)$/gm)].map((m) => ({
      labels: Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!])),
      value: Number(m[2]),
    }));
  });
}

/** Requests productpage's sidecar took in from the ingress gateway: the pages opened through the load balancer. */
export function pagesThroughGateway(cluster: SimCluster): number {
  return productpageRequestSamples(cluster)
    .filter(
      ({ labels }) =>
        labels['reporter'] === 'destination' && (labels['source_workload'] ?? '').startsWith('istio-ingressgateway'),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** Calls productpage's sidecar sent to reviews, by the version that answered them. */
export function reviewsCallsByVersion(cluster: SimCluster): Record<(typeof REVIEWS_VERSIONS)[number], number> {
  const calls = { v1: 0, v2: 0, v3: 0 };
  for (const { labels, value } of productpageRequestSamples(cluster)) {
    const version = labels['destination_version'];
    if (labels['reporter'] !== 'source' || labels['destination_app'] !== 'reviews') continue;
    if (version === 'v1' || version === 'v2' || version === 'v3') calls[version] += value;
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
