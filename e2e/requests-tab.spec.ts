// The workbench's Requests tab: requests sent from the terminal are listed newest first; the one chosen (by mouse
// or keyboard) shows its path with each proxy's decisions in the page's language and the decision that made the
// answer marked; a decision's object opens in the editor through kubectl edit. It fits a phone's width too.
import { expect, test, type Page } from '@playwright/test';
import { openLab, runInTerminal, TEXT, watchPage, type Locale } from './lab-helpers';

const WORDS = {
  en: {
    tab: 'Requests',
    list: 'Recent requests, newest first',
    detail: 'The chosen request, proxy by proxy',
    why: 'Why',
    deny: 'RBAC DENY: denied by ns[default]-policy[deny-post]-rule[0]: 403 RBAC: access denied',
    abort: 'fault injection aborted the request with 503 (FI)',
    server: 'server sidecar',
    openPolicy: 'Open AuthorizationPolicy default/deny-post',
    openService: 'Open VirtualService default/httpbin',
    cancel: 'Cancel',
  },
  ko: {
    tab: '요청',
    list: '최근 요청(최신순)',
    detail: '고른 요청(프록시별)',
    why: '이유',
    deny: 'RBAC DENY: 거부했습니다 (ns[default]-policy[deny-post]-rule[0]): 403 RBAC: access denied',
    abort: '장애 주입이 요청을 중단시켰습니다: 503 (FI)',
    server: '서버 사이드카',
    openPolicy: 'AuthorizationPolicy default/deny-post 열기',
    openService: 'VirtualService default/httpbin 열기',
    cancel: '취소',
  },
} as const;

const FAULT =
  '{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"httpbin"},"spec":{"hosts":["httpbin"],"http":[{"match":[{"uri":{"prefix":"/status"}}],"fault":{"abort":{"httpStatus":503,"percentage":{"value":100}}},"route":[{"destination":{"host":"httpbin"}}]},{"route":[{"destination":{"host":"httpbin"}}]}]}}';
const DENY_POST =
  '{"apiVersion":"security.istio.io/v1","kind":"AuthorizationPolicy","metadata":{"name":"deny-post"},"spec":{"selector":{"matchLabels":{"app":"httpbin"}},"action":"DENY","rules":[{"to":[{"operation":{"methods":["POST"]}}]}]}}';
const FORTIO = 'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio curl -quiet';

/** A fault abort on httpbin's /status, then a POST that an AuthorizationPolicy denies: two requests, newest last. */
async function abortThenDeny(page: Page, locale: Locale) {
  await runInTerminal(page, locale, `echo '${FAULT}' | kubectl apply -f -`);
  const terminal = await runInTerminal(page, locale, `echo '${DENY_POST}' | kubectl apply -f -`);
  await expect(terminal).toContainText('authorizationpolicy.security.istio.io/deny-post created', { timeout: 15_000 });
  await runInTerminal(page, locale, `${FORTIO} http://httpbin:8000/status/200`);
  await expect(terminal).toContainText('fault filter abort', { timeout: 15_000 });
  await runInTerminal(page, locale, `${FORTIO} -X POST http://httpbin:8000/post`);
  await expect(terminal).toContainText('RBAC: access denied', { timeout: 15_000 });
  return terminal;
}

function requestsTab(page: Page, locale: Locale) {
  const words = WORDS[locale];
  return {
    tab: page.getByRole('tab', { name: words.tab, exact: true }),
    list: page.getByRole('listbox', { name: words.list }),
    detail: page.getByRole('region', { name: words.detail }),
  };
}

