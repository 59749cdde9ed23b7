import { describeTally, type Tally } from '../grader/bookinfo-pages';
import { graded, Mismatch } from '../grader/mismatch';
import { both } from '../grader/text';
import { translateHttpRoutesForHost } from '../mesh';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';
import { firstDifference, labShape, type CompareOptions } from './compare-routes';
import {
  FIRST_MATCH_CASES,
  HEADER_CASES,
  SERVICES,
  TIMEOUT_RETRY_CASES,
  WEIGHT_CASES,
  type HiddenCase,
} from './hidden-cases';
import { learnerTranslate } from './learner-routes';
import { pagesWithLearnerRoutes } from './mesh-routes';

// After a check run, productpage's sidecar in the terminal uses the learner's routes for reviews (see mesh-routes.ts).
export { liveReviewsRoutes as live } from './mesh-routes';

const shortJson = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

/**
 * Translates each hidden case with the learner's code and with istiod's and passes when every one comes out the
 * same; otherwise it names the first case and the first place that differ.
 */
function sameAsIstiod(ctx: CheckContext, cases: readonly HiddenCase[], options: CompareOptions): CheckOutcome {
  const translate = learnerTranslate(() => ctx.load());
  for (const c of cases) {
    const input = { namespace: c.namespace, listenPort: c.listenPort, services: SERVICES, http: c.http };
    const expected = labShape(translateHttpRoutesForHost(input), options);
    const seen = labShape(translate(input), options);
    const d = firstDifference(expected, seen);
    if (d === undefined) continue;
    const rules = shortJson(c.http);
    throw new Mismatch(
      both(
        `숨은 사례 “${c.about.ko}”(네임스페이스 ${c.namespace}, 포트 ${c.listenPort}, http: ${rules})에서 ${d.path} = ${d.expected}`,
        `hidden case “${c.about.en}” (namespace ${c.namespace}, port ${c.listenPort}, http: ${rules}): ${d.path} = ${d.expected}`,
      ),
      both(`${d.path} = ${d.seen}`, `${d.path} = ${d.seen}`),
    );
  }
  return {
    pass: true,
    expected: both(
      `숨은 VirtualService ${cases.length}개를 istiod와 똑같이 번역함`,
      `${cases.length} hidden VirtualServices translated as istiod translates them`,
    ),
    seen: both(
      `${cases.length}개 모두 같음: ${cases.map((c) => c.id).join(', ')}`,
      `all ${cases.length} the same: ${cases.map((c) => c.id).join(', ')}`,
    ),
  };
}

const ANONYMOUS_PAGES = 40;
const QA_USERS = ['qa-lin', 'qa-ops'];

function within(tally: Tally, version: 'v1' | 'v2', share: number, total: number): boolean {
  // 40 pages at 75 % give 30 ± 2.7 (one standard deviation); ± 8 pages catches 50/50 and 100/0 splits alike.
  return Math.abs(tally[version] - share * total) <= 8;
}

