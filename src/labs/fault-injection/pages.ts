/**
 * What a reader of Bookinfo saw, page by page, when ratings is slowed down or failed: whether the stars came, the
 * reviews came without ratings, or productpage gave up on reviews — and how long each page took on the virtual
 * clock, measured from the learner's laptop through the ingress gateway.
 */
import { HttpClient } from '../mesh';
import { loginHeaders, reviewsVersionOf, type ReviewsVersion } from '../grader/bookinfo-pages';
import { ingressHost } from '../grader/ingress';
import { both } from '../grader/text';
import type { Bilingual, CheckContext } from '../schema';

/**
 * `stars`: reviews with their ratings; `plain`: reviews drawn without ratings, as reviews v1 does; `no-ratings`:
 * reviews whose call to ratings failed; `no-reviews`: productpage gave up on reviews; `error`: no page at all.
 */
export type PageKind = 'stars' | 'plain' | 'no-ratings' | 'no-reviews' | 'error';
export const PAGE_KINDS = ['stars', 'plain', 'no-ratings', 'no-reviews', 'error'] as const;

export interface Page {
  readonly kind: PageKind;
  /** The reviews version productpage names under "Reviews served by:" (`unavailable` when it has none). */
  readonly reviews: ReviewsVersion;
  readonly ms: number;
}

export function pageKind(status: number, html: string): PageKind {
  if (status !== 200) return 'error';
  if (html.includes('Sorry, product reviews are currently unavailable')) return 'no-reviews';
  if (html.includes('Ratings service is currently unavailable')) return 'no-ratings';
  return html.includes('glyphicon-star') ? 'stars' : 'plain';
}

/** Opens /productpage `count` times, logged in as `user` when given. */
export async function openPages(ctx: CheckContext, count: number, user?: string): Promise<Page[]> {
  return ctx.sim(async (cluster) => {
    const base = `http://${ingressHost(cluster)}`;
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    const headers = user === undefined ? {} : await loginHeaders(client, base, user);
    const pages: Page[] = [];
    for (let i = 0; i < count; i++) {
      const page = await client.get(`${base}/productpage`, { headers, timeoutMs: 30_000 });
      pages.push({ kind: pageKind(page.status, page.body), reviews: reviewsVersionOf(page.body), ms: page.elapsedMs });
    }
    client.close();
    return pages;
  });
}

const KIND_TEXT: Record<PageKind, Bilingual> = {
  stars: both('별점 있음', 'with stars'),
  plain: both('별점 없는 리뷰(v1)', 'reviews without ratings (v1)'),
  'no-ratings': both(
    '별점 없음(Ratings service is currently unavailable)',
    'no stars (Ratings service is currently unavailable)',
  ),
  'no-reviews': both(
    '리뷰 없음(Sorry, product reviews are currently unavailable)',
    'no reviews (Sorry, product reviews are currently unavailable)',
  ),
  error: both('페이지 오류', 'page errors'),
};

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** "as kate: with stars 10; 2.51–2.56 s per page" in both languages. */
export function describePages(who: Bilingual, pages: readonly Page[]): Bilingual {
  const counts = PAGE_KINDS.map((kind) => [kind, pages.filter((p) => p.kind === kind).length] as const).filter(
    ([, n]) => n > 0,
  );
  const times = pages.map((p) => p.ms);
  const range = times.length === 0 ? '-' : `${seconds(Math.min(...times))}–${seconds(Math.max(...times))}`;
  return both(
    `${who.ko}: ${counts.map(([kind, n]) => `${KIND_TEXT[kind].ko} ${n}`).join(', ')}; 페이지당 ${range}초`,
    `${who.en}: ${counts.map(([kind, n]) => `${KIND_TEXT[kind].en} ${n}`).join(', ')}; ${range} s per page`,
  );
}