for (const locale of ['en', 'ko'] as const satisfies readonly Locale[]) {
  test(`${locale}: an RBAC deny and a fault abort show their decision; the keyboard chooses; the object opens`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const clean = watchPage(page);
    const words = WORDS[locale];
    await openLab(page, locale, 'circuit-breaker');
    const terminal = await abortThenDeny(page, locale);
    const { tab, list, detail } = requestsTab(page, locale);
    await tab.click();
    const options = list.getByRole('option');
    await expect(options).toHaveCount(2);
    await expect(options.nth(0)).toContainText('POST');
    await expect(options.nth(0)).toContainText('403');
    await expect(options.nth(1)).toContainText('/status/200');
    await expect(options.nth(1)).toContainText('503');
    await expect(options.nth(1)).toContainText('FI');

    // The keyboard: the list takes the focus, the arrows choose, the detail follows.
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    const cause = detail.locator('li[data-cause]');
    await expect(cause).toHaveText(new RegExp(`^${words.why} ${escape(words.deny)} ${escape(words.openPolicy)}$`));
    await expect(detail.locator('.lab-requests-verdict')).toContainText(`${words.why}: ${words.deny}`);
    await expect(detail.locator('.lab-requests-hop')).toHaveCount(2);
    await expect(detail.locator('.lab-requests-hop').nth(1)).toContainText(words.server);
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(cause).toContainText(words.abort);
    await expect(detail.locator('.lab-requests-hop')).toHaveCount(1);
    await page.keyboard.press('Home');
    await expect(cause).toContainText(words.deny);
    await page.keyboard.press('End');
    await expect(cause).toContainText(words.abort);

    // The abort's VirtualService opens in an editor tab, by keyboard: Tab past the detail to its button. (The
    // editor shows the top of the file only; the command in the terminal names the object.)
    await page.keyboard.press('Tab');
    await expect(detail).toBeFocused();
    const open = cause.getByRole('button', { name: words.openService });
    await open.focus();
    await page.keyboard.press('Enter');
    const editTab = page.getByRole('tab', { name: /^\/tmp\/kubectl-edit-\d+\.yaml$/ });
    await expect(editTab).toHaveAttribute('aria-selected', 'true');
    const editor = page.getByRole('region', { name: TEXT[locale].editor });
    await expect(editor).toContainText('kind: VirtualService');
    await expect(terminal).toContainText('kubectl edit virtualservice httpbin -n default');
    await page.getByRole('button', { name: words.cancel, exact: true }).click();
    await expect(terminal).toContainText('Edit cancelled, no changes made.');
    await expect(editTab).toHaveCount(0);

    // The policy's button opens the AuthorizationPolicy.
    await tab.click();
    await options.nth(0).click();
    await cause.getByRole('button', { name: words.openPolicy }).click();
    await expect(editor).toContainText('kind: AuthorizationPolicy');
    await expect(terminal).toContainText('kubectl edit authorizationpolicy deny-post -n default');
    await page.getByRole('button', { name: words.cancel, exact: true }).click();
    await expect(terminal).toContainText(/Edit cancelled, no changes made\.[\s\S]*Edit cancelled, no changes made\./);
    clean();
  });
}

test('390×844: the Requests tab fits the screen, list and path alike', async ({ page }) => {
  const clean = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, 'en', 'circuit-breaker');
  await abortThenDeny(page, 'en');
  const { tab, list, detail } = requestsTab(page, 'en');
  await tab.click();
  await list.getByRole('option').first().click();
  await expect(detail.locator('li[data-cause]')).toContainText(WORDS.en.deny);
  const layout = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
    right: Math.max(
      ...[...document.querySelectorAll('[data-requests] li, [data-requests] button, [data-requests] h3')].map(
        (element) => element.getBoundingClientRect().right,
      ),
    ),
  }));
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  expect(layout.right).toBeLessThanOrEqual(390);
  clean();
});

/**
 * httpbin's VirtualService: /delay under a 0.5 s route timeout, /status retried twice on 5xx, /get as is, and
 * nothing else (no route); its DestinationRule lets one request wait for one connection.
 */
const ROUTES =
  '{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"httpbin"},"spec":{"hosts":["httpbin"],"http":[{"match":[{"uri":{"prefix":"/delay"}}],"timeout":"0.5s","route":[{"destination":{"host":"httpbin"}}]},{"match":[{"uri":{"prefix":"/status"}}],"retries":{"attempts":2,"retryOn":"5xx"},"route":[{"destination":{"host":"httpbin"}}]},{"match":[{"uri":{"prefix":"/get"}}],"route":[{"destination":{"host":"httpbin"}}]}]}}';
const POOL =
  '{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"httpbin"},"spec":{"host":"httpbin","trafficPolicy":{"connectionPool":{"tcp":{"maxConnections":1},"http":{"http1MaxPendingRequests":1,"maxRequestsPerConnection":1}}}}}';

