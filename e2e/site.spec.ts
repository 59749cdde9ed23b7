import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchPage } from './watch-page';

const LESSON = { ko: '/ko/part-1/why-service-mesh/', en: '/en/part-1/why-service-mesh/' };

/** Every lesson page (`lesson:` in its frontmatter) and every part's overview, as `part-n/slug/` paths. */
const LESSON_PATHS = readdirSync('content/ko', { recursive: true, encoding: 'utf8' })
  .filter((file) => /^part-\d+\/.+\.mdx$/.test(file))
  .filter((file) => file.endsWith('index.mdx') || /^lesson:/m.test(readFileSync(`content/ko/${file}`, 'utf8')))
  .map((file) => `${file.replace(/(index)?\.mdx$/, '').replace(/\/$/, '')}/`)
  .sort();

test.describe('home', () => {
  for (const [locale, title] of [
    ['ko', 'Istio로 배우는 서비스 메시'],
    ['en', 'Learn service mesh with Istio'],
  ] as const) {
    test(`the ${locale} home page renders in its language with no outside request and no error`, async ({ page }) => {
      const assertClean = watchPage(page);
      await page.goto(`/${locale}/`);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page).toHaveTitle(new RegExp(title));
      await expect(
        page
          .getByRole('link', {
            name: locale === 'ko' ? /1\.1|왜 서비스 메시인가|시작/ : /1\.1|Why a service mesh|Start/,
          })
          .first(),
      ).toBeVisible();
      assertClean();
    });
  }

  test('/ sends an English-speaking browser to /en/ and a Korean one to /ko/', async ({ browser }) => {
    for (const [locale, expected] of [
      ['en-US', '/en/'],
      ['ko-KR', '/ko/'],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page).toHaveURL(new RegExp(`${expected}$`));
      await context.close();
    }
  });

  test('the static root page picks the language in the browser when no server does', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/index.html');
    await expect(page).toHaveURL(/\/en\/$/);
    await context.close();
  });
});

