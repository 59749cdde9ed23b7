import { both } from '../grader/text';
import { defineChecks } from '../schema';
import { graded } from '../grader/mismatch';
import { callGateway, callProductpage, describeTally, productpageHeaders, sleep } from './traffic';

/** The twist on the istio.io task (4 per 60 s): productpage lets 5 requests through every 30 seconds. */
const PAGE_BURST = 5;
const PAGE_INTERVAL_S = 30;
/**
 * Envoy's bucket has no fill timer: tokens flow back continuously at tokens_per_fill / fill_interval, so an
 * empty productpage bucket regains one token every 6 s. Two tokens' time after the burst exactly two calls
 * pass; one interval later the bucket holds its 5 again, never more.
 */
const TOKEN_EVERY_S = PAGE_INTERVAL_S / PAGE_BURST;
const BACK_EARLY = 2;
const EARLY_S = BACK_EARLY * TOKEN_EVERY_S;
/** The API route at the gateway: 3 per minute, while the page routes beside it are not limited there. */
const API_BURST = 3;

// Graded by the status codes of the checks' own traffic, never by the YAML: any EnvoyFilter (filter-level or
// per-route bucket, any namespace that reaches the workload) that lets these numbers through passes.
export default defineChecks([
  {
    id: 'five-then-429',
    step: 'limit-productpage',
    title: both(
      `productpage는 연달아 온 요청 중 ${PAGE_BURST}개를 받고 나머지에 429로 답한다`,
      `productpage takes ${PAGE_BURST} requests in a row and answers the rest with 429`,
    ),
    hint: both(
      `istio.io 과제의 EnvoyFilter에서 token_bucket의 max_tokens가 한 번에 통과하는 요청 수입니다. ${PAGE_BURST}로 두고, filter_enabled와 filter_enforced가 모두 100%인지 보십시오. 둘 중 하나라도 없으면 Envoy는 아무것도 거절하지 않습니다.`,
      `In the istio.io task's EnvoyFilter, token_bucket's max_tokens is how many requests get through at once. Set it to ${PAGE_BURST}, and check that filter_enabled and filter_enforced are both 100%: without either, Envoy refuses nothing.`,
    ),
    run: (ctx) =>
      graded(async () => {
        const burst = await callProductpage(ctx, PAGE_BURST + 2);
        return {
          pass: burst.ok === PAGE_BURST && burst.limited === 2,
          expected: both(
            `ratings에서 productpage로 연달아 ${PAGE_BURST + 2}번: 200 ${PAGE_BURST}번, 429 2번`,
            `${PAGE_BURST + 2} calls in a row from ratings to productpage: 200 × ${PAGE_BURST}, 429 × 2`,
          ),
          seen: describeTally(both('연달아', 'In a row'), burst),
          facts: { calls: PAGE_BURST + 2, ok: burst.ok, limited: burst.limited },
        };
      }),
  },
  {
    id: 'refusal-says-so',
    step: 'limit-productpage',
    title: both(
      '거절된 응답에 x-local-rate-limit: true 헤더가 붙는다',
      'A refused response carries the header x-local-rate-limit: true',
    ),
    hint: both(
      'response_headers_to_add에 key x-local-rate-limit, value true인 헤더를 넣으십시오. 이 헤더는 Envoy가 직접 거절한 응답에만 붙습니다.',
      'Put a header with key x-local-rate-limit and value true under response_headers_to_add. Envoy adds it only to the responses it refused itself.',
    ),
    run: (ctx) =>
      graded(async () => {
        await callProductpage(ctx, PAGE_BURST);
        const headers = await productpageHeaders(ctx);
        const status = /^HTTP\/[\d.]+ (\d+)/.exec(headers)?.[1] ?? '-';
        const marked = /^x-local-rate-limit:\s*true\s*$/im.test(headers);
        return {
          pass: status === '429' && marked,
          expected: both(
            '버킷이 빈 뒤의 요청: 429, 헤더 x-local-rate-limit: true',
            'a call once the bucket is empty: 429 with x-local-rate-limit: true',
          ),
          seen: both(
            `상태 ${status}, x-local-rate-limit 헤더 ${marked ? '있음' : '없음'}`,
            `status ${status}, x-local-rate-limit header ${marked ? 'present' : 'missing'}`,
          ),
        };
      }),
  },
  {
    id: 'refills-every-30s',
    step: 'limit-productpage',
    title: both(
      `빈 버킷에는 ${TOKEN_EVERY_S}초마다 토큰이 하나씩 돌아와 ${EARLY_S}초 뒤에는 ${BACK_EARLY}개가 통과하고, ${PAGE_INTERVAL_S}초가 더 지나면 다시 ${PAGE_BURST}개(그 이상은 아님)를 받는다`,
      `An empty bucket gets a token back every ${TOKEN_EVERY_S} s: ${BACK_EARLY} pass after ${EARLY_S} s, and ${PAGE_INTERVAL_S} s later it takes ${PAGE_BURST} again, no more`,
    ),
    hint: both(
      `Envoy는 tokens_per_fill / fill_interval의 속도로 토큰을 조금씩 계속 채웁니다. ${PAGE_INTERVAL_S}초에 ${PAGE_BURST}개(tokens_per_fill ${PAGE_BURST}, fill_interval ${PAGE_INTERVAL_S}s)면 ${TOKEN_EVERY_S}초에 하나이고, max_tokens ${PAGE_BURST}가 버킷이 담을 수 있는 한도입니다. 너무 빨리 돌아오면 간격이 짧거나 tokens_per_fill이 큰 것이고, 너무 느리면 그 반대입니다.`,
      `Envoy refills continuously at tokens_per_fill / fill_interval. ${PAGE_BURST} per ${PAGE_INTERVAL_S} s (tokens_per_fill ${PAGE_BURST}, fill_interval ${PAGE_INTERVAL_S}s) is one every ${TOKEN_EVERY_S} s, and max_tokens ${PAGE_BURST} caps what the bucket holds. Tokens back too soon: the interval is too short or tokens_per_fill too big; too late: the other way round.`,
    ),
    budgetMs: 60_000,
    run: (ctx) =>
      graded(async () => {
        await callProductpage(ctx, PAGE_BURST + 1);
        await sleep(ctx, EARLY_S);
        const early = await callProductpage(ctx, BACK_EARLY + 1);
        await sleep(ctx, PAGE_INTERVAL_S);
        const later = await callProductpage(ctx, PAGE_BURST + 1);
        const seenEarly = describeTally(both(`${EARLY_S}초 뒤`, `After ${EARLY_S} s`), early);
        const seenLater = describeTally(both(`그 ${PAGE_INTERVAL_S}초 뒤`, `${PAGE_INTERVAL_S} s later`), later);
        return {
          pass: early.ok === BACK_EARLY && early.limited === 1 && later.ok === PAGE_BURST && later.limited === 1,
          expected: both(
            `${EARLY_S}초 뒤 ${BACK_EARLY + 1}번: 200 ${BACK_EARLY}번, 429 1번. 그 ${PAGE_INTERVAL_S}초 뒤 ${PAGE_BURST + 1}번: 200 ${PAGE_BURST}번, 429 1번`,
            `after ${EARLY_S} s, ${BACK_EARLY + 1} calls: 200 × ${BACK_EARLY}, 429 × 1; ${PAGE_INTERVAL_S} s later, ${PAGE_BURST + 1} calls: 200 × ${PAGE_BURST}, 429 × 1`,
          ),
          seen: both(`${seenEarly.ko}. ${seenLater.ko}`, `${seenEarly.en}. ${seenLater.en}`),
          facts: {
            earlySeconds: EARLY_S,
            earlyCalls: BACK_EARLY + 1,
            earlyOk: early.ok,
            laterSeconds: PAGE_INTERVAL_S,
            laterCalls: PAGE_BURST + 1,
            laterOk: later.ok,
          },
        };
      }),
  },
  {
    id: 'api-three-per-minute',
    step: 'limit-api',
    title: both(
      `게이트웨이를 거친 /api/v1/products는 ${API_BURST}번까지 200, 그다음은 429`,
      `/api/v1/products through the gateway: ${API_BURST} × 200, then 429`,
    ),
    hint: both(
      '경로별 제한은 두 조각입니다. GATEWAY 컨텍스트의 HTTP_FILTER 패치로 local_ratelimit 필터를 체인에 넣고(버킷 없이), HTTP_ROUTE 패치로 API 라우트에만 typed_per_filter_config를 병합합니다. 필터가 체인에 없으면 라우트 설정은 아무 일도 하지 않습니다.',
      'A per-route limit has two pieces: an HTTP_FILTER patch in the GATEWAY context puts the local_ratelimit filter in the chain (without a bucket), and an HTTP_ROUTE patch merges typed_per_filter_config into the API route only. Without the filter in the chain, the route’s config does nothing.',
    ),
    budgetMs: 60_000,
    run: (ctx) =>
      graded(async () => {
        // The checks before may have emptied productpage's own bucket (5 per 30 s): one interval refills it, so
        // what this check counts is the gateway's doing.
        await sleep(ctx, PAGE_INTERVAL_S);
        const api = await callGateway(ctx, '/api/v1/products', API_BURST + 1);
        return {
          pass: api.ok === API_BURST && api.limited === 1,
          expected: both(
            `게이트웨이로 /api/v1/products ${API_BURST + 1}번: 200 ${API_BURST}번, 429 1번`,
            `${API_BURST + 1} calls to /api/v1/products through the gateway: 200 × ${API_BURST}, 429 × 1`,
          ),
          seen: describeTally(both('/api/v1/products', '/api/v1/products'), api),
          facts: { calls: API_BURST + 1, ok: api.ok, limited: api.limited },
        };
      }),
  },
  {
    id: 'pages-not-limited',
    step: 'limit-api',
    title: both(
      'API가 막힌 동안에도 게이트웨이를 거친 /productpage는 200을 받는다',
      'While the API is refused, /productpage through the gateway still gets 200',
    ),
    hint: both(
      '버킷을 HTTP_FILTER의 typed_config에 두면 게이트웨이의 모든 라우트가 버킷 하나를 나눠 씁니다. 버킷은 API 라우트의 typed_per_filter_config에만 두고, 그 라우트에 이름을 붙여 HTTP_ROUTE 패치의 match에서 그 이름을 쓰십시오.',
      'A bucket in the HTTP_FILTER’s typed_config is shared by every route of the gateway. Put the bucket only in the API route’s typed_per_filter_config, give that route a name in the VirtualService, and use that name in the HTTP_ROUTE patch’s match.',
    ),
    run: (ctx) =>
      graded(async () => {
        const pages = await callGateway(ctx, '/productpage', 2);
        return {
          pass: pages.ok === 2,
          expected: both(
            'API 호출 직후 게이트웨이로 /productpage 2번: 모두 200',
            '2 calls to /productpage through the gateway right after the API calls: all 200',
          ),
          seen: describeTally(both('/productpage', '/productpage'), pages),
          facts: { ok: pages.ok },
        };
      }),
  },
]);