test('a route timeout, retries used up, no route and a breaker overflow each show their cause', async ({ page }) => {
  test.setTimeout(120_000);
  const clean = watchPage(page);
  await openLab(page, 'en', 'circuit-breaker');
  await runInTerminal(page, 'en', `echo '${ROUTES}' | kubectl apply -f -`);
  const terminal = await runInTerminal(page, 'en', `echo '${POOL}' | kubectl apply -f -`);
  await expect(terminal).toContainText('destinationrule.networking.istio.io/httpbin created', { timeout: 15_000 });
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/delay/2`);
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/status/503`);
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/headers`);
  await runInTerminal(
    page,
    'en',
    'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 12 -quiet http://httpbin:8000/get',
  );
  await expect(terminal).toContainText('Code 503', { timeout: 30_000 });
  const { tab, list, detail } = requestsTab(page, 'en');
  await tab.click();
  const cause = detail.locator('li[data-cause]');
  const choose = (text: string) => list.getByRole('option').filter({ hasText: text }).first().click();

  await choose('/delay/2');
  await expect(cause).toContainText(/the route timeout of 500 ?ms ran out: 504 UT/);
  await choose('/status/503');
  await expect(detail).toContainText('try 1 →');
  await expect(detail).toContainText('try 3 →');
  await expect(detail).toContainText('not retried: retries used up (URX)');
  await choose('/headers');
  await expect(cause).toContainText(/no route matched in .*: 404 NR/);
  await list.getByRole('option').filter({ hasText: 'UO' }).first().click();
  await expect(cause).toContainText(/the 503 came from the connection-pool breaker: .* of max 1 \(UO\)/);
  clean();
});

/** httpbin split 25/75 between two subsets, and /anything delayed 2 s by a fault. */
const SPLIT_AND_DELAY =
  '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"httpbin"},"spec":{"host":"httpbin","subsets":[{"name":"v1","labels":{"version":"v1"}},{"name":"all","labels":{"app":"httpbin"}}]}},{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"httpbin"},"spec":{"hosts":["httpbin"],"http":[{"match":[{"uri":{"prefix":"/anything"}}],"fault":{"delay":{"fixedDelay":"2s","percentage":{"value":100}}},"route":[{"destination":{"host":"httpbin"}}]},{"route":[{"destination":{"host":"httpbin","subset":"v1"},"weight":25},{"destination":{"host":"httpbin","subset":"all"},"weight":75}]}]}}]}';
/** STRICT mTLS at httpbin while the client's sidecar is told to send plaintext (the split's subsets stay). */
const PLAINTEXT_TO_STRICT =
  '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"security.istio.io/v1","kind":"PeerAuthentication","metadata":{"name":"default"},"spec":{"mtls":{"mode":"STRICT"}}},{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"httpbin"},"spec":{"host":"httpbin","trafficPolicy":{"tls":{"mode":"DISABLE"}},"subsets":[{"name":"v1","labels":{"version":"v1"}},{"name":"all","labels":{"app":"httpbin"}}]}}]}';

test('a weighted split, a fault delay the client gives up on, and an mTLS reset each show their cause', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const clean = watchPage(page);
  await openLab(page, 'en', 'circuit-breaker');
  const terminal = await runInTerminal(page, 'en', `echo '${SPLIT_AND_DELAY}' | kubectl apply -f -`);
  await expect(terminal).toContainText('virtualservice.networking.istio.io/httpbin created', { timeout: 15_000 });
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/get`);
  await runInTerminal(page, 'en', `${FORTIO} -timeout 1s http://httpbin:8000/anything`);
  await runInTerminal(page, 'en', `echo '${PLAINTEXT_TO_STRICT}' | kubectl apply -f -`);
  await expect(terminal).toContainText('peerauthentication.security.istio.io/default created', { timeout: 15_000 });
  await runInTerminal(page, 'en', `sleep 2; ${FORTIO} http://httpbin:8000/headers`);
  await expect(terminal).toContainText('503', { timeout: 15_000 });
  const { tab, list, detail } = requestsTab(page, 'en');
  await tab.click();
  const cause = detail.locator('li[data-cause]');
  const choose = (text: string) => list.getByRole('option').filter({ hasText: text }).first().click();

  await choose('/get');
  await expect(detail).toContainText('drawn from the weighted split [v1 25, all 75]');
  await choose('/anything');
  await expect(detail).toContainText('fault injection delayed the request by 2s (DI)');
  await expect(cause).toContainText('the client gave up before the answer (DC)');
  await choose('/headers');
  await expect(detail).toContainText('connection reset before a response, plaintext');
  clean();
});

