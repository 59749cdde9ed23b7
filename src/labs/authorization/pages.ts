/** Bookinfo's page through the ingress gateway, sorted by which of its parts productpage could fill in. */
import { HttpClient } from '../mesh';
import { ingressHost } from '../grader/ingress';
import { both } from '../grader/text';
import type { Bilingual, CheckContext, Facts } from '../schema';

export interface PageParts {
  total: number;
  /** Pages that rendered, as opposed to a 403 or any other error status. */
  rendered: number;
  details: number;
  reviews: number;
  stars: number;
  ratingsUnavailable: number;
}

export async function openPages(ctx: CheckContext, count: number): Promise<PageParts> {
  return ctx.sim(async (cluster) => {
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    const parts: PageParts = { total: count, rendered: 0, details: 0, reviews: 0, stars: 0, ratingsUnavailable: 0 };
    for (let i = 0; i < count; i++) {
      const page = await client.get(`http://${ingressHost(cluster)}/productpage`, { timeoutMs: 30_000 });
      if (page.status !== 200) continue;
      parts.rendered++;
      if (page.body.includes('Book Details')) parts.details++;
      if (page.body.includes('Book Reviews')) parts.reviews++;
      if (page.body.includes('glyphicon-star')) parts.stars++;
      if (page.body.includes('Ratings service is currently unavailable')) parts.ratingsUnavailable++;
    }
    client.close();
    return parts;
  });
}

/** The pages as facts for a step's "your run" text: `pages`, `rendered`, `details`, `reviews`, `stars`, `ratingsUnavailable`. */
export function pageFacts({ total, ...parts }: PageParts): Facts {
  return { pages: total, ...parts };
}

export function describePages(p: PageParts): Bilingual {
  return both(
    `페이지 ${p.total}개: 열림 ${p.rendered}, Book Details ${p.details}, Book Reviews ${p.reviews}, 별점 ${p.stars}, ratings 오류 ${p.ratingsUnavailable}`,
    `${p.total} pages: rendered ${p.rendered}, Book Details ${p.details}, Book Reviews ${p.reviews}, stars ${p.stars}, ratings error ${p.ratingsUnavailable}`,
  );
}
