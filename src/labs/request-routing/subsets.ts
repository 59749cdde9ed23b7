/**
 * What the sidecar of productpage (the caller of reviews) knows of reviews' subsets: for each version, the
 * pods its Envoy cluster `outbound|9080|<subset>|reviews.default.svc.cluster.local` sends to.
 */
import type { SimCluster } from '../mesh';

export const REVIEWS_VERSIONS = ['v1', 'v2', 'v3'] as const;

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { podIP?: string };
}

function pods(cluster: SimCluster): PodLike[] {
  const type = cluster.kube.resolveResource('pods');
  return type === undefined ? [] : (cluster.kube.list(type, 'default') as unknown as PodLike[]);
}

/** Subset → the names of the pods its cluster in productpage's sidecar holds (healthy hosts). */
export function reviewsSubsets(cluster: SimCluster): Map<string, string[]> {
  const all = pods(cluster);
  const productpage = all.find((pod) => pod.metadata.labels?.['app'] === 'productpage');
  const admin = productpage === undefined ? undefined : cluster.proxy('default', productpage.metadata.name);
  if (admin === undefined) throw new Error('productpage has no sidecar to ask');
  const podByIp = new Map(all.map((pod) => [pod.status?.podIP ?? '', pod.metadata.name]));
  const subsets = new Map<string, string[]>();
  const host = /^outbound\|9080\|([^|]+)\|reviews\.default\.svc\.cluster\.local::([\d.]+):\d+::health_flags::healthy$/;
  for (const line of admin.clusters().split('\n')) {
    const [, subset = '', ip = ''] = host.exec(line) ?? [];
    if (subset === '') continue;
    subsets.set(subset, [...(subsets.get(subset) ?? []), podByIp.get(ip) ?? ip]);
  }
  return subsets;
}