/** httpbin checks JWTs from Istio's sample issuer, and lets one request a minute through. */
const JWT =
  '{"apiVersion":"security.istio.io/v1","kind":"RequestAuthentication","metadata":{"name":"jwt"},"spec":{"selector":{"matchLabels":{"app":"httpbin"}},"jwtRules":[{"issuer":"testing@secure.istio.io","jwksUri":"https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json"}]}}';
const ONE_A_MINUTE =
  '{"apiVersion":"networking.istio.io/v1alpha3","kind":"EnvoyFilter","metadata":{"name":"rl","namespace":"istio-system"},"spec":{"workloadSelector":{"labels":{"app":"httpbin"}},"configPatches":[{"applyTo":"HTTP_FILTER","match":{"context":"SIDECAR_INBOUND","listener":{"filterChain":{"filter":{"name":"envoy.filters.network.http_connection_manager"}}}},"patch":{"operation":"INSERT_BEFORE","value":{"name":"envoy.filters.http.local_ratelimit","typed_config":{"@type":"type.googleapis.com/udpa.type.v1.TypedStruct","type_url":"type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit","value":{"stat_prefix":"http_local_rate_limiter","token_bucket":{"max_tokens":1,"tokens_per_fill":1,"fill_interval":"60s"},"filter_enabled":{"runtime_key":"e","default_value":{"numerator":100,"denominator":"HUNDRED"}},"filter_enforced":{"runtime_key":"f","default_value":{"numerator":100,"denominator":"HUNDRED"}}}}}}}]}}';

test('a JWT refused and a local rate limit each show their cause', async ({ page }) => {
  test.setTimeout(120_000);
  const clean = watchPage(page);
  await openLab(page, 'en', 'circuit-breaker');
  await runInTerminal(page, 'en', `echo '${JWT}' | kubectl apply -f -`);
  const terminal = await runInTerminal(page, 'en', `echo '${ONE_A_MINUTE}' | kubectl apply -f -`);
  await expect(terminal).toContainText('envoyfilter.networking.istio.io/rl created', { timeout: 15_000 });
  await runInTerminal(page, 'en', `sleep 2; ${FORTIO} -H "Authorization: Bearer deadbeef" http://httpbin:8000/headers`);
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/get`);
  await expect(terminal).toContainText('429', { timeout: 15_000 });
  const { tab, list, detail } = requestsTab(page, 'en');
  await tab.click();
  const cause = detail.locator('li[data-cause]');
  const choose = (text: string) => list.getByRole('option').filter({ hasText: text }).first().click();

  // The rate limit filter goes first (INSERT_BEFORE with no filter named): the request whose JWT was refused
  // still took the minute's one token, so the next request is limited.
  await choose('/headers');
  await expect(cause).toContainText('JWT refused: ');
  await expect(detail).toContainText('local rate limit: allowed, 0 of 1 tokens left');
  await choose('/get');
  await expect(cause).toContainText('local rate limit: no token left of 1 (refill every 60s): 429 RL');
  clean();
});

/** One 5xx ejects an httpbin pod for three minutes, even the last one. */
const EJECT_ON_FIRST_5XX =
  '{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"httpbin"},"spec":{"host":"httpbin","trafficPolicy":{"outlierDetection":{"consecutive5xxErrors":1,"interval":"1s","baseEjectionTime":"3m","maxEjectionPercent":100}}}}';

test('an outlier ejection shows who is ejected and why nothing was left', async ({ page }) => {
  test.setTimeout(90_000);
  const clean = watchPage(page);
  await openLab(page, 'en', 'circuit-breaker');
  const terminal = await runInTerminal(page, 'en', `echo '${EJECT_ON_FIRST_5XX}' | kubectl apply -f -`);
  await expect(terminal).toContainText('destinationrule.networking.istio.io/httpbin created', { timeout: 15_000 });
  await runInTerminal(page, 'en', `sleep 2; ${FORTIO} http://httpbin:8000/status/500`);
  await runInTerminal(page, 'en', `${FORTIO} http://httpbin:8000/get`);
  await expect(terminal).toContainText('503', { timeout: 15_000 });
  const { tab, list, detail } = requestsTab(page, 'en');
  await tab.click();
  await list.getByRole('option').filter({ hasText: '/get' }).first().click();
  await expect(detail.locator('li[data-cause]')).toContainText(
    /no healthy endpoint: 0 of 1 healthy \(503 UH\); ejected by outlier detection: /,
  );
  clean();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
