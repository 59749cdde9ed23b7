/**
 * What the timeouts-retries checks measure: Bookinfo pages opened through the ingress gateway, each timed on the
 * cluster's virtual clock and sorted by what the page could show, and counters from the sidecars' Envoy stats.
 */
import { HttpClient, type Pod, type SimCluster } from '../mesh';
import { ingressHost } from '../grader/ingress';
import { reviewsVersionOf } from '../grader/bookinfo-pages';
import type { CheckContext } from '../schema';

/** `stars`: reviews with ratings; `no-ratings`: reviews said ratings is unavailable; `no-reviews`: none at all. */
export type PageOutcome = 'stars' | 'no-ratings' | 'no-reviews' | 'error';

export interface TimedPage {
  readonly ms: number;
  readonly outcome: PageOutcome;
  readonly reviews: ReturnType<typeof reviewsVersionOf>;
}

function outcomeOf(status: number, body: string): PageOutcome {
  if (status !== 200) return 'error';
  if (body.includes('product reviews are currently unavailable')) return 'no-reviews';
  if (body.includes('Ratings service is currently unavailable')) return 'no-ratings';
  return body.includes('glyphicon-star') ? 'stars' : 'no-ratings';
}

/** The session cookie of `user` after logging in through the gateway (productpage then sends `end-user: <user>`). */
async function login(client: HttpClient, base: string, user: string): Promise<string> {
  const reply = await client.request(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${encodeURIComponent(user)}&passwd=x`,
  });
  const cookie = reply.headers['set-cookie']?.split(';')[0];
  if (cookie === undefined) throw new Error(`logging in as ${user} set no session cookie (HTTP ${reply.status})`);
  return cookie;
}

/**
 * Opens /productpage `count` times, one after the other, logged in as `user` when given, timing each page on the
 * virtual clock.
 */
export async function timedPages(ctx: CheckContext, count: number, user?: string): Promise<TimedPage[]> {
  return ctx.sim(async (cluster) => {
    const base = `http://${ingressHost(cluster)}`;
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    const headers: Record<string, string> = user === undefined ? {} : { cookie: await login(client, base, user) };
    const pages: TimedPage[] = [];
    for (let i = 0; i < count; i++) {
      const started = cluster.clock.now();
      const page = await client.get(`${base}/productpage`, { headers, timeoutMs: 30_000 });
      pages.push({
        ms: cluster.clock.now() - started,
        outcome: outcomeOf(page.status, page.body),
        reviews: reviewsVersionOf(page.body),
      });
    }
    client.close();
    return pages;
  });
}

/** The sum of an Envoy cluster counter (`upstream_rq_retry`, …) over every outbound cluster of `service`, in the sidecars of pods of `app`. */
export function sidecarCounter(cluster: SimCluster, app: string, service: string, counter: string): number {
  const line = new RegExp(
    `^cluster\\.outbound\\|\\d+\\|[^|]*\\|${service}\\.default\\.svc\\.cluster\\.local\\.${counter}: (\\d+)$`,
    'gm',
  );
  return cluster.kube
    .list<Pod>('pods')
    .filter((pod) => pod.metadata.labels?.['app'] === app)
    .reduce((sum, pod) => {
      const stats = cluster.proxy(pod.metadata.namespace ?? 'default', pod.metadata.name)?.stats() ?? '';
      return sum + [...stats.matchAll(line)].reduce((n, m) => n + Number(m[1]), 0);
    }, 0);
}

/** Seconds with two decimals, for the learner's reading. */
export const seconds = (ms: number): string => (ms / 1000).toFixed(2);
