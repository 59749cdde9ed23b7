import { both } from '../grader/text';
import { defineChecks, type Bilingual } from '../schema';
import { loadPages, PAGE_OUTCOMES, percentile, timeRatings, type PageLoad } from './page-load';

/** Step 1's fortio run: 8 connections, the next page as soon as one answers. */
const CONNECTIONS = 8;
const PAGES_EACH = 8;
/** How late ratings v-delayed's slow half answers (the `setTimeout` in ratings.js). */
const RATINGS_DELAY_MS = 7000;
/** GETs sent to ratings to tell a delayed one from a fast one. */
const RATINGS_CALLS = 12;
/** The slow page of step 1: one that waited out productpage's 3 s reviews timeout or fortio's. */
const SLOW_MS = 2000;
/**
 * What "fast" means once productpage is protected: 9 pages in 10 within 1.2 s, a little over a 1 s timeout
 * and far under the 3 s fortio waits. Any timeout on ratings up to about a second passes.
 */
const FAST_P90_MS = 1200;

function describeLoad(load: PageLoad): Bilingual {
  const total = load.durations.length;
  // Milliseconds under a second, as fortio's healthy numbers are; seconds above, as its slow ones are.
  const time = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
  const p50 = time(percentile(load, 0.5));
  const p90 = time(percentile(load, 0.9));
  const ko = {
    stars: '별점',
    'no-ratings': '별점 없이 리뷰만',
    v1: 'reviews v1(원래 별점 없음)',
    'no-reviews': '리뷰 없음',
    error: '3초 안에 응답 없음·오류',
  };
  const en = {
    stars: 'stars',
    'no-ratings': 'reviews without ratings',
    v1: 'reviews v1 (no stars by design)',
    'no-reviews': 'no reviews',
    error: 'no answer within 3 s or an error',
  };
  const counts = (names: Record<string, string>): string =>
    PAGE_OUTCOMES.filter((o) => load.outcomes[o] > 0)
      .map((o) => `${names[o]} ${load.outcomes[o]}`)
      .join(', ');
  return both(
    `페이지 ${total}개: 중앙값 ${p50}, 90번째 백분위 ${p90}. ${counts(ko)}`,
    `${total} pages: median ${p50}, 90th percentile ${p90}. ${counts(en)}`,
  );
}

const loadAsStepOne = both(
  `fortio 파드에서 연결 ${CONNECTIONS}개로 /productpage를 ${CONNECTIONS * PAGES_EACH}번 연 결과`,
  `${CONNECTIONS * PAGES_EACH} loads of /productpage from fortio’s pod over ${CONNECTIONS} connections`,
);

