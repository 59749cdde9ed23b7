/**
 * Bookinfo traffic for the labs that route reviews (request-routing, route-translation): what a browser on the
 * learner's laptop does — open /productpage through the ingress gateway's load balancer, optionally after logging
 * in — and which reviews version rendered each page.
 */
import { HttpClient } from '../mesh';
import { ingressHost } from './ingress';
import { both } from './text';
import type { Bilingual, CheckContext } from '../schema';

export type ReviewsVersion = 'v1' | 'v2' | 'v3' | 'unavailable';
/** Pages by the reviews version they show (`unavailable`: a page without reviews); `error`: no page at all. */
export type Tally = Record<ReviewsVersion | 'error', number>;
export const OUTCOMES = ['v1', 'v2', 'v3', 'unavailable', 'error'] as const;

/**
 * Which reviews version served a page: the pod name productpage prints under "Reviews served by:", or
 * `unavailable` when the page could not get reviews at all.
 */
export function reviewsVersionOf(html: string): ReviewsVersion {
  const pod = /Reviews served by:<\/dt>\s*<u>reviews-(v\d)-/.exec(html)?.[1];
  if (pod === 'v1' || pod === 'v2' || pod === 'v3') return pod;
  return 'unavailable';
}

/**
 * Logs in as `user` through Bookinfo's form (the password is the name: productpage accepts any) and returns the
 * headers that carry the session to later requests.
 */
export async function loginHeaders(client: HttpClient, base: string, user: string): Promise<Record<string, string>> {
  const login = await client.request(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${encodeURIComponent(user)}&passwd=${encodeURIComponent(user)}`,
  });
  const cookie = login.headers['set-cookie']?.split(';')[0];
  if (cookie === undefined) throw new Error(`logging in as ${user} set no session cookie (HTTP ${login.status})`);
  return { cookie };
}

/** Opens /productpage `count` times, logged in as `user` when given, and counts the versions seen. */
export async function tallyPages(ctx: CheckContext, count: number, user?: string): Promise<Tally> {
  return ctx.sim(async (cluster) => {
    const base = `http://${ingressHost(cluster)}`;
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    const headers = user === undefined ? {} : await loginHeaders(client, base, user);
    const tally: Tally = { v1: 0, v2: 0, v3: 0, unavailable: 0, error: 0 };
    for (let i = 0; i < count; i++) {
      const page = await client.get(`${base}/productpage`, { headers, timeoutMs: 30_000 });
      tally[page.status === 200 ? reviewsVersionOf(page.body) : 'error']++;
    }
    client.close();
    return tally;
  });
}

export function describeTally(tally: Tally): Bilingual {
  const parts = (['v1', 'v2', 'v3'] as const).filter((v) => tally[v] > 0).map((v) => `${v} ${tally[v]}`);
  const extra = (count: number, text: string): string[] => (count > 0 ? [`${text} ${count}`] : []);
  const ko = [...parts, ...extra(tally.unavailable, '리뷰 없음'), ...extra(tally.error, '페이지 오류')].join(', ');
  const en = [...parts, ...extra(tally.unavailable, 'no reviews'), ...extra(tally.error, 'page errors')].join(', ');
  return both(`reviews 버전별 페이지 수: ${ko}`, `pages per reviews version: ${en}`);
}
