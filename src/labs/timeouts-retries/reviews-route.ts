/**
 * What productpage's sidecar was told about its route to reviews: the route timeout and the retry policy, read from
 * its config dump (`istioctl proxy-config routes … -o json` shows the same).
 */
import type { Pod, SimCluster } from '../mesh';

export interface ReviewsRoute {
  /** The route timeout in ms; 0 means none. */
  readonly timeoutMs: number;
  readonly retries: number;
  /** The per-try timeout in ms, or undefined when the policy sets none. */
  readonly perTryMs: number | undefined;
}

const durationMs = (value: unknown): number | undefined => {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  return match === null ? undefined : Math.round(Number(match[1]) * 1000);
};

function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item);
  else if (typeof value === 'object' && value !== null) {
    yield value as Record<string, unknown>;
    for (const item of Object.values(value)) yield* objects(item);
  }
}

/** Every route action in productpage's sidecar that sends to a reviews cluster, in the order of its rules. */
export function reviewsRoutes(cluster: SimCluster): ReviewsRoute[] {
  const pod = cluster.kube.list<Pod>('pods').find((p) => p.metadata.labels?.['app'] === 'productpage');
  const dump = pod === undefined ? undefined : cluster.proxy('default', pod.metadata.name)?.configDump();
  const routes: ReviewsRoute[] = [];
  for (const action of objects(dump)) {
    if (typeof action['cluster'] !== 'string' || !/^outbound\|9080\|[^|]*\|reviews\./.test(action['cluster'])) continue;
    if (!('timeout' in action)) continue;
    const policy = (action['retry_policy'] ?? action['retryPolicy']) as Record<string, unknown> | undefined;
    routes.push({
      timeoutMs: durationMs(action['timeout']) ?? 0,
      retries: Number(policy?.['num_retries'] ?? policy?.['numRetries'] ?? 0),
      perTryMs: durationMs(policy?.['per_try_timeout'] ?? policy?.['perTryTimeout']),
    });
  }
  return routes;
}

/** A route whose every try outlives the route itself: retries are configured, but a per-try timeout never fires. */
export const perTryOutlivesRoute = (route: ReviewsRoute): boolean =>
  route.retries > 0 && route.timeoutMs > 0 && route.perTryMs !== undefined && route.perTryMs >= route.timeoutMs;
