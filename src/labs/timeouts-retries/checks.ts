import { both } from '../grader/text';
import { defineChecks } from '../schema';
import { lastPageFacts } from '../grader/page-calls';
import { perTryOutlivesRoute, reviewsRoutes } from './reviews-route';
import { seconds, sidecarCounter, timedPages, type PageOutcome, type TimedPage } from './pages';

const OUTCOME_WORDS: Record<PageOutcome, { ko: string; en: string }> = {
  stars: { ko: '별점 있음', en: 'with stars' },
  'no-ratings': { ko: '별점 없음(ratings 불가)', en: 'no stars (ratings unavailable)' },
  'no-reviews': { ko: '리뷰 없음', en: 'no reviews' },
  error: { ko: '페이지 오류', en: 'page error' },
};

/** "2.61 s (reviews v2, with stars); …" in both languages. */
function describePages(pages: readonly TimedPage[]) {
  const line = (lang: 'ko' | 'en') =>
    pages
      .map((p) => {
        const version = p.reviews === 'unavailable' ? '' : `reviews ${p.reviews}, `;
        return `${seconds(p.ms)} s (${version}${OUTCOME_WORDS[p.outcome][lang]})`;
      })
      .join('; ');
  return both(`페이지 시간: ${line('ko')}`, `page times: ${line('en')}`);
}

const count = (pages: readonly TimedPage[], outcome: PageOutcome): number =>
  pages.filter((p) => p.outcome === outcome).length;

/** The slowest page, in seconds to two decimals, as a fact. */
const slowestSeconds = (pages: readonly TimedPage[]): number =>
  Math.round(Math.max(0, ...pages.map((p) => p.ms)) / 10) / 100;

/** Pages the retry step opens: enough that a ratings failing half the time shows in the share of starred pages. */
const FLAKY_PAGES = 40;
/** Starred pages needed out of FLAKY_PAGES: without retries about half come back without stars. */
const FLAKY_STARS_NEEDED = 34;

