import { both } from '../grader/text';
import { defineChecks, type Bilingual, type CheckContext, type CheckOutcome, type Facts } from '../schema';
import { describePages, openPages, type Page } from './pages';
import { lastFailedCallFacts, lastPageFacts } from '../grader/page-calls';
import { pageFacts } from './page-facts';

// Graded by what readers got and how long they waited (virtual clock), never by the YAML's text: any ratings
// VirtualService that injects these faults passes (a 2.8 s delay as well as 2.5 s, a 500 as well as a 503, a
// fault on a route or a route to a subset nobody defined). Each step's fault is for its own user, so the finished
// file passes every step at once, and each check also loads pages for readers no rule names, who must stay whole
// and fast: a fault on the rule without `match` hurts everyone.

const FAST_MS = 1000;
const fast = (page: Page): boolean => page.kind === 'stars' && page.reviews === 'v2' && page.ms < FAST_MS;

interface Readers {
  readonly who: Bilingual;
  readonly pages: readonly Page[];
  readonly pass: boolean;
  readonly facts: Facts;
}

/**
 * `count` pages as `user`, each held to `ok`; facts: pageFacts, the calls behind the last page, and the last
 * failed call to ratings.
 */
async function readers(ctx: CheckContext, user: string, count: number, ok: (page: Page) => boolean): Promise<Readers> {
  const pages = await openPages(ctx, count, user);
  const cluster = await ctx.cluster();
  const facts = {
    ...pageFacts(pages, 'no-ratings'),
    ...lastPageFacts(cluster),
    ...lastFailedCallFacts(cluster, 'ratings'),
  };
  return { who: both(`${user}로 로그인`, `as ${user}`), pages, pass: pages.length > 0 && pages.every(ok), facts };
}

/**
 * Anonymous readers and sunny, whom no rule of the lab names: reviews v2 with stars, each under a second. Facts:
 * `othersPages` and `othersSlowestMs`.
 */
async function bystanders(ctx: CheckContext): Promise<Readers> {
  const pages = [...(await openPages(ctx, 3)), ...(await openPages(ctx, 3, 'sunny'))];
  const facts = { othersPages: pages.length, othersSlowestMs: Math.round(Math.max(...pages.map((p) => p.ms))) };
  const who = both('로그인하지 않은 독자와 sunny', 'anonymous readers and sunny');
  return { who, pages, pass: pages.every(fast), facts };
}

const BYSTANDERS_EXPECTED = both(
  '로그인하지 않은 독자와 sunny의 페이지 6개는 reviews v2의 별점과 함께 각 1초 미만',
  'the 6 pages of anonymous readers and sunny show reviews v2’s stars, each under 1 s',
);

function outcome(expected: Bilingual, ...groups: Readers[]): CheckOutcome {
  const seen = groups.map(({ who, pages }) => describePages(who, pages));
  return {
    pass: groups.every((group) => group.pass),
    facts: Object.assign({}, ...groups.map((group) => group.facts)) as Facts,
    expected: both([expected.ko, BYSTANDERS_EXPECTED.ko].join('. '), [expected.en, BYSTANDERS_EXPECTED.en].join('. ')),
    seen: both(seen.map((s) => s.ko).join('. '), seen.map((s) => s.en).join('. ')),
  };
}

