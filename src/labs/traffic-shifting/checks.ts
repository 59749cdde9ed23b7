import { describeTally, tallyPages } from '../grader/bookinfo-pages';
import { both } from '../grader/text';
import { defineChecks } from '../schema';
import { pagesSplit } from './page-shares';
import { lastReviewsRoute, lastReviewsSplit } from './route-weights';

/** Enough pages that the ±3σ band of a 20 % share (24–56) stays far from 0 % and from 50 %. */
const SPLIT_PAGES = 200;

// Graded by the pages users get through the ingress gateway, and by the weights productpage's sidecar split them
// by, never by the YAML's text: weights 8/2, 80/20 or 4/1 make the same canary, leaving v3 out is as good as
// weight 0, and any header condition that picks exactly the signed-in users will do.
export default defineChecks([
  {
    id: 'reviews-routed-to-subset',
    step: 'start-on-v1',
    title: both(
      'productpage의 사이드카가 reviews 요청을 VirtualService의 라우트로 서브셋에 보낸다',
      'productpage’s sidecar sends calls to reviews to a subset, by a VirtualService’s route',
    ),
    hint: both(
      '실습 터미널에서 destination-rule-all.yaml과 virtual-service-all-v1.yaml을 차례로 kubectl apply -f로 적용하십시오. 이 단계는 여러분의 클러스터에서 채점합니다.',
      'In the lab terminal, apply destination-rule-all.yaml, then virtual-service-all-v1.yaml, with kubectl apply -f. This step is graded on your own cluster.',
    ),
    run: async (ctx) => {
      const tally = await tallyPages(ctx, 5);
      const route = lastReviewsRoute(await ctx.cluster());
      const described =
        route === undefined
          ? both('reviews 요청 기록 없음', 'no call to reviews recorded')
          : both(
              `VirtualService ${route.virtualService ?? '없음(기본 라우트)'}, 서브셋 ${route.subset ?? '없음'}${route.exists ? '' : ' (클러스터 없음)'}`,
              `VirtualService ${route.virtualService ?? 'none (the default route)'}, subset ${route.subset ?? 'none'}${route.exists ? '' : ' (no such cluster)'}`,
            );
      const counted = describeTally(tally);
      return {
        pass: route?.virtualService === 'default/reviews' && route.subset !== undefined && route.exists,
        facts: {
          pages: tally.v1 + tally.v2 + tally.v3 + tally.unavailable + tally.error,
          v1: tally.v1,
          ...(route?.subset === undefined ? {} : { subset: route.subset }),
        },
        expected: both(
          'reviews 요청이 VirtualService default/reviews의 라우트로, 있는 서브셋 클러스터에 감',
          'calls to reviews take a route of VirtualService default/reviews to an existing subset’s cluster',
        ),
        seen: both(
          `${counted.ko}. 마지막 reviews 요청: ${described.ko}`,
          `${counted.en}. The last call to reviews: ${described.en}`,
        ),
      };
    },
  },
  {
    id: 'canary-share',
    step: 'canary-v2',
    title: both(
      '페이지의 약 20%가 v2, 나머지는 v1, v3은 없다',
      'About 20 % of pages come from v2, the rest from v1, none from v3',
    ),
    hint: both(
      'reviews VirtualService의 규칙 하나에 destination 여러 개를 두고 각각 weight를 주십시오. v1 80, v2 20, v3 0입니다. 검사는 새 클러스터에서 페이지 200개를 열어 셉니다.',
      'Give one rule of the reviews VirtualService several destinations, each with a weight: v1 80, v2 20, v3 0. The check opens 200 pages on a fresh cluster and counts them.',
    ),
    run: (ctx) => pagesSplit(ctx, SPLIT_PAGES, { v1: 80, v2: 20, v3: 0 }),
  },
  {
    id: 'signed-in-half',
    step: 'signed-in-half',
    title: both(
      '로그인한 사용자의 페이지는 v1과 v2가 절반씩 나눈다',
      'Signed-in users’ pages are shared half and half by v1 and v2',
    ),
    hint: both(
      '로그인하면 productpage가 reviews 요청에 end-user 헤더를 붙입니다. 그 헤더가 있는(값은 무엇이든) 요청만 고르는 규칙을 match 없는 규칙 위에 두고, v1 50, v2 50으로 나누십시오.',
      'Once a user signs in, productpage adds the end-user header to its calls to reviews. Above the catch-all rule, add a rule for requests that carry that header, whatever its value, and split them v1 50, v2 50.',
    ),
    run: (ctx) => pagesSplit(ctx, SPLIT_PAGES, { v1: 50, v2: 50, v3: 0 }, ['sunny', 'minho']),
  },
  {
    id: 'anonymous-still-canary',
    step: 'signed-in-half',
    title: both('로그인하지 않은 방문자는 여전히 20% 카나리에 있다', 'Anonymous visitors are still on the 20 % canary'),
    hint: both(
      '새 규칙이 로그인하지 않은 요청까지 고르면 안 됩니다. end-user 헤더가 없는 요청은 match 없는 규칙까지 내려가야 합니다.',
      'The new rule must not catch requests without a login: a request with no end-user header has to fall through to the catch-all rule.',
    ),
    run: (ctx) => pagesSplit(ctx, SPLIT_PAGES, { v1: 80, v2: 20, v3: 0 }),
  },
  {
    id: 'jason-all-v2',
    step: 'jason-all-v2',
    title: both('jason의 페이지는 모두 v2(검은 별)에서 온다', 'All of jason’s pages come from v2 (black stars)'),
    hint: both(
      'jason만 고르는 규칙을 로그인 사용자 규칙보다 위에 두십시오. 규칙은 위에서부터 처음 맞는 것이 이깁니다.',
      'Put a rule for jason alone above the signed-in rule: the first matching rule wins, top to bottom.',
    ),
    run: (ctx) => pagesSplit(ctx, 40, { v1: 0, v2: 100, v3: 0 }, ['jason']),
  },
  {
    id: 'kate-one-to-three',
    step: 'break-it',
    title: both('kate의 페이지는 v1과 v2가 1 대 3으로 나눈다', 'kate’s pages are split one to three by v1 and v2'),
    hint: both(
      'kate만 고르는 규칙을 맨 위에 두고, v1과 v2의 가중치를 1 대 3 비율로 두십시오. 예를 들어 1과 3, 또는 10과 30입니다.',
      'Put a rule for kate alone at the top and give v1 and v2 weights in the ratio one to three, such as 1 and 3, or 10 and 30.',
    ),
    run: (ctx) => pagesSplit(ctx, SPLIT_PAGES, { v1: 25, v2: 75, v3: 0 }, ['kate']),
  },
  {
    id: 'kate-weights-not-100',
    step: 'break-it',
    title: both(
      'kate의 요청을 나눈 가중치의 합이 100이 아니다',
      'The weights kate’s requests were split by do not add up to 100',
    ),
    hint: both(
      '25와 75도 1 대 3이지만 합이 100입니다. 이 도전은 합이 100이 아닌 가중치를 Istio가 어떻게 다루는지 보는 것입니다.',
      '25 and 75 are one to three too, but they add up to 100. This challenge is about what Istio does with weights that do not.',
    ),
    run: async (ctx) => {
      await tallyPages(ctx, 1, 'kate');
      const split = lastReviewsSplit(await ctx.cluster());
      const sum = (split ?? []).reduce((total, w) => total + w.weight, 0);
      const listed = (split ?? []).map((w) => `${w.subset} ${w.weight}`).join(', ') || '-';
      // Each cluster's share as Envoy computes it, weight over the sum, in percent.
      const shares = Object.fromEntries(
        (split ?? []).map((w) => [`${w.subset}Share`, sum === 0 ? 0 : Math.round((w.weight / sum) * 1000) / 10]),
      );
      return {
        pass: split !== undefined && sum !== 100,
        facts: { weights: listed, sum, ...shares },
        expected: both(
          'productpage의 사이드카가 kate의 reviews 요청을 나눈 가중치의 합이 100이 아님',
          'the weights productpage’s sidecar split kate’s call to reviews by add up to something other than 100',
        ),
        seen: both(
          `kate의 마지막 reviews 요청의 가중치: ${listed} (합 ${sum})`,
          `the weights of kate’s last call to reviews: ${listed} (sum ${sum})`,
        ),
      };
    },
  },
]);
