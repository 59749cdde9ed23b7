import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { TEXT, openLab, replaceEditorText, runInTerminal, watchPage, type Locale } from './lab-helpers';

// The lab page's layout at a laptop's size (1440×900) and a phone's (390×844), in both languages: the mesh
// graph fits its panel with Bookinfo traffic, its labels and the checks panel stay on screen, marks are
// drawn (no emoji), the diff is labelled and reads from the learner's file to the solution, and the phone
// keeps the site menu, the language and the theme switch.

const WORDS = {
  en: {
    graphRegion: 'Service mesh topology',
    diff: 'Diff with solution',
    diffRegion: 'Diff: your file and the solution',
    yours: 'Yours',
    solution: 'Solution (read-only)',
    menu: 'Menu',
    theme: 'Select theme',
    language: 'Select language',
    otherLanguage: '한국어',
    fail: 'fail',
  },
  ko: {
    graphRegion: '서비스 메시 토폴로지',
    diff: '정답과 비교',
    diffRegion: '비교: 내 파일과 정답',
    yours: '내 파일',
    solution: '정답 (읽기 전용)',
    menu: '메뉴',
    theme: '테마 선택',
    language: '언어 선택',
    otherLanguage: 'English',
    fail: '실패',
  },
} as const;

/** Emoji, and the symbol glyphs the page used to draw marks with (they depend on the machine's fonts). */
const PICTOGRAPH = /[\p{Extended_Pictographic}✓✗⊘]/u;

/** Bookinfo traffic through the ingress gateway, as the lab's steps send it; waits until the graph has it. */
async function sendBookinfoTraffic(page: Page, locale: Locale) {
  await runInTerminal(
    page,
    locale,
    "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
  );
  const terminal = await runInTerminal(
    page,
    locale,
    'for i in $(seq 1 20); do curl -s -o /dev/null http://$GATEWAY_URL/productpage; done; echo traffic-sent',
  );
  // The command line, then what it printed when the loop was done.
  await expect(terminal).toContainText(/traffic-sent[\s\S]*traffic-sent/, { timeout: 20_000 });
  await page.getByRole('tab', { name: TEXT[locale].graph }).click();
  const graph = page.getByRole('region', { name: WORDS[locale].graphRegion });
  // Every hop of the product page's calls, ratings included (reviews v2 and v3 call it).
  const rows = graph.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'istio-ingressgateway' }).filter({ hasText: 'productpage v1' })).toHaveCount(1, {
    timeout: 10_000,
  });
  await expect(rows.filter({ hasText: 'ratings v1' }).first()).toBeVisible();
  return graph;
}