// Graded on what the pages did and what the sidecars counted, never on the YAML's text: a timeout of 0.6 s passes
// as well as 0.5 s, retryOn "503" as well as "5xx".
export default defineChecks([
  {
    id: 'ratings-delay-felt',
    step: 'slow-ratings',
    title: both(
      'kim의 페이지만 약 2.5초 뒤에 오고, 모두 reviews v2를 보여 준다',
      'Only kim’s pages take about 2.5 s, and every page shows reviews v2',
    ),
    hint: both(
      'reviews VirtualService는 모든 요청을 subset v2로 보내십시오. ratings VirtualService에는 end-user 헤더가 kim인 요청에만 맞는 규칙에 fault.delay(percentage.value: 100, fixedDelay: 2.5s)를 두고, 그 아래에 match 없는 규칙을 두십시오.',
      'Send every request of the reviews VirtualService to subset v2. In the ratings VirtualService, give a rule matching the end-user header kim a fault.delay (percentage.value: 100, fixedDelay: 2.5s), and put a rule without match below it.',
    ),
    run: async (ctx) => {
      const kim = await timedPages(ctx, 3, 'kim');
      const anonymous = await timedPages(ctx, 3);
      const [kimSeen, anonymousSeen] = [describePages(kim), describePages(anonymous)];
      return {
        facts: {
          kimPages: kim.length,
          kimSlowestSeconds: slowestSeconds(kim),
          anonymousPages: anonymous.length,
          anonymousSlowestMs: Math.round(Math.max(0, ...anonymous.map((p) => p.ms))),
        },
        // Only the time and the version: the later steps make ratings fail half of its calls, stars or not.
        pass:
          kim.every((p) => p.reviews === 'v2' && p.ms >= 2400 && p.ms < 3000) &&
          anonymous.every((p) => p.reviews === 'v2' && p.ms < 1000),
        expected: both(
          'kim의 페이지 3개는 reviews v2로 2.4–3.0초, 로그인하지 않은 페이지 3개는 reviews v2로 1초 미만',
          'kim’s 3 pages: reviews v2 in 2.4–3.0 s; 3 pages without login: reviews v2 in under 1 s',
        ),
        seen: both(
          `kim: ${kimSeen.ko}. 로그인 없이: ${anonymousSeen.ko}`,
          `kim: ${kimSeen.en}. Without login: ${anonymousSeen.en}`,
        ),
      };
    },
  },
  {
    id: 'page-within-budget',
    step: 'page-budget',
    title: both(
      'park의 ratings가 느린 채로도 park의 페이지는 1.5초 안에 온다(리뷰 없이)',
      'With ratings slow for park, park’s pages still come back within 1.5 s (without reviews)',
    ),
    hint: both(
      'park를 ratings 지연 규칙의 match에 더하십시오. 지연은 reviews 사이드카가 ratings를 부를 때 라우터보다 먼저 걸리므로, 같은 ratings 규칙의 timeout은 그 지연을 자르지 못합니다. 한 홉 위, park가 productpage를 거쳐 reviews로 가는 라우트에 timeout을 두십시오. productpage는 reviews를 한 번 더 시도한다는 것도 계산에 넣으십시오.',
      'Add park to the match of the ratings delay rule. The delay is applied in reviews’ sidecar before its router, so a timeout on the same ratings rule cannot cut it. Put the timeout one hop up, on a route for park from productpage to reviews — and count on productpage trying reviews a second time.',
    ),
    run: async (ctx) => {
      const pages = await timedPages(ctx, 3, 'park');
      return {
        pass: pages.every((p) => p.outcome === 'no-reviews' && p.ms < 1500),
        facts: { pages: pages.length, slowestSeconds: slowestSeconds(pages), ...lastPageFacts(await ctx.cluster()) },
        expected: both(
          'park의 페이지 3개 모두 1.5초 미만, 리뷰 없음(ratings 지연은 그대로)',
          'all 3 of park’s pages under 1.5 s, without reviews (the ratings delay still in place)',
        ),
        seen: describePages(pages),
      };
    },
  },
  {
    id: 'ratings-back-with-retries',
    step: 'retry-faulty-ratings',
    title: both(
      '절반을 503으로 답하는 ratings 앞에서도 거의 모든 페이지에 별점이 있다',
      'Almost every page has stars although ratings answers half its calls with 503',
    ),
    hint: both(
      'Istio의 기본 재시도는 503 응답을 다시 보내지 않습니다(retriable-status-codes에 코드가 없습니다). ratings 라우트에 retries를 두고 retryOn에 5xx나 503을 넣으십시오. 재시도는 ratings를 부르는 쪽, reviews의 사이드카가 합니다.',
      'Istio’s default retries do not resend on a 503 answer (retriable-status-codes lists no code). Give the ratings route retries with 5xx or 503 in retryOn. The caller of ratings, reviews’ sidecar, does the retrying.',
    ),
    run: async (ctx) => {
      const cluster = await ctx.cluster();
      const before = sidecarCounter(cluster, 'reviews', 'ratings', 'upstream_rq_retry');
      const pages = await timedPages(ctx, FLAKY_PAGES);
      const retries = sidecarCounter(cluster, 'reviews', 'ratings', 'upstream_rq_retry') - before;
      const stars = count(pages, 'stars');
      return {
        pass: stars >= FLAKY_STARS_NEEDED && retries > 0,
        facts: { pages: pages.length, stars, noStars: pages.length - stars, retries },
        expected: both(
          `페이지 ${FLAKY_PAGES}개 중 ${FLAKY_STARS_NEEDED}개 이상 별점 있음, reviews 사이드카가 ratings를 재시도함`,
          `at least ${FLAKY_STARS_NEEDED} of ${FLAKY_PAGES} pages with stars, and reviews’ sidecar retried ratings`,
        ),
        seen: both(
          `별점 있는 페이지 ${stars}/${FLAKY_PAGES}, 별점 없는 페이지 ${count(pages, 'no-ratings')}, 리뷰 없는 페이지 ${count(pages, 'no-reviews')}; reviews 사이드카의 ratings 재시도(upstream_rq_retry) ${retries}회`,
          `pages with stars ${stars}/${FLAKY_PAGES}, without stars ${count(pages, 'no-ratings')}, without reviews ${count(pages, 'no-reviews')}; retries to ratings in reviews’ sidecar (upstream_rq_retry): ${retries}`,
        ),
      };
    },
  },
  {
    id: 'per-try-never-fires',
    step: 'break-it',
    title: both(
      'lee의 reviews 라우트에 재시도를 두었는데도 재시도가 한 번도 일어나지 않는다',
      'lee’s reviews route has retries, yet not one retry happens',
    ),
    hint: both(
      'lee를 ratings 지연 규칙의 match에 더하고, lee의 reviews 규칙에 timeout: 1s와 retries(attempts: 3, retryOn: 5xx, perTryTimeout: 2s)를 두십시오. perTryTimeout이 라우트 timeout보다 길어야 합니다.',
      'Add lee to the match of the ratings delay rule, and give a reviews rule for lee timeout: 1s and retries (attempts: 3, retryOn: 5xx, perTryTimeout: 2s). The perTryTimeout must be longer than the route timeout.',
    ),
    run: async (ctx) => {
      const cluster = await ctx.cluster();
      const before = sidecarCounter(cluster, 'productpage', 'reviews', 'upstream_rq_retry');
      const pages = await timedPages(ctx, 3, 'lee');
      const retries = sidecarCounter(cluster, 'productpage', 'reviews', 'upstream_rq_retry') - before;
      const route = reviewsRoutes(cluster).find(perTryOutlivesRoute);
      const perTry = route?.perTryMs === undefined ? '-' : `${seconds(route.perTryMs)} s`;
      const told =
        route === undefined
          ? both(
              'productpage 사이드카의 reviews 라우트 중 perTryTimeout이 timeout 이상인 재시도 라우트 없음',
              'no reviews route in productpage’s sidecar retries with a perTryTimeout at least its timeout',
            )
          : both(
              `productpage 사이드카의 reviews 라우트: timeout ${seconds(route.timeoutMs)} s, 재시도 ${route.retries}회, perTryTimeout ${perTry}`,
              `productpage’s sidecar’s reviews route: timeout ${seconds(route.timeoutMs)} s, ${route.retries} retries, perTryTimeout ${perTry}`,
            );
      const shown = describePages(pages);
      const configured =
        route === undefined
          ? {}
          : {
              routeTimeoutSeconds: route.timeoutMs / 1000,
              perTrySeconds: (route.perTryMs ?? 0) / 1000,
              retriesConfigured: route.retries,
            };
      return {
        pass: route !== undefined && retries === 0 && pages.every((p) => p.outcome === 'no-reviews'),
        facts: {
          pages: pages.length,
          slowestSeconds: slowestSeconds(pages),
          retries,
          ...configured,
          ...lastPageFacts(cluster),
        },
        expected: both(
          '라우트 timeout보다 긴 perTryTimeout, 재시도 0회, lee의 페이지 3개 모두 리뷰 없음',
          'a perTryTimeout longer than the route timeout, 0 retries, all 3 of lee’s pages without reviews',
        ),
        seen: both(
          `${told.ko}; 실제 재시도(upstream_rq_retry) ${retries}회; ${shown.ko}`,
          `${told.en}; retries made (upstream_rq_retry): ${retries}; ${shown.en}`,
        ),
      };
    },
  },
]);
