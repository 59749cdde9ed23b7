/**
 * Grading a split by what users saw: open many pages and compare each version's count with the share the weights
 * ask for. Weights are drawn per request, so counts scatter around the share; the band is three standard
 * deviations of a binomial count, wide enough that a right split fails about 3 times in 1,000 draws and narrow
 * enough that 20 % cannot pass for 50 %, nor 50 % for 100 %.
 */
import { describeTally, OUTCOMES, tallyPages, type Tally } from '../grader/bookinfo-pages';
import { both } from '../grader/text';
import type { Bilingual, CheckContext, CheckOutcome, Facts } from '../schema';

export const VERSIONS = ['v1', 'v2', 'v3'] as const;
export type Version = (typeof VERSIONS)[number];
/** Each version's share of the pages, in percent; the three add up to 100. */
export type Shares = Record<Version, number>;

/** The counts of `pages` draws of share `percent` that are within three standard deviations of the mean. */
export function band(pages: number, percent: number): { low: number; high: number } {
  const p = percent / 100;
  const mean = pages * p;
  const spread = 3 * Math.sqrt(pages * p * (1 - p));
  return { low: Math.ceil(mean - spread), high: Math.floor(mean + spread) };
}

export function withinBand(tally: Tally, pages: number, shares: Shares): boolean {
  if (tally.unavailable > 0 || tally.error > 0) return false;
  return VERSIONS.every((v) => {
    const { low, high } = band(pages, shares[v]);
    return tally[v] >= low && tally[v] <= high;
  });
}

function describeBands(pages: number, shares: Shares): Bilingual {
  const parts = VERSIONS.map((v) => {
    const { low, high } = band(pages, shares[v]);
    return low === high ? `${v} ${low}` : `${v} ${low}–${high}`;
  });
  return both(
    `페이지 ${pages}개 중 ${parts.join(', ')} (비율 ${VERSIONS.map((v) => `${v} ${shares[v]}%`).join(', ')}의 ±3σ)`,
    `of ${pages} pages: ${parts.join(', ')} (±3σ around ${VERSIONS.map((v) => `${v} ${shares[v]} %`).join(', ')})`,
  );
}

/**
 * Opens `pages` pages through the ingress gateway, split evenly between `users` (none: not logged in), and passes
 * when every version's count is in its band.
 */
export async function pagesSplit(
  ctx: CheckContext,
  pages: number,
  shares: Shares,
  users: readonly (string | undefined)[] = [undefined],
): Promise<CheckOutcome> {
  const tally: Tally = { v1: 0, v2: 0, v3: 0, unavailable: 0, error: 0 };
  for (const user of users) {
    const own = await tallyPages(ctx, pages / users.length, user);
    for (const outcome of OUTCOMES) tally[outcome] += own[outcome];
  }
  const total = OUTCOMES.reduce((sum, outcome) => sum + tally[outcome], 0);
  return {
    pass: total === pages && withinBand(tally, pages, shares),
    expected: describeBands(pages, shares),
    seen: describeTally(tally),
    facts: splitFacts(tally, pages, shares),
  };
}

/** The counts and the band each had to fall in: `pages`, `v1`…`v3`, `v1Percent`…, `v1Low`/`v1High`…. */
function splitFacts(tally: Tally, pages: number, shares: Shares): Facts {
  const facts: Facts = { pages };
  for (const v of VERSIONS) {
    const { low, high } = band(pages, shares[v]);
    Object.assign(facts, {
      [v]: tally[v],
      [`${v}Percent`]: Math.round((tally[v] / pages) * 1000) / 10,
      [`${v}Low`]: Math.max(0, low),
      [`${v}High`]: Math.min(pages, high),
    });
  }
  return facts;
}