test('every page is cross-origin isolated and sends a same-origin CSP', async ({ page }) => {
  const response = await page.goto(LESSON.ko);
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('an inline script the build did not ship is refused by the page policy', async ({ page }) => {
  await page.goto(LESSON.en);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
});

test('the language switch lands on the same lesson in the other language', async ({ page }) => {
  await page.goto(LESSON.ko);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('왜 서비스 메시인가');
  await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
  await expect(page).toHaveURL(new RegExp(`${LESSON.en}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why a service mesh');
  await page.locator('starlight-lang-select select').first().selectOption({ label: '한국어' });
  await expect(page).toHaveURL(new RegExp(`${LESSON.ko}$`));
});

test.describe('search', () => {
  for (const [locale, term] of [
    ['ko', '장애 전파'],
    ['en', 'cascading failure'],
  ] as const) {
    test(`finds lesson 1.1 by a ${locale === 'ko' ? 'Korean' : 'English'} term`, async ({ page }) => {
      const assertClean = watchPage(page);
      await page.goto(`/${locale}/`);
      await page.locator('site-search button[data-open-modal]').click();
      await page.locator('.pagefind-ui__search-input').fill(term);
      // Among the results (its lab, titled with the same term, may rank first).
      await expect(page.locator(`.pagefind-ui__result-link[href="${LESSON[locale]}"]`)).toBeVisible();
      assertClean();
    });
  }
});

test('keyboard alone reaches lesson 1.1 from the home page', async ({ page }) => {
  await page.goto('/ko/');
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    if (href === LESSON.ko) break;
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${LESSON.ko}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('왜 서비스 메시인가');
});

test('the theme switch turns the page dark and back', async ({ page }) => {
  await page.goto('/en/');
  const select = page.locator('starlight-theme-select select').first();
  await select.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await select.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

/**
 * Pages checked whole: the header, sidebars and footer, and the rules about a page as a whole (title, language,
 * landmarks). The other lesson pages share all of that with these and are checked inside <main>, which is what
 * differs between them; the shared parts were a third of each check.
 */
const WHOLE_PAGES = new Set([
  '/ko/',
  '/en/',
  LESSON.ko,
  LESSON.en,
  '/ko/part-3/',
  '/en/part-3/',
  '/ko/glossary/',
  '/en/glossary/',
]);

/** axe-core's rules whose outcome depends on the colours of the page (the theme). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

const violations = (results: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
  results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);

test.describe('accessibility (axe-core)', () => {
  for (const path of [
    '/ko/',
    '/en/',
    ...LESSON_PATHS.flatMap((path) => [`/ko/${path}`, `/en/${path}`]),
    '/ko/glossary/',
    '/en/glossary/',
  ]) {
    const whole = WHOLE_PAGES.has(path);
    test(`${path} has no violations in the light theme, and none of colour in the dark${whole ? '' : ' (its <main>)'}`, async ({
      page,
    }) => {
      await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
      await page.goto(path);
      const axe = () => (whole ? new AxeBuilder({ page }) : new AxeBuilder({ page }).include('main'));
      expect(violations(await axe().analyze())).toEqual([]);
      // The themes differ in colours alone: switched as a reader switches it, the dark one is checked for the rules
      // that read colours (a second full check of every page took a fifth of the end-to-end suite).
      await page.locator('starlight-theme-select select').first().selectOption('dark');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(violations(await axe().withRules(COLOUR_RULES).analyze())).toEqual([]);
    });
  }
});

test('a lesson links a term to its glossary entry, in the sidebar, in the page language', async ({ page }) => {
  for (const [locale, term, other] of [
    ['ko', '횡단 관심사', 'cross-cutting concern'],
    ['en', 'cross-cutting concerns', '횡단 관심사'],
  ] as const) {
    await page.goto(LESSON[locale]);
    await page.getByRole('link', { name: term, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/glossary/#cross-cutting-concern$`));
    const entry = page.locator('dt#cross-cutting-concern');
    await expect(entry).toBeInViewport();
    await expect(entry).toContainText(other);
    await expect(page.locator('nav[aria-label] a[aria-current="page"]').first()).toHaveAttribute(
      'href',
      `/${locale}/glossary/`,
    );
  }
});

test('lesson diagrams are labelled images in the page language', async ({ page }) => {
  const assertClean = watchPage(page);
  for (const [locale, path] of Object.entries(LESSON)) {
    await page.goto(path);
    const diagrams = page.locator('figure svg[role="img"]');
    expect(await diagrams.count()).toBeGreaterThanOrEqual(2);
    const title = await diagrams.first().locator('title').textContent();
    expect(/[\uAC00-\uD7A3]/.test(title ?? ''), `${locale} diagram title "${title}"`).toBe(locale === 'ko');
  }
  assertClean();
});

test('code blocks’ copy button and terminal frames speak the page language, in lessons and lab steps', async ({
  page,
}) => {
  for (const [locale, copy, terminal] of [
    ['ko', '클립보드로 복사', '터미널 창'],
    ['en', 'Copy to clipboard', 'Terminal window'],
  ] as const) {
    for (const path of [`/${locale}/part-1/circuit-breaker/`, `/${locale}/labs/request-routing/`]) {
      await page.goto(path);
      await expect(page.locator('.expressive-code .copy button').first()).toHaveAttribute('title', copy);
      // A terminal frame without a title is announced by its fallback title.
      await expect(page.locator('.expressive-code .is-terminal .sr-only').first()).toHaveText(terminal);
    }
  }
});

test('a part overview’s list of lessons is named in the page language', async ({ page }) => {
  for (const [locale, name] of [
    ['ko', '이 부의 레슨'],
    ['en', 'Lessons in this part'],
  ] as const) {
    await page.goto(`/${locale}/part-1/`);
    await expect(page.getByRole('list', { name, exact: true })).toContainText('1.1');
  }
});

test('a missing page answers 404 in its path’s language, and a POST answers 405', async ({ page, request }) => {
  for (const [locale, text] of [
    ['en', 'Page not found'],
    ['ko', '페이지를 찾을 수 없습니다'],
  ] as const) {
    const assertClean = watchPage(page, [/404 \(Not Found\)/]);
    const response = await page.goto(`/${locale}/no-such-lesson/`);
    expect(response!.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByText(text)).toBeVisible();
    assertClean();
  }
  const posted = await request.post(LESSON.en, { data: 'x' });
  expect(posted.status()).toBe(405);
  expect(posted.headers()['allow']).toBe('GET, HEAD');
});
