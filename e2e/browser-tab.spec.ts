// The workbench's browser tab: Bookinfo's productpage through the ingress gateway's load-balancer host name, as
// a learner opens it on NKS; "Sign in" as jason through the session cookie; links, history and errors; and
// nothing from the page runs or reaches the real network.
import { expect, test, type Page } from '@playwright/test';
import { openLab, runInTerminal, watchPage, type Locale } from './lab-helpers';

const WORDS = {
  en: {
    tab: 'Browser',
    address: 'Address',
    back: 'Back',
    forward: 'Forward',
    reload: 'Reload',
    cannotReach: "This site can't be reached",
    variable: 'The address holds a shell variable',
  },
  ko: {
    tab: '브라우저',
    address: '주소',
    back: '뒤로',
    forward: '앞으로',
    reload: '새로고침',
    cannotReach: '사이트에 연결할 수 없습니다',
    variable: '주소에 셸 변수가 있습니다',
  },
} as const;

const GATEWAY =
  "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')";

function browser(page: Page, locale: Locale) {
  const panel = page.locator('[data-browser]');
  return {
    panel,
    address: panel.getByRole('textbox', { name: WORDS[locale].address }),
    view: panel.locator('[data-browser-page]'),
    status: panel.locator('[data-browser-status]'),
  };
}

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: xdg-open shows productpage through the gateway, and "Sign in" as jason works by its cookie`, async ({
    page,
  }) => {
    const clean = watchPage(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await openLab(page, locale, 'request-routing');
    await runInTerminal(page, locale, GATEWAY);
    await runInTerminal(
      page,
      locale,
      'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml',
    );
    await runInTerminal(page, locale, 'xdg-open http://$GATEWAY_URL/productpage');

    const tab = page.getByRole('tab', { name: WORDS[locale].tab });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const { panel, address, view, status } = browser(page, locale);
    await expect(view).toContainText('The Comedy of Errors');
    await expect(address).toHaveValue(/^http:\/\/[a-z0-9.-]*[a-z][a-z0-9.-]*\/productpage$/);
    expect(await address.inputValue()).not.toMatch(/^http:\/\/\d/);
    await expect(status).toContainText('HTTP 200');
    await expect(view.locator('font[color="black"]')).toHaveCount(0);

    // The page's scripts never ran ($ would be undefined: a console error) and its script files were never asked for.
    expect(requests.filter((path) => path.includes('/static/'))).toEqual([]);

    await view.getByRole('button', { name: 'Sign in' }).click();
    await view.getByPlaceholder('User Name').fill('jason');
    await view.locator('form[name="login_form"]').getByRole('button', { name: 'Sign in' }).click();
    await expect(view).toContainText('jason');
    await expect(view.locator('font[color="black"]').first()).toBeVisible();
    await expect(address).toHaveValue(/\/productpage$/);

    // Reload keeps the session (the cookie); sign out forgets it; Back returns to the signed-in address.
    await page.getByRole('button', { name: WORDS[locale].reload }).click();
    await expect(view.locator('font[color="black"]').first()).toBeVisible();
    await view.getByRole('link', { name: 'sign out' }).click();
    await expect(view.getByRole('button', { name: 'Sign in' })).toBeVisible();

    // A link out of the cluster (Wikipedia) stays in the tab, which reaches nothing outside the simulation.
    await view.getByRole('link', { name: 'Wikipedia Summary' }).click();
    await expect(view).toContainText(WORDS[locale].cannotReach);
    await expect(view).toContainText('ERR_NAME_NOT_RESOLVED');
    await page.getByRole('button', { name: WORDS[locale].back }).click();
    await expect(view).toContainText('The Comedy of Errors');
    await page.getByRole('button', { name: WORDS[locale].forward }).click();
    await expect(view).toContainText('ERR_NAME_NOT_RESOLVED');

    // Cluster names resolve only inside the cluster; a shell variable means nothing to a browser.
    await address.fill('productpage:9080/productpage');
    await address.press('Enter');
    await expect(view).toContainText('ERR_NAME_NOT_RESOLVED');
    await expect(view).toContainText('productpage');
    await address.fill('http://$GATEWAY_URL/productpage');
    await address.press('Enter');
    await expect(view).toContainText(WORDS[locale].variable);
    // An address typed while another still loads wins: the page that arrives late does not replace it.
    await address.fill('http://productpage:9080/late');
    await address.press('Enter');
    await address.fill('http://$GATEWAY_URL/productpage');
    await address.press('Enter');
    await expect(panel).not.toHaveAttribute('aria-busy', 'true');
    await expect(view).toContainText(WORDS[locale].variable);
    clean();
  });
}
