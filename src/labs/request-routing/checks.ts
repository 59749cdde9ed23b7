import type { RequestRecord } from '../mesh';
import { lastRequest, quoteRequest, requestFacts } from '../grader/requests';
import { both } from '../grader/text';
import { defineChecks, type Bilingual, type CheckContext, type CheckOutcome, type Facts } from '../schema';
import { REVIEWS_VERSIONS, reviewsSubsets } from './subsets';
import { describeTally, OUTCOMES, tallyPages, type ReviewsVersion, type Tally } from '../grader/bookinfo-pages';

/** The last call to reviews as facts named `last…` (`lastStatus`, `lastFlags`, `lastSubset`, `lastRule`). */
function lastCallFacts(call: RequestRecord): Facts {
  const named = Object.entries(requestFacts(call)).map(([name, value]) => [
    `last${name[0]!.toUpperCase()}${name.slice(1)}`,
    value,
  ]);
  return Object.fromEntries(named) as Facts;
}

/**
 * Passes when every page came from `want`; says what was seen either way, and why the last call productpage made
 * to reviews went where it did (the route it took, or what answered it instead), as the request inspector saw it.
 * Facts: `pages`, `matching` (pages from `want`) and the last call's `last…` facts.
 */
async function allFrom(
  ctx: CheckContext,
  tally: Tally,
  want: ReviewsVersion,
  expected: Bilingual,
): Promise<CheckOutcome> {
  const total = OUTCOMES.reduce((sum, outcome) => sum + tally[outcome], 0);
  const counted = describeTally(tally);
  const call = lastRequest(await ctx.cluster(), (record) => /^reviews([.:]|$)/.test(record.authority));
  const facts: Facts = { pages: total, matching: tally[want] };
  if (call === undefined) return { pass: tally[want] === total, expected, seen: counted, facts };
  const quoted = quoteRequest(call);
  return {
    pass: tally[want] === total,
    expected,
    facts: { ...facts, ...lastCallFacts(call) },
    seen: both(
      `${counted.ko}. 마지막 reviews 요청: ${quoted.ko}`,
      `${counted.en}. The last request to reviews: ${quoted.en}`,
    ),
  };
}

/** Ten pages for each of `users`, counted together. */
async function tallyUsers(ctx: CheckContext, users: readonly string[]): Promise<Tally> {
  const total: Tally = { v1: 0, v2: 0, v3: 0, unavailable: 0, error: 0 };
  for (const user of users) {
    const tally = await tallyPages(ctx, 10, user);
    for (const outcome of OUTCOMES) total[outcome] += tally[outcome];
  }
  return total;
}

