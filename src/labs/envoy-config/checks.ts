import { both } from '../grader/text';
import { defineChecks, type Bilingual, type CheckContext, type CheckOutcome } from '../schema';
import { ask, describeAnswer, envoyState, type Answer } from './traffic';

type Want = Answer['by'] | 'through-envoy';

/** `through-envoy`: any HTTP answer that came through Envoy, whether Envoy made it or a backend did. */
const answers = (answer: Answer, want: Want): boolean =>
  want === 'through-envoy'
    ? answer.by === 'envoy' || answer.by === 'catalog' || answer.by === 'storefront'
    : answer.by === want;

/**
 * Sends each path through front-envoy and passes when every one was answered as wanted; says who answered each,
 * and, when Envoy answered nothing at all, what its pod and its log say.
 */
async function routed(
  ctx: CheckContext,
  want: Readonly<Record<string, Want>>,
  expected: Bilingual,
): Promise<CheckOutcome> {
  const seen: Bilingual[] = [];
  let pass = true;
  let silent = false;
  for (const [path, who] of Object.entries(want)) {
    const answer = await ask(ctx, path);
    seen.push(describeAnswer(path, answer));
    pass &&= answers(answer, who);
    silent ||= answer.by === 'nobody';
  }
  if (silent) seen.push(await envoyState(ctx));
  return {
    pass,
    expected,
    seen: both(seen.map((s) => s.ko).join('; '), seen.map((s) => s.en).join('; ')),
  };
}

// Graded by where requests went, never by the YAML's text: any listener port name, route names, match kinds or
// cluster types that route this way pass.
export default defineChecks([
  {
    id: 'listener-answers',
    step: 'listener',
    title: both('front-envoy의 리스너가 HTTP로 답한다', 'front-envoy’s listener answers HTTP'),
    hint: both(
      'static_resources.listeners에 10000 포트 리스너를 두고, http_connection_manager의 route_config에 prefix: / 와 direct_response(status: 200)가 있는 라우트를 하나 두십시오. http_filters의 마지막은 router여야 합니다.',
      'Put a listener on port 10000 under static_resources.listeners, and in its http_connection_manager’s route_config one route with prefix: / and a direct_response (status: 200). The last of http_filters must be the router.',
    ),
    run: (ctx) =>
      routed(
        ctx,
        { '/': 'through-envoy', '/anything/at/all': 'through-envoy' },
        both(
          '/ 와 /anything/at/all 모두 Envoy를 거쳐 HTTP 응답을 받음(이 단계에서는 Envoy가 직접 답함)',
          'both / and /anything/at/all get an HTTP answer through Envoy (in this step, from Envoy itself)',
        ),
      ),
  },
  {
    id: 'everything-to-storefront',
    step: 'one-cluster',
    title: both('모든 요청이 storefront 클러스터로 간다', 'Every request goes to the storefront cluster'),
    hint: both(
      'clusters에 storefront를 추가하십시오. 주소가 IP가 아니라 서비스 이름(storefront)이므로 type은 STRICT_DNS(또는 LOGICAL_DNS)여야 하고, 포트는 8080입니다. 라우트의 direct_response를 route: { cluster: storefront }로 바꾸십시오.',
      'Add storefront under clusters. Its address is a Service name (storefront), not an IP, so its type must be STRICT_DNS (or LOGICAL_DNS); the port is 8080. Replace the route’s direct_response with route: { cluster: storefront }.',
    ),
    run: (ctx) =>
      routed(
        ctx,
        { '/': 'storefront', '/books/42': 'storefront' },
        both('/ 와 /books/42 모두 storefront가 답함', 'storefront answers both / and /books/42'),
      ),
  },
  {
    id: 'api-to-catalog',
    step: 'split',
    title: both('/api와 /api/ 아래 경로는 catalog가 답한다', '/api and the paths under /api/ are answered by catalog'),
    hint: both(
      'catalog 클러스터(catalog:8080)를 추가하고, storefront로 가는 라우트보다 위에 catalog로 가는 라우트를 두십시오. 라우트는 위에서부터 보고 처음 맞는 것이 적용됩니다.',
      'Add a catalog cluster (catalog:8080) and put a route to it above the route to storefront. Routes are tried top to bottom; the first match wins.',
    ),
    run: (ctx) =>
      routed(
        ctx,
        { '/api': 'catalog', '/api/': 'catalog', '/api/books/42': 'catalog' },
        both('/api, /api/, /api/books/42 모두 catalog가 답함', 'catalog answers /api, /api/ and /api/books/42'),
      ),
  },
  {
    id: 'lookalikes-to-storefront',
    step: 'split',
    title: both(
      '/apiary 같은 비슷한 경로와 나머지는 storefront가 답한다',
      'Lookalikes such as /apiary, and the rest, go to storefront',
    ),
    hint: both(
      'prefix: /api는 글자 단위 접두사라서 /apiary에도 맞습니다. /api 자체는 path(정확히 일치)로, 그 아래는 prefix: /api/로 나누어 보십시오.',
      'prefix: /api matches characters, so /apiary matches it too. Match /api itself with path (exact), and what is under it with prefix: /api/.',
    ),
    run: (ctx) =>
      routed(
        ctx,
        { '/apiary': 'storefront', '/': 'storefront', '/cart': 'storefront' },
        both('/apiary, /, /cart 모두 storefront가 답함', 'storefront answers /apiary, / and /cart'),
      ),
  },
]);