export default defineChecks([
  {
    id: 'everyone-v2-fast',
    step: 'baseline',
    title: both(
      '모든 독자의 페이지가 1초 안에 reviews v2의 검은 별과 함께 열린다',
      'Every reader’s page loads in under a second with reviews v2’s black stars',
    ),
    hint: both(
      'samples/bookinfo/networking/destination-rule-all.yaml과 reviews-v2.yaml을 kubectl apply -f로 적용하십시오. 이 단계는 여러분의 클러스터에서 채점합니다.',
      'Apply samples/bookinfo/networking/destination-rule-all.yaml and reviews-v2.yaml with kubectl apply -f. This step is graded on your own cluster.',
    ),
    run: async (ctx) => {
      const { who, pages, pass, facts } = await bystanders(ctx);
      return { pass, facts, expected: BYSTANDERS_EXPECTED, seen: describePages(who, pages) };
    },
  },
  {
    id: 'kate-slow-whole',
    step: 'delay-under-limit',
    title: both(
      'kate의 페이지는 2.5초 넘게 걸리지만 3초 안에 별점과 함께 열린다',
      'kate’s pages take over 2.5 s but still load with stars within 3 s',
    ),
    hint: both(
      'ratings-faults.yaml의 ratings VirtualService에 end-user가 kate인 요청을 고르는 규칙을 두고, 그 규칙에 fault.delay(percentage 100, fixedDelay 2.5s)를 넣으십시오. match 없는 규칙은 맨 아래에 둡니다.',
      'In ratings-faults.yaml, give the ratings VirtualService a rule matching end-user kate with fault.delay (percentage 100, fixedDelay 2.5s). The rule without match goes last.',
    ),
    run: async (ctx) =>
      outcome(
        both(
          'kate의 페이지 5개는 별점과 함께 각 2.5초 이상 3초 미만',
          'kate’s 5 pages show stars, each taking 2.5 s to under 3 s',
        ),
        await readers(ctx, 'kate', 5, (page) => page.kind === 'stars' && page.ms >= 2500 && page.ms < 3000),
        await bystanders(ctx),
      ),
  },
  {
    id: 'lee-gives-up',
    step: 'delay-over-limit',
    title: both('lee의 페이지는 약 6초 뒤 리뷰 없이 열린다', 'lee’s pages load without reviews after about 6 s'),
    hint: both(
      'productpage는 reviews 호출을 3초에서 끊고 한 번 더 시도합니다. lee의 규칙을 하나 더 두고 3초보다 긴 지연을 넣으십시오.',
      'productpage gives up on a call to reviews after 3 s and tries once more. Add a rule for lee with a delay longer than 3 s.',
    ),
    run: async (ctx) =>
      outcome(
        both(
          'lee의 페이지 3개는 "Sorry, product reviews are currently unavailable", 각 5.5초 이상 7초 미만',
          'lee’s 3 pages say "Sorry, product reviews are currently unavailable", each after 5.5 s to under 7 s',
        ),
        await readers(ctx, 'lee', 3, (page) => page.kind === 'no-reviews' && page.ms >= 5500 && page.ms < 7000),
        await bystanders(ctx),
      ),
  },
  {
    id: 'park-half-fail',
    step: 'abort-some',
    title: both(
      'park의 페이지 절반 정도에서 별점이 사라지고, 기다리는 페이지는 없다',
      'About half of park’s pages lose their stars, and no page waits',
    ),
    hint: both(
      'park의 규칙을 하나 더 두고 fault.abort(percentage 50, httpStatus 503)를 넣으십시오. 지연은 넣지 않습니다.',
      'Add a rule for park with fault.abort (percentage 50, httpStatus 503), and no delay.',
    ),
    run: async (ctx) => {
      const park = await readers(
        ctx,
        'park',
        50,
        (page) => (page.kind === 'stars' || page.kind === 'no-ratings') && page.ms < FAST_MS,
      );
      const share = park.pages.filter((page) => page.kind === 'no-ratings').length / park.pages.length;
      // 50 pages at 50 %: a standard deviation of 7 points, so 30–70 % leaves more than two of them either way.
      const half = {
        ...park,
        pass: park.pass && share >= 0.3 && share <= 0.7,
        facts: { ...park.facts, noRatingsPercent: Math.round(share * 1000) / 10 },
      };
      return outcome(
        both(
          'park의 페이지 50개 중 30~70%가 "Ratings service is currently unavailable", 나머지는 별점, 각 1초 미만',
          '30–70 % of park’s 50 pages say "Ratings service is currently unavailable", the rest show stars, each under 1 s',
        ),
        half,
        await bystanders(ctx),
      );
    },
  },
  {
    id: 'jason-no-ratings',
    step: 'break-it',
    title: both(
      'jason의 페이지에는 reviews v2의 리뷰가 있지만 별점은 없다',
      'jason’s pages show reviews v2’s reviews, but no ratings',
    ),
    hint: both(
      'reviews는 그대로 두고 ratings만 망가뜨리십시오. ratings VirtualService에 jason의 규칙을 더해 모든 요청을 중단시키면 됩니다.',
      'Leave reviews alone and break ratings only: add a rule for jason to the ratings VirtualService that aborts every request.',
    ),
    run: async (ctx) =>
      outcome(
        both(
          'jason의 페이지 10개는 reviews v2가 그린 리뷰와 "Ratings service is currently unavailable", 각 1초 미만',
          'jason’s 10 pages show reviews from reviews v2 with "Ratings service is currently unavailable", each under 1 s',
        ),
        await readers(
          ctx,
          'jason',
          10,
          (page) => page.kind === 'no-ratings' && page.reviews === 'v2' && page.ms < FAST_MS,
        ),
        await bystanders(ctx),
      ),
  },
]);