export default defineChecks([
  {
    id: 'first-match-paths',
    step: 'first-match',
    title: both(
      '경로 매치마다 라우트를 하나씩 규칙 순서대로 만들고, 모든 요청을 받는 라우트 뒤에는 만들지 않는다',
      'One route per path match, in rule order, and nothing after a catch-all',
    ),
    hint: both(
      '각 규칙의 매치마다 라우트를 하나씩 순서대로 만드십시오(match가 없는 규칙은 prefix "/" 라우트 하나). uri.exact는 path, uri.prefix는 prefix가 됩니다. 헤더 없는 prefix "/" 라우트를 만들었으면 바로 멈추십시오.',
      'Make one route per match of each rule, in order (a rule without match gets one route with prefix "/"). uri.exact becomes path, uri.prefix becomes prefix. Stop right after a route of prefix "/" without headers.',
    ),
    run: (ctx) => graded(async () => sameAsIstiod(ctx, FIRST_MATCH_CASES, { timeouts: false })),
  },
  {
    id: 'weighted-clusters',
    step: 'weights',
    title: both(
      '목적지가 여럿이면 weightedClusters가 되어 가중치대로 나눈다',
      'Several destinations become weightedClusters, by weight',
    ),
    hint: both(
      '목적지가 하나면 가중치와 상관없이 cluster 하나입니다. 여럿이면 weightedClusters.clusters에 { name, weight }를 넣고, 가중치가 0이거나 없는 목적지는 뺍니다. 가중치의 합이 100일 필요는 없습니다.',
      'One destination is a plain cluster, whatever its weight. Several become weightedClusters.clusters of { name, weight }, leaving out any destination whose weight is 0 or missing. The weights need not add up to 100.',
    ),
    run: (ctx) => graded(async () => sameAsIstiod(ctx, WEIGHT_CASES, { timeouts: false })),
  },
  {
    id: 'header-and-regex-matches',
    step: 'header-matches',
    title: both(
      '헤더 매치와 정규식 경로(uri)를 Envoy 라우트의 매치로 번역한다',
      'Header matches and regex paths become Envoy matchers',
    ),
    hint: both(
      'headers의 항목마다 { name: 소문자 이름, stringMatch: { exact | prefix | safeRegex: { regex } } }를 만드십시오. uri.regex는 safeRegex가 됩니다. 헤더가 붙은 prefix "/"나 regex ".*"는 모든 요청을 받는 라우트가 아닙니다.',
      'Each headers entry becomes { name: lower-case name, stringMatch: { exact | prefix | safeRegex: { regex } } }. uri.regex becomes safeRegex. A prefix "/" or regex ".*" with headers is no catch-all.',
    ),
    run: (ctx) => graded(async () => sameAsIstiod(ctx, HEADER_CASES, { timeouts: false })),
  },
  {
    id: 'timeouts-and-retries',
    step: 'timeout-retries',
    title: both(
      '타임아웃과 재시도를 istiod처럼 채운다(없으면 0s와 기본 재시도 정책)',
      'Timeouts and retries as istiod writes them (0s and the default retry policy when absent)',
    ),
    hint: both(
      'timeout이 없으면 "0s", 있으면 초 단위("750ms" → "0.75s")입니다. retries가 없으면 기본 정책(numRetries 2, retryOn "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes")을 넣고, attempts가 0이거나 없으면 retryPolicy를 아예 넣지 않습니다.',
      'No timeout is "0s"; otherwise seconds ("750ms" → "0.75s"). No retries: the default policy (numRetries 2, retryOn "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes"); attempts 0 or missing: no retryPolicy at all.',
    ),
    run: (ctx) => graded(async () => sameAsIstiod(ctx, TIMEOUT_RETRY_CASES, { timeouts: true })),
  },
  {
    id: 'split-for-everyone',
    step: 'in-the-mesh',
    title: both(
      '로그인하지 않은 페이지는 reviews v1과 v2에 3 : 1로 나뉜다',
      'Anonymous pages are split 3 : 1 between reviews v1 and v2',
    ),
    hint: both(
      'reviewsRoutes의 마지막 규칙에 목적지 두 개(서브셋 v1 가중치 75, v2 가중치 25)를 두십시오. 여러분의 translateRoutes가 이 규칙을 weightedClusters로 번역합니다.',
      'Give the last rule of reviewsRoutes two destinations: subset v1 with weight 75, subset v2 with weight 25. Your translateRoutes turns it into weightedClusters.',
    ),
    budgetMs: 300_000,
    run: (ctx) =>
      graded(async () => {
        const tally = await pagesWithLearnerRoutes(ctx, ANONYMOUS_PAGES);
        const pass =
          tally.v3 === 0 &&
          tally.error === 0 &&
          tally.unavailable === 0 &&
          within(tally, 'v1', 0.75, ANONYMOUS_PAGES) &&
          within(tally, 'v2', 0.25, ANONYMOUS_PAGES);
        return {
          pass,
          expected: both(
            `로그인하지 않은 페이지 ${ANONYMOUS_PAGES}개 중 v1 약 30개, v2 약 10개, v3 0개`,
            `of ${ANONYMOUS_PAGES} anonymous pages, about 30 from v1, about 10 from v2, none from v3`,
          ),
          seen: describeTally(tally),
        };
      }),
  },
  {
    id: 'qa-accounts-see-v3',
    step: 'in-the-mesh',
    title: both(
      'qa-로 시작하는 사용자는 언제나 reviews v3을 본다',
      'Users whose name starts with qa- always see reviews v3',
    ),
    hint: both(
      'productpage는 로그인한 사용자를 end-user 헤더로 reviews에 보냅니다. 첫 규칙에 end-user 헤더가 "qa-"로 시작하는지 보는 prefix 매치를 두고 서브셋 v3으로 보내십시오. jason 같은 다른 사용자는 나누는 규칙으로 넘어가야 합니다.',
      'productpage sends the logged-in user to reviews in the end-user header. Give the first rule a match on end-user with prefix "qa-" and send it to subset v3. Other users, such as jason, must fall through to the split.',
    ),
    budgetMs: 300_000,
    run: (ctx) =>
      graded(async () => {
        let qa: Tally = { v1: 0, v2: 0, v3: 0, unavailable: 0, error: 0 };
        for (const user of QA_USERS) {
          const t = await pagesWithLearnerRoutes(ctx, 5, user);
          qa = {
            v1: qa.v1 + t.v1,
            v2: qa.v2 + t.v2,
            v3: qa.v3 + t.v3,
            unavailable: qa.unavailable + t.unavailable,
            error: qa.error + t.error,
          };
        }
        const jason = await pagesWithLearnerRoutes(ctx, 8, 'jason');
        const expected = both(
          `${QA_USERS.join(', ')}의 페이지 10개 모두 v3, jason의 페이지 8개는 v3 아님`,
          `all 10 pages of ${QA_USERS.join(', ')} from v3; none of jason’s 8 pages from v3`,
        );
        const seen = both(
          `QA: ${describeTally(qa).ko}; jason: ${describeTally(jason).ko}`,
          `QA: ${describeTally(qa).en}; jason: ${describeTally(jason).en}`,
        );
        return { pass: qa.v3 === 10 && jason.v3 === 0 && jason.v1 + jason.v2 === 8, expected, seen };
      }),
  },
]);
