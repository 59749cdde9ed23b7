/**
 * How productpage's sidecar routed the last call to reviews (the weights, the VirtualService, the subset), as the
 * request inspector recorded it (what `meshdojo trace` shows): what the sidecar was given and used, not the
 * learner's YAML.
 */
import { lastRequest } from '../grader/requests';
import type { SimCluster } from '../mesh';

export interface ClusterWeight {
  /** The subset, from `outbound|9080|<subset>|reviews.default.svc.cluster.local`. */
  subset: string;
  weight: number;
}

/** The split of the last call to reviews; one cluster without weights is that cluster at 100. */
export function lastReviewsSplit(cluster: SimCluster): ClusterWeight[] | undefined {
  const call = lastRequest(cluster, (record) => /^reviews([.:]|$)/.test(record.authority));
  for (const decision of call?.hops[0]?.decisions ?? []) {
    if (decision.kind !== 'cluster') continue;
    const weights = decision.weights ?? [{ cluster: decision.cluster, weight: 100 }];
    return weights.map((w) => ({ subset: w.cluster.split('|')[2] || '-', weight: w.weight }));
  }
  return undefined;
}

/** Where productpage's sidecar sent the last call to reviews: the VirtualService of its route and the subset. */
export function lastReviewsRoute(
  cluster: SimCluster,
): { virtualService: string | undefined; subset: string | undefined; exists: boolean } | undefined {
  const call = lastRequest(cluster, (record) => /^reviews([.:]|$)/.test(record.authority));
  const decisions = call?.hops[0]?.decisions ?? [];
  const route = decisions.find((d) => d.kind === 'route');
  const target = decisions.find((d) => d.kind === 'cluster');
  if (route === undefined || target === undefined) return undefined;
  const vs = route.virtualService;
  return {
    virtualService: vs === undefined ? undefined : `${vs.namespace}/${vs.name}`,
    subset: target.subset,
    exists: target.exists,
  };
}