// Graded by traffic and by what the sidecars were given, never by the YAML's text: any VirtualService that
// routes this way passes (exact or regex match, one VirtualService or several, rules in any order that works).
export default defineChecks([
  {
    id: 'reviews-subsets',
    step: 'name-subsets',
    title: both(
      'productpage의 사이드카가 reviews의 서브셋 v1, v2, v3을 안다',
      'productpage’s sidecar knows reviews’ subsets v1, v2 and v3',
    ),
    hint: both(
      '실습 터미널에서 samples/bookinfo/networking/destination-rule-all.yaml을 kubectl apply -f로 적용하십시오. 이 단계는 여러분의 클러스터에서 채점합니다.',
      'Apply samples/bookinfo/networking/destination-rule-all.yaml with kubectl apply -f in the lab terminal. This step is graded on your own cluster.',
    ),
    run: async (ctx) => {
      const subsets = reviewsSubsets(await ctx.cluster());
      const line = (v: string): string => `${v} → ${subsets.get(v)?.join(', ') ?? '-'}`;
      const pass = REVIEWS_VERSIONS.every((v) => {
        const pods = subsets.get(v) ?? [];
        return pods.length > 0 && pods.every((pod) => pod.startsWith(`reviews-${v}-`));
      });
      const facts = Object.fromEntries(
        REVIEWS_VERSIONS.flatMap((v) => [
          [`${v}Pods`, subsets.get(v)?.length ?? 0],
          [`${v}Pod`, subsets.get(v)?.join(', ') ?? '-'],
        ]),
      );
      return {
        pass,
        facts,
        expected: both(
          '서브셋마다 Envoy 클러스터가 있고, 각각 그 버전의 파드만 담음',
          'an Envoy cluster per subset, each holding only the pods of its version',
        ),
        seen: both(
          `productpage 사이드카의 reviews 서브셋: ${REVIEWS_VERSIONS.map(line).join('; ')}`,
          `reviews subsets in productpage’s sidecar: ${REVIEWS_VERSIONS.map(line).join('; ')}`,
        ),
      };
    },
  },
  {
    id: 'anonymous-all-v1',
    step: 'all-to-v1',
    title: both('로그인하지 않은 요청은 모두 reviews v1으로 간다', 'Requests without login all go to reviews v1'),
    hint: both(
      'reviews에 VirtualService를 만들고, 마지막 규칙(match 없음)의 destination을 host: reviews, subset: v1으로 두십시오.',
      'Create a VirtualService for reviews whose last rule (no match) has destination host: reviews, subset: v1.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyPages(ctx, 30),
        'v1',
        both(
          '인그레스 게이트웨이로 연 /productpage 30번이 모두 reviews v1(별점 없음)',
          'all 30 /productpage loads through the ingress gateway show reviews v1 (no stars)',
        ),
      ),
  },
  {
    id: 'jason-v2',
    step: 'jason-to-v2',
    title: both(
      'jason으로 로그인하면 reviews v2(검은 별)를 본다',
      'Logged in as jason, pages show reviews v2 (black stars)',
    ),
    hint: both(
      'productpage는 로그인한 사용자를 end-user 헤더로 reviews에 전달합니다. reviews VirtualService의 첫 규칙에 match: headers: end-user: exact: jason을 두고 subset v2로 보내십시오. 규칙은 위에서부터 처음 맞는 것이 이깁니다.',
      'productpage forwards the logged-in user to reviews in the end-user header. Put a first rule in the reviews VirtualService with match: headers: end-user: exact: jason routing to subset v2. The first matching rule wins, top to bottom.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyPages(ctx, 20, 'jason'),
        'v2',
        both('jason으로 로그인한 뒤 연 페이지 20번이 모두 reviews v2', 'all 20 pages loaded as jason show reviews v2'),
      ),
  },
  {
    id: 'other-users-v1',
    step: 'jason-to-v2',
    title: both('다른 사용자로 로그인하면 계속 v1을 본다', 'Other logged-in users stay on v1'),
    hint: both(
      'jason 규칙의 조건이 너무 넓지 않은지 확인하십시오. end-user 헤더가 있다는 것만으로, 또는 jason으로 시작한다는 것만으로 v2로 보내면 안 됩니다.',
      'Check that the jason rule is not too broad: having an end-user header, or a name that merely starts with jason, must not send a request to v2.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyUsers(ctx, ['sunny', 'jasonbourne']),
        'v1',
        both(
          'sunny와 jasonbourne으로 로그인해 연 페이지 20번이 모두 reviews v1',
          'all 20 pages loaded as sunny and as jasonbourne show reviews v1',
        ),
      ),
  },
  {
    id: 'qa-accounts-v3',
    step: 'testers-to-v3',
    title: both('-qa로 끝나는 계정은 reviews v3(빨간 별)를 본다', 'Accounts ending in -qa see reviews v3 (red stars)'),
    hint: both(
      '끝나는 글자로 고르는 match는 없으니 regex를 쓰십시오. Istio의 regex는 값 전체와 맞아야 하므로(RE2) "-qa"만으로는 kim-qa에 맞지 않습니다.',
      'No match type picks a value by its ending, so use regex. Istio’s regex must match the whole value (RE2): "-qa" alone does not match kim-qa.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyUsers(ctx, ['kim-qa', 'park-qa']),
        'v3',
        both(
          'kim-qa와 park-qa로 로그인해 연 페이지 20번이 모두 reviews v3',
          'all 20 pages loaded as kim-qa and as park-qa show reviews v3',
        ),
      ),
  },
  {
    id: 'qa-lookalikes-v1',
    step: 'testers-to-v3',
    title: both('-qa로 끝나지 않는 계정은 v3으로 가지 않는다', 'Accounts that do not end in -qa are not sent to v3'),
    hint: both(
      'QA 규칙이 너무 넓지 않은지 확인하십시오. qa로 시작하거나 하이픈 없이 qa로 끝나는 이름은 QA 계정이 아닙니다.',
      'Check that the QA rule is not too broad: a name that starts with qa, or ends in qa without the hyphen, is not a QA account.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyUsers(ctx, ['qa-lead', 'kimqa']),
        'v1',
        both(
          'qa-lead와 kimqa로 로그인해 연 페이지 20번이 모두 reviews v1',
          'all 20 pages loaded as qa-lead and as kimqa show reviews v1',
        ),
      ),
  },
  {
    id: 'kate-no-reviews',
    step: 'break-it',
    title: both(
      'kate의 페이지는 열리지만 리뷰가 없다(없는 서브셋 v4)',
      'kate’s pages load, without reviews (subset v4 does not exist)',
    ),
    hint: both(
      'kate의 요청을 reviews의 서브셋 v4로 보내는 규칙을 catch-all 규칙보다 위에 두십시오. v4는 어느 DestinationRule에도 없습니다.',
      'Add a rule above the catch-all that sends kate’s requests to subset v4 of reviews. No DestinationRule defines v4.',
    ),
    run: async (ctx) =>
      allFrom(
        ctx,
        await tallyPages(ctx, 10, 'kate'),
        'unavailable',
        both('kate로 로그인해 연 페이지 10번 모두 리뷰 없이 열림', 'all 10 pages loaded as kate show no reviews'),
      ),
  },
]);