export default defineChecks([
  {
    id: 'ratings-slow',
    step: 'slow-ratings',
    title: both('ratings가 호출의 절반가량에 7초 늦게 답한다', 'ratings answers about half of its calls 7 s late'),
    hint: both(
      'ratings-v1 Deployment의 SERVICE_VERSION 환경 변수를 v-delayed로 바꾸고(kubectl patch), kubectl rollout status로 새 파드를 기다리십시오. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Set the SERVICE_VERSION environment variable of the ratings-v1 Deployment to v-delayed (kubectl patch) and wait for the new pod with kubectl rollout status. This step is graded on your own cluster.',
    ),
    run: async (ctx) => {
      const times = await timeRatings(ctx, RATINGS_CALLS);
      const late = times.filter((ms) => ms >= RATINGS_DELAY_MS).length;
      return {
        pass: late >= RATINGS_CALLS / 4 && late <= (RATINGS_CALLS * 3) / 4,
        expected: both(
          `ratings 파드 안에서 보낸 GET ${RATINGS_CALLS}번 중 4분의 1에서 4분의 3이 ${RATINGS_DELAY_MS / 1000}초 넘게 걸림`,
          `of ${RATINGS_CALLS} GETs sent inside ratings’ pod, a quarter to three quarters take over ${RATINGS_DELAY_MS / 1000} s`,
        ),
        seen: both(
          `${RATINGS_CALLS}번 중 ${late}번이 ${RATINGS_DELAY_MS / 1000}초 넘게 걸림`,
          `${late} of ${RATINGS_CALLS} took over ${RATINGS_DELAY_MS / 1000} s`,
        ),
      };
    },
  },
  {
    id: 'productpage-stalls',
    step: 'slow-ratings',
    title: both(
      '지켜 주는 것이 없으면, 느린 ratings 때문에 productpage의 페이지가 느려지고 실패한다',
      'With nothing to protect it, the slow ratings makes productpage’s pages slow, and some fail',
    ),
    hint: both(
      '먼저 위의 검사(ratings가 느린지)를 통과하십시오. 이 검사는 여러분 클러스터의 복사본에서 VirtualService와 DestinationRule을 모두 지운 뒤 잽니다.',
      'First pass the check above (is ratings slow?). This check measures a copy of your cluster with every VirtualService and DestinationRule deleted.',
    ),
    budgetMs: 300_000,
    run: async (ctx) => {
      // Set aside what step 3 adds, on this copy only: the step is about what the slow leaf does to a bare mesh.
      await (await ctx.shell()).run('kubectl delete virtualservices,destinationrules --all');
      const load = await loadPages(ctx, CONNECTIONS, PAGES_EACH);
      const slow = load.durations.filter((ms) => ms >= SLOW_MS).length;
      return {
        pass: load.outcomes.error > 0 && slow >= load.durations.length / 10,
        expected: both(
          `${loadAsStepOne.ko}: 10% 넘는 페이지가 ${SLOW_MS / 1000}초 이상 걸리고, 일부는 3초 안에 오지 않음`,
          `${loadAsStepOne.en}: over 10% of the pages take ${SLOW_MS / 1000} s or more, and some do not come within 3 s`,
        ),
        seen: describeLoad(load),
      };
    },
  },
  {
    id: 'productpage-fast',
    step: 'add-timeout',
    title: both(
      'ratings가 여전히 느려도 productpage는 같은 부하에서 빠르다',
      'With ratings still slow, productpage stays fast under the same load',
    ),
    hint: both(
      'reviews가 ratings를 기다리는 시간을 줄이십시오. ratings에 VirtualService를 만들고 라우트에 timeout을 두면, reviews의 사이드카가 그 시간이 지나면 기다리기를 그만둡니다. productpage의 3초보다 훨씬 짧아야 합니다.',
      'Shorten how long reviews waits for ratings. A VirtualService for ratings with a timeout on its route makes reviews’ sidecar stop waiting after that long. It must be well under productpage’s 3 s.',
    ),
    budgetMs: 300_000,
    run: async (ctx) => {
      const load = await loadPages(ctx, CONNECTIONS, PAGES_EACH);
      return {
        pass: load.outcomes.error === 0 && percentile(load, 0.9) <= FAST_P90_MS,
        expected: both(
          `${loadAsStepOne.ko}: 실패 0개, 90번째 백분위 ${FAST_P90_MS / 1000}초 이하`,
          `${loadAsStepOne.en}: no failures, 90th percentile at most ${FAST_P90_MS / 1000} s`,
        ),
        seen: describeLoad(load),
      };
    },
  },
  {
    id: 'reviews-without-ratings',
    step: 'add-timeout',
    title: both(
      '느린 ratings 대신 별점만 빠지고, 리뷰와 빠른 별점은 그대로 보인다',
      'Only the slow ratings go missing: reviews, and the stars that come in time, still show',
    ),
    hint: both(
      'reviews 전체를 끊으면 페이지에서 리뷰가 사라집니다. 끊을 곳은 reviews → ratings 구간입니다. 타임아웃이 너무 짧으면 빨리 오는 별점까지 잘립니다.',
      'Cutting reviews off takes the reviews off the page: the hop to cut is reviews → ratings. A timeout that is too short cuts the ratings that come quickly too.',
    ),
    budgetMs: 300_000,
    run: async (ctx) => {
      const load = await loadPages(ctx, CONNECTIONS, PAGES_EACH);
      const { stars, 'no-ratings': noRatings, 'no-reviews': noReviews, error } = load.outcomes;
      return {
        pass: noReviews === 0 && error === 0 && stars > 0 && noRatings > 0,
        expected: both(
          `${loadAsStepOne.ko}: 모든 페이지에 리뷰가 있고, 별점이 있는 페이지와 별점만 빠진 페이지가 둘 다 있음`,
          `${loadAsStepOne.en}: reviews on every page, some pages with stars and some with only the ratings missing`,
        ),
        seen: describeLoad(load),
      };
    },
  },
]);