/** Where everything is, read in one go (the graph is drawn again every second). */
function measureLayout(page: Page) {
  return page.evaluate(() => {
    const rect = (element: Element) => element.getBoundingClientRect().toJSON() as DOMRect;
    const panel = document.querySelector('[data-graph]')!;
    const svg = panel.querySelector('svg.graph-svg');
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      clientWidth: document.scrollingElement!.clientWidth,
      panel: rect(panel),
      checks: rect(document.querySelector('.lab-checks')!),
      labels: svg
        ? [...svg.querySelectorAll('text, svg.icon')].map((label) => ({ text: label.textContent, box: rect(label) }))
        : [],
      // Each node's words against its own box: a name longer than the box would be cut by the next node.
      nodes: svg
        ? [...svg.querySelectorAll('.graph-node')].map((node) => ({
            box: rect(node.querySelector('rect')!),
            texts: [...node.querySelectorAll('text')].map((text) => ({ text: text.textContent, box: rect(text) })),
          }))
        : [],
      marks: svg ? svg.querySelectorAll('svg.icon-lock').length : 0,
      words: panel.textContent ?? '',
    };
  });
}

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.bottom <= outer.bottom + 0.5;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale} 1440×900: with Bookinfo traffic the graph fits its panel, labels whole, checks on screen, no emoji`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openLab(page, locale, 'request-routing');
    const graph = await sendBookinfoTraffic(page, locale);
    await expect(graph.locator('svg.graph-svg')).toBeVisible();

    const layout = await measureLayout(page);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.checks.left).toBeGreaterThanOrEqual(0);
    expect(layout.checks.right).toBeLessThanOrEqual(1440);
    expect(layout.checks.bottom).toBeLessThanOrEqual(900);
    expect(layout.labels.length).toBeGreaterThan(0);
    for (const label of layout.labels)
      expect(inside(label.box, layout.panel), `${label.text} inside the panel`).toBe(true);
    for (const node of layout.nodes)
      for (const text of node.texts) expect(inside(text.box, node.box), `${text.text} inside its node`).toBe(true);
    // mTLS is drawn as a padlock, and the legend says what the padlock means.
    expect(layout.marks).toBeGreaterThan(0);
    await expect(graph.getByRole('list', { name: locale === 'en' ? 'Legend' : '범례' })).toContainText('mTLS');
    expect(layout.words).not.toMatch(PICTOGRAPH);

    // The checks panel's marks are drawn too: step 1 is not done yet, so its check fails.
    const checks = page.getByRole('region', { name: TEXT[locale].checks });
    await page.getByRole('button', { name: TEXT[locale].check, exact: true }).click();
    await expect(checks).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
    const badge = checks.locator('.check .badge').first();
    await expect(badge).toContainText(WORDS[locale].fail);
    await expect(badge.locator('svg.icon-fail')).toHaveCount(1);
    expect(await checks.textContent()).not.toMatch(PICTOGRAPH);
    // Marks, legend and table as axe-core reads them.
    const results = await new AxeBuilder({ page }).include('[data-graph]').include('.lab-checks').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    assertClean();
  });

  test(`${locale}: the diff is labelled, your file on the left and the solution on the right`, async ({ page }) => {
    test.setTimeout(60_000);
    const assertClean = watchPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openLab(page, locale, 'request-routing');
    await replaceEditorText(
      page,
      locale,
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews-mine
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
`,
    );
    await page.getByRole('button', { name: WORDS[locale].diff }).click();
    const region = page.getByRole('region', { name: WORDS[locale].diffRegion });
    await expect(region).toBeVisible();
    const yours = region.locator('.diff-side').filter({ hasText: WORDS[locale].yours });
    const solution = region.locator('.diff-side').filter({ hasText: WORDS[locale].solution });
    await expect(yours).toBeVisible();
    await expect(solution).toBeVisible();
    const [yoursBox, solutionBox] = [await yours.boundingBox(), await solution.boundingBox()];
    expect(yoursBox!.x).toBeLessThan(solutionBox!.x);

    // Monaco's two sides: the left is the learner's file as it is, the right the solution.
    const left = region.locator('.editor.original');
    const right = region.locator('.editor.modified');
    await expect(left).toContainText('name: reviews-mine');
    await expect(right).not.toContainText('reviews-mine');
    await expect(right).toContainText(/name:\s\S+/);
    expect((await left.boundingBox())!.x).toBeLessThan((await right.boundingBox())!.x);
    // Each label sits over its side.
    expect(yoursBox!.x).toBeLessThan((await right.boundingBox())!.x);
    expect(solutionBox!.x).toBeGreaterThanOrEqual((await right.boundingBox())!.x - 40);

    // The learner's side is still their file: typing there changes it; the solution's side is read-only.
    await left.locator('.view-line').first().click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('# edited in the diff\n');
    await expect(left).toContainText('# edited in the diff');
    await right.locator('.view-line').first().click();
    await page.keyboard.type('nope');
    await expect(right).not.toContainText('nope');
    // (Back on the learner's side, where Monaco's "read-only" message does not take the Escape.)
    await left.locator('.view-line').first().click();
    await page.keyboard.press('Escape');
    await expect(region).toHaveCount(0);
    await expect(page.getByRole('region', { name: TEXT[locale].editor })).toContainText('# edited in the diff');
    assertClean();
  });

  test(`${locale} 390×844: menu, language and theme switch reachable; nothing wider than the screen`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await openLab(page, locale, 'request-routing');
    await sendBookinfoTraffic(page, locale);
    const layout = await measureLayout(page);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    for (const label of layout.labels) expect(label.box.right, `${label.text} on screen`).toBeLessThanOrEqual(390);

    const menu = page.getByRole('button', { name: WORDS[locale].menu });
    await expect(menu).toBeInViewport();
    await menu.click();
    const nav = page.getByRole('navigation', { name: locale === 'en' ? 'Main' : '메인' });
    // The site menu, open at this lab's entry.
    await expect(nav.locator('a[data-lab-id="request-routing"]')).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('a[data-lab-id="request-routing"]')).toBeVisible();
    // At the foot of the menu, under every lesson and lab: reachable by scrolling the menu, as a thumb would.
    const theme = nav.getByRole('combobox', { name: WORDS[locale].theme });
    await theme.scrollIntoViewIfNeeded();
    await expect(theme).toBeInViewport();
    await theme.selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const language = nav.getByRole('combobox', { name: WORDS[locale].language });
    await language.scrollIntoViewIfNeeded();
    await expect(language).toBeInViewport();
    await language.selectOption({ label: WORDS[locale].otherLanguage });
    await expect(page).toHaveURL(new RegExp(`/${locale === 'en' ? 'ko' : 'en'}/labs/request-routing/`));
    assertClean();
  });
}
