import { both } from '../grader/text';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';
import { allAsWanted, describeCalls, describeWanted, matrixFacts, sendCalls, type Call } from './calls';
import { describePages, openPages, pageFacts } from './pages';
import { inboundRbacActions } from './sidecar-rbac';

const svc = (service: string, path: string): string => `http://${service}:9080${path}`;
const outside = (path: string): string => `http://gateway${path}`;

/** Grades one matrix of calls: passes when every call was refused or let through as wanted. */
async function matrix(ctx: CheckContext, calls: readonly Call[]): Promise<CheckOutcome> {
  const results = await sendCalls(ctx, calls);
  return {
    pass: allAsWanted(results),
    facts: matrixFacts(results),
    expected: describeWanted(calls),
    seen: describeCalls(results),
  };
}

// Graded by what each caller's request got, sent from that caller's own pod (its identity) or from outside
// through the gateway, never by the YAML's text: any set of policies that gives this matrix passes (one policy
// or several, `principals` or a `when` on `source.principal`, `methods` or `notMethods`).
export default defineChecks([
  {
    id: 'unlisted-callers-denied',
    step: 'deny-all',
    title: both(
      '어떤 정책도 허용하지 않은 호출은 403 RBAC: access denied를 받는다',
      'A call no policy allows gets 403 RBAC: access denied',
    ),
    hint: both(
      'default 네임스페이스에 selector도 rules도 없는 AuthorizationPolicy(`spec: {}`)를 두십시오. 규칙이 하나도 없는 ALLOW 정책은 아무것도 허용하지 않습니다.',
      'Put an AuthorizationPolicy with neither a selector nor rules (`spec: {}`) in the default namespace. An ALLOW policy without a single rule allows nothing.',
    ),
    run: (ctx) =>
      matrix(ctx, [
        { from: 'ratings', method: 'GET', url: svc('reviews', '/reviews/0'), want: 'denied' },
        { from: 'details', method: 'GET', url: svc('ratings', '/ratings/0'), want: 'denied' },
        { from: 'reviews', method: 'GET', url: svc('details', '/details/0'), want: 'denied' },
      ]),
  },
  {
    id: 'productpage-get-and-login',
    step: 'open-productpage',
    title: both(
      'productpage는 누구의 GET이든 받고, POST는 /login에만 받는다',
      'productpage takes anyone’s GET, and POST only on /login',
    ),
    hint: both(
      'productpage용 ALLOW 정책에 규칙 두 개를 두십시오. 하나는 `methods: ["GET"]`, 다른 하나는 `methods: ["POST"]`와 `paths: ["/login"]`을 한 `operation`에 함께 적습니다. 한 규칙 안의 조건은 모두 맞아야 하고, 규칙끼리는 하나만 맞으면 됩니다.',
      'Give productpage’s ALLOW policy two rules: one with `methods: ["GET"]`, the other with `methods: ["POST"]` and `paths: ["/login"]` in the same `operation`. Conditions within a rule must all match; of the rules, one is enough.',
    ),
    run: (ctx) =>
      matrix(ctx, [
        { from: 'gateway', method: 'GET', url: outside('/productpage'), want: 'admitted', fact: 'page' },
        { from: 'gateway', method: 'POST', url: outside('/login'), want: 'admitted', fact: 'login' },
        { from: 'gateway', method: 'POST', url: outside('/productpage'), want: 'denied', fact: 'post' },
        { from: 'reviews', method: 'GET', url: svc('productpage', '/health'), want: 'admitted' },
      ]),
  },
  {
    id: 'details-reviews-productpage-only',
    step: 'details-reviews',
    title: both('details와 reviews는 productpage의 GET만 받는다', 'details and reviews take only productpage’s GETs'),
    hint: both(
      '호출자는 `from.source.principals`로 고릅니다. productpage의 ID는 `cluster.local/ns/default/sa/bookinfo-productpage`입니다. `namespaces: ["default"]`로는 같은 네임스페이스의 reviews와 ratings도 들어옵니다. 메서드는 같은 규칙의 `to.operation.methods`로 제한하십시오.',
      'Choose the caller with `from.source.principals`; productpage’s identity is `cluster.local/ns/default/sa/bookinfo-productpage`. `namespaces: ["default"]` would let reviews and ratings in too, being in the same namespace. Limit the method with `to.operation.methods` in the same rule.',
    ),
    run: (ctx) =>
      matrix(ctx, [
        { from: 'productpage', method: 'GET', url: svc('details', '/details/0'), want: 'admitted', fact: 'details' },
        { from: 'productpage', method: 'POST', url: svc('details', '/details/0'), want: 'denied' },
        { from: 'reviews', method: 'GET', url: svc('details', '/details/0'), want: 'denied' },
        { from: 'productpage', method: 'GET', url: svc('reviews', '/reviews/0'), want: 'admitted' },
        { from: 'productpage', method: 'POST', url: svc('reviews', '/reviews/0'), want: 'denied' },
        { from: 'ratings', method: 'GET', url: svc('reviews', '/reviews/0'), want: 'denied', fact: 'ratings' },
      ]),
  },
  {
    id: 'page-has-details-and-reviews',
    step: 'details-reviews',
    title: both(
      '게이트웨이를 거친 페이지에 Book Details와 Book Reviews가 나온다',
      'The page through the gateway shows Book Details and Book Reviews',
    ),
    hint: both(
      'productpage가 details와 reviews를 부를 수 있어야 페이지의 두 부분이 채워집니다. 두 정책의 selector가 `app: details`, `app: reviews`인지 보십시오.',
      'Both parts of the page fill in only when productpage may call details and reviews. Check that the two policies select `app: details` and `app: reviews`.',
    ),
    run: async (ctx) => {
      const pages = await openPages(ctx, 6);
      return {
        pass: pages.total === 6 && pages.details === 6 && pages.reviews === 6,
        facts: pageFacts(pages),
        expected: both('페이지 6개 모두 Book Details와 Book Reviews', 'all 6 pages with Book Details and Book Reviews'),
        seen: describePages(pages),
      };
    },
  },
  {
    id: 'ratings-reviews-only',
    step: 'ratings-for-reviews',
    title: both('ratings는 reviews의 GET만 받는다', 'ratings takes only reviews’ GETs'),
    hint: both(
      'ratings를 부르는 것은 productpage가 아니라 reviews입니다. reviews 파드의 서비스 계정는 `bookinfo-reviews`입니다.',
      'It is reviews, not productpage, that calls ratings. The reviews pods run as the service account `bookinfo-reviews`.',
    ),
    run: (ctx) =>
      matrix(ctx, [
        { from: 'reviews', method: 'GET', url: svc('ratings', '/ratings/0'), want: 'admitted', fact: 'reviews' },
        { from: 'reviews', method: 'POST', url: svc('ratings', '/ratings/0'), want: 'denied' },
        { from: 'productpage', method: 'GET', url: svc('ratings', '/ratings/0'), want: 'denied', fact: 'productpage' },
      ]),
  },
  {
    id: 'page-has-ratings',
    step: 'ratings-for-reviews',
    title: both(
      '페이지에 "Ratings service is currently unavailable"이 더 나오지 않는다',
      'No page says "Ratings service is currently unavailable" any more',
    ),
    hint: both(
      'reviews v2와 v3만 ratings를 부릅니다. 정책을 적용한 뒤 페이지를 여러 번 열어 별점이 보이는지 확인하십시오.',
      'Only reviews v2 and v3 call ratings. After applying, open the page a few times and look for stars.',
    ),
    run: async (ctx) => {
      const pages = await openPages(ctx, 12);
      return {
        pass: pages.total === 12 && pages.ratingsUnavailable === 0 && pages.stars > 0,
        facts: pageFacts(pages),
        expected: both(
          '페이지 12개 중 ratings 오류 0개, 별점 있는 페이지 1개 이상',
          'of 12 pages, none with the ratings error and at least one with stars',
        ),
        seen: describePages(pages),
      };
    },
  },
  {
    id: 'api-denied-page-allowed',
    step: 'break-it',
    title: both(
      '/api/ 아래 경로는 누구에게나 403이고, 페이지는 여전히 열린다',
      'Paths under /api/ are 403 for everyone, and the page still opens',
    ),
    hint: both(
      'productpage에 `action: DENY` 정책을 하나 더 두고 `to.operation.paths: ["/api/*"]`로 경로를 고르십시오. `from`이 없으면 모든 호출자에게 적용됩니다. productpage-viewer는 그대로 두십시오.',
      'Add one more policy on productpage with `action: DENY` and choose the path with `to.operation.paths: ["/api/*"]`. Without `from` it applies to every caller. Leave productpage-viewer as it is.',
    ),
    run: (ctx) =>
      matrix(ctx, [
        { from: 'gateway', method: 'GET', url: outside('/api/v1/products'), want: 'denied', fact: 'api' },
        { from: 'gateway', method: 'GET', url: outside('/api/v1/products/0/reviews'), want: 'denied' },
        { from: 'reviews', method: 'GET', url: svc('productpage', '/api/v1/products'), want: 'denied', fact: 'inside' },
        { from: 'gateway', method: 'GET', url: outside('/productpage'), want: 'admitted', fact: 'page' },
        { from: 'gateway', method: 'POST', url: outside('/login'), want: 'admitted' },
      ]),
  },
  {
    id: 'deny-beside-allow',
    step: 'break-it',
    title: both(
      'productpage의 사이드카가 DENY와 ALLOW 두 RBAC 규칙을 함께 갖는다',
      'productpage’s sidecar holds both a DENY and an ALLOW RBAC rule set',
    ),
    hint: both(
      'ALLOW 정책을 좁히지 말고 DENY 정책을 따로 더하십시오. 확인: `istioctl proxy-config listeners deploy/productpage-v1 --port 15006 -o json`의 `envoy.filters.http.rbac` 필터들.',
      'Do not narrow the ALLOW policy: add a separate DENY policy. To see: the `envoy.filters.http.rbac` filters in `istioctl proxy-config listeners deploy/productpage-v1 --port 15006 -o json`.',
    ),
    run: async (ctx) => {
      const actions = await inboundRbacActions(ctx, 'productpage-v1', 9080);
      const shown = actions.join(' → ') || '-';
      return {
        pass: actions[0] === 'DENY' && actions.includes('ALLOW'),
        facts: { filters: shown, filterCount: actions.length },
        expected: both('RBAC 필터 순서: DENY → ALLOW', 'RBAC filters in order: DENY → ALLOW'),
        seen: both(
          `productpage 9080 인바운드의 RBAC 필터: ${shown}`,
          `RBAC filters on productpage’s inbound 9080: ${shown}`,
        ),
      };
    },
  },
]);
