/**
 * The load the cascading-failure checks put on productpage: fortio's pod opens /productpage from several
 * connections at once, each the next page as soon as the last one answered (fortio's `-qps 0`), and gives up
 * on a page after fortio's default 3 s. Each page is timed on the cluster's virtual clock and sorted by what it
 * showed, so a check can tell a fast page from a slow one and a page without ratings from a page without reviews.
 */
import { HttpClient, type SimCluster } from '../mesh';
import type { CheckContext } from '../schema';

/** What a page showed: stars, reviews whose ratings were unavailable, reviews v1 (no ratings by design), no reviews, or nothing. */
export type PageOutcome = 'stars' | 'no-ratings' | 'v1' | 'no-reviews' | 'error';
export const PAGE_OUTCOMES: readonly PageOutcome[] = ['stars', 'no-ratings', 'v1', 'no-reviews', 'error'];

export interface PageLoad {
  /** Milliseconds each page took, in the order they finished; a page given up on counts its 3 s. */
  durations: number[];
  outcomes: Record<PageOutcome, number>;
}

/** fortio's default `-timeout`. */
const GIVE_UP_MS = 3000;

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { phase?: string };
}

/** The network of a running pod of `app` (the newest, after a rollout). */
function podOf(cluster: SimCluster, app: string) {
  const pods = cluster.kube.resolveResource('pods');
  const list = (pods === undefined ? [] : cluster.kube.list(pods, 'default')) as unknown as PodLike[];
  const pod = list.filter((p) => p.metadata.labels?.['app'] === app && p.status?.phase === 'Running').pop();
  const host = pod === undefined ? undefined : cluster.podHost('default', pod.metadata.name);
  if (host === undefined) throw new Error(`no running ${app} pod`);
  return host;
}

function outcomeOf(status: number, html: string): PageOutcome {
  if (status !== 200) return 'error';
  if (html.includes('Sorry, product reviews are currently unavailable')) return 'no-reviews';
  if (html.includes('glyphicon-star')) return 'stars';
  if (html.includes('Ratings service is currently unavailable')) return 'no-ratings';
  return 'v1';
}

/** `connections` concurrent loops of `pagesEach` pages each. */
export async function loadPages(ctx: CheckContext, connections: number, pagesEach: number): Promise<PageLoad> {
  return ctx.sim(async (cluster) => {
    const host = podOf(cluster, 'fortio');
    const load: PageLoad = { durations: [], outcomes: { stars: 0, 'no-ratings': 0, v1: 0, 'no-reviews': 0, error: 0 } };
    const loop = async (): Promise<void> => {
      const client = new HttpClient({ host, clock: cluster.clock });
      for (let i = 0; i < pagesEach; i++) {
        const start = cluster.clock.now();
        let outcome: PageOutcome;
        try {
          const page = await client.get('http://productpage:9080/productpage', { timeoutMs: GIVE_UP_MS });
          outcome = outcomeOf(page.status, page.body);
        } catch {
          outcome = 'error';
        }
        load.durations.push(cluster.clock.now() - start);
        load.outcomes[outcome]++;
      }
      client.close();
    };
    await Promise.all(Array.from({ length: connections }, loop));
    return load;
  });
}

/** The duration below which `fraction` of the pages finished (nearest rank). */
export function percentile(load: PageLoad, fraction: number): number {
  const sorted = [...load.durations].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/** The longest a caller in Bookinfo waits for ratings (reviews v2's 10 s), so a late answer is still seen. */
const RATINGS_PATIENCE_MS = 10_000;

/**
 * How long ratings itself takes to answer each of `calls` parallel GETs, asked from inside its own pod on
 * localhost (`kubectl exec deploy/ratings-v1 -- curl localhost:9080/ratings/0`): no sidecar and no route
 * timeout stands between, so this is the app's speed whatever the mesh's config says.
 */
export async function timeRatings(ctx: CheckContext, calls: number): Promise<number[]> {
  return ctx.sim(async (cluster) => {
    const host = podOf(cluster, 'ratings');
    const call = async (): Promise<number> => {
      const client = new HttpClient({ host, clock: cluster.clock });
      const start = cluster.clock.now();
      await client.get('http://localhost:9080/ratings/0', { timeoutMs: RATINGS_PATIENCE_MS }).catch(() => undefined);
      client.close();
      return cluster.clock.now() - start;
    };
    return Promise.all(Array.from({ length: calls }, call));
  });
}
