import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchPage } from './watch-page';

// The lab catalogue, progress in the sidebar and the catalogue, export and import of progress, and the
// lessons' reviews, in real Chromium against the production build, in both languages.

const KEY = 'meshdojo.progress.v1';

const TEXT = {
  en: {
    catalogue: '/en/labs/',
    lesson: '/en/part-1/why-service-mesh/',
    status: { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done' },
    next: 'Next lab',
    export: 'Export progress',
    import: 'Import progress',
    imported: 'Progress imported',
    notJson: 'this file is not JSON',
    notProgress: 'this file is not meshdojo progress',
    newer: 'from a newer version of meshdojo',
    check: 'Check answer',
    right: 'Right.',
    wrong: 'Not quite.',
    remembered: 'You got this one right last time.',
    labs: { 'circuit-breaker': 'Implement a circuit breaker', 'request-routing': 'Request routing' },
  },
  ko: {
    catalogue: '/ko/labs/',
    lesson: '/ko/part-1/why-service-mesh/',
    status: { 'not-started': '시작 전', 'in-progress': '진행 중', done: '완료' },
    next: '다음 실습',
    export: '진행 상황 내보내기',
    import: '진행 상황 가져오기',
    imported: '진행 상황을 가져와',
    notJson: '이 파일은 JSON이 아니어서',
    notProgress: 'meshdojo 진행 상황 파일이 아니어서',
    newer: '더 새로운 버전의 meshdojo에서',
    check: '답 확인',
    right: '맞았습니다.',
    wrong: '틀렸습니다.',
    remembered: '지난번에 맞힌 문제입니다.',
    labs: { 'circuit-breaker': '서킷 브레이커 구현하기', 'request-routing': '요청 라우팅' },
  },
} as const;
type Locale = keyof typeof TEXT;
const LOCALES: Locale[] = ['en', 'ko'];

/** Every lab's step ids, as the catalogue page carries them (whatever the steps of each lab are). */
async function labSteps(page: Page): Promise<Record<string, string[]>> {
  const data = await page.locator('[data-lab-cards-data]').textContent();
  return JSON.parse(data!).steps;
}

/** Progress as the store keeps it: `done` labs with every step passed, `started` labs with one check failing. */
function progressWith(steps: Record<string, string[]>, done: string[], started: string[] = []) {
  const labs: Record<string, unknown> = {};
  for (const id of done) {
    const passed = { checks: { behaves: 'pass' }, passedAt: 1_000 };
    labs[id] = { steps: Object.fromEntries(steps[id]!.map((step) => [step, passed])), completedAt: 1_000 };
  }
  for (const id of started) labs[id] = { steps: { [steps[id]![0]!]: { checks: { behaves: 'fail' } } } };
  return { version: 1, labs, reviews: {} };
}

async function storedProgress(page: Page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), KEY);
}

/** Every lab of the catalogue but one: "next lab" then names that one whatever the course order. */
function allBut(steps: Record<string, readonly string[]>, lab: string): string[] {
  return Object.keys(steps).filter((id) => id !== lab);
}

function card(page: Page, lab: string) {
  return page.locator(`.lab-card[data-lab-id="${lab}"]`);
}

test.describe('lab catalogue', () => {
  for (const locale of LOCALES) {
    test(`${locale}: every lab with its lesson, kind, time, difficulty and status; next lab is the first`, async ({
      page,
    }) => {
      const assertClean = watchPage(page);
      const t = TEXT[locale];
      await page.goto(t.catalogue);
      const steps = await labSteps(page);
      expect(Object.keys(steps)).toEqual([
        'cascading-failure',
        'circuit-breaker',
        'control-plane-push',
        'envoy-config',
        'http-filter',
        'route-translation',
        'rate-limiter',
        'mtls-identity',
        'istio-today',
        'nks-cluster',
        'istio-install',
        'sidecar-injection',
        'ingress-nks',
        'seeing-the-mesh',
        'request-routing',
        'traffic-shifting',
        'fault-injection',
        'timeouts-retries',
        'circuit-breaking',
        'mutual-tls',
        'authorization',
        'observability',
        'rate-limiting',
        'cleanup',
      ]);
      for (const [lab, title] of Object.entries(t.labs)) {
        const item = card(page, lab);
        await expect(item.getByRole('heading', { level: 3 })).toContainText(title);
        await expect(item.getByRole('heading', { level: 3 }).getByRole('link')).toHaveAttribute(
          'href',
          `/${locale}/labs/${lab}/`,
        );
        await expect(item.locator('dd').first().getByRole('link')).toHaveText(
          lab === 'circuit-breaker' ? /^1\.2 / : /^3\.1 /,
        );
        await expect(item.locator('dd')).toHaveCount(5);
        await expect(item.locator('[data-lab-status-text]')).toHaveText(t.status['not-started']);
      }
      await expect(page.locator('[data-next-lab]')).toContainText(t.next);
      await expect(page.locator('[data-next-lab]').getByRole('link')).toHaveAttribute(
        'href',
        `/${locale}/labs/cascading-failure/`,
      );
      // It is in the sidebar, as the current page.
      await expect(page.locator('nav a[aria-current="page"]')).toHaveAttribute('href', t.catalogue);
      assertClean();
    });
  }

  for (const theme of ['light', 'dark']) {
    for (const locale of LOCALES) {
      test(`${locale} catalogue in the ${theme} theme has no axe violations`, async ({ page }) => {
        await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
        await page.goto(TEXT[locale].catalogue);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
      });
    }
  }

  test('at 390×844 the cards fit the screen and show status and next lab', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(TEXT.ko.catalogue);
    const steps = await labSteps(page);
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [KEY, JSON.stringify(progressWith(steps, allBut(steps, 'request-routing')))],
    );
    await page.reload();
    await expect(card(page, 'circuit-breaker').locator('[data-lab-status-text]')).toHaveText(TEXT.ko.status.done);
    await expect(card(page, 'request-routing')).toBeVisible();
    await expect(page.locator('[data-next-lab]').getByRole('link')).toHaveAttribute(
      'href',
      '/ko/labs/request-routing/',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await card(page, 'request-routing').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

test.describe('progress in the sidebar and the catalogue', () => {
  for (const locale of LOCALES) {
    test(`${locale}: progress written to the store shows on both, and "next lab" moves on`, async ({ page }) => {
      const assertClean = watchPage(page);
      const t = TEXT[locale];
      await page.goto(t.catalogue);
      const steps = await labSteps(page);
      await page.evaluate(
        ([key, value]) => localStorage.setItem(key!, value!),
        [KEY, JSON.stringify(progressWith(steps, allBut(steps, 'request-routing'), ['request-routing']))],
      );
      await page.reload();
      await expect(card(page, 'circuit-breaker')).toHaveAttribute('data-lab-status', 'done');
      await expect(card(page, 'circuit-breaker').locator('[data-lab-status-text]')).toHaveText(t.status.done);
      await expect(card(page, 'request-routing').locator('[data-lab-status-text]')).toContainText(
        t.status['in-progress'],
      );
      await expect(page.locator('[data-next-lab]').getByRole('link')).toHaveAttribute(
        'href',
        `/${locale}/labs/request-routing/`,
      );

      // A lesson's sidebar: each lab right under its lesson, with its status in its name.
      await page.goto(t.lesson);
      const sidebar = page.locator('nav.sidebar');
      const breaker = sidebar.locator('a[data-lab-id="circuit-breaker"]');
      await expect(breaker).toHaveAttribute('data-lab-status', 'done');
      await expect(breaker).toHaveAttribute('href', `/${locale}/labs/circuit-breaker/`);
      await expect(breaker).toHaveAccessibleName(new RegExp(`${t.labs['circuit-breaker']}.*\\(${t.status.done}\\)`));
      const lessonAbove = breaker.locator('xpath=../preceding-sibling::li[1]/a');
      await expect(lessonAbove).toHaveAttribute('href', `/${locale}/part-1/circuit-breaker/`);
      await expect(sidebar.locator('a[data-lab-id="request-routing"]')).toHaveAttribute(
        'data-lab-status',
        'in-progress',
      );
      await expect(
        sidebar.getByRole('link', { name: locale === 'en' ? 'Labs' : '실습 목록', exact: true }),
      ).toHaveAttribute('href', t.catalogue);
      assertClean();
    });
  }

  test('a change in another tab shows here without a reload', async ({ context }) => {
    const catalogue = await context.newPage();
    await catalogue.goto(TEXT.en.catalogue);
    const steps = await labSteps(catalogue);
    const lesson = await context.newPage();
    await lesson.goto(TEXT.en.lesson);
    await lesson.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [KEY, JSON.stringify(progressWith(steps, Object.keys(steps)))],
    );
    await expect(card(catalogue, 'request-routing').locator('[data-lab-status-text]')).toHaveText('Done');
    await expect(catalogue.locator('[data-next-lab]')).toContainText('You have finished every lab.');
  });
});

test.describe('export and import of progress', () => {
  for (const locale of LOCALES) {
    test(`${locale}: export, clear, import gives the same progress back`, async ({ page }) => {
      const assertClean = watchPage(page);
      const t = TEXT[locale];
      await page.goto(t.catalogue);
      const steps = await labSteps(page);
      const progress = progressWith(steps, ['circuit-breaker'], ['request-routing']);
      progress.reviews = { '1.1': { answers: { cascade: { correct: true, at: 5_000 } } } };
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [KEY, JSON.stringify(progress)]);
      await page.reload();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: t.export }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^meshdojo-progress-\d{4}-\d{2}-\d{2}\.json$/);
      const file = readFileSync((await download.path())!, 'utf8');

      await page.evaluate((key) => localStorage.removeItem(key), KEY);
      await page.reload();
      await expect(card(page, 'circuit-breaker').locator('[data-lab-status-text]')).toHaveText(t.status['not-started']);

      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: t.import }).click(),
      ]);
      await chooser.setFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await expect(page.getByRole('status').filter({ hasText: t.imported })).toBeVisible();
      await expect(card(page, 'circuit-breaker').locator('[data-lab-status-text]')).toHaveText(t.status.done);
      expect(await storedProgress(page)).toEqual(progress);
      assertClean();
    });

    test(`${locale}: a file that is not progress is refused with the reason, and nothing is lost`, async ({ page }) => {
      const t = TEXT[locale];
      await page.goto(t.catalogue);
      const steps = await labSteps(page);
      const progress = progressWith(steps, ['circuit-breaker']);
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [KEY, JSON.stringify(progress)]);
      await page.reload();
      const files = [
        { name: 'notes.txt', text: 'not a progress file', message: t.notJson },
        { name: 'package.json', text: '{"name":"meshdojo"}', message: t.notProgress },
        { name: 'later.json', text: '{"format":"meshdojo-progress","version":2,"labs":{}}', message: t.newer },
      ];
      for (const { name, text, message } of files) {
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          page.getByRole('button', { name: t.import }).click(),
        ]);
        await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) });
        await expect(page.locator('[data-progress-message]')).toContainText(message);
        await expect(page.locator('[data-progress-message]')).toHaveAttribute('data-outcome', 'refused');
        expect(await storedProgress(page)).toEqual(progress);
      }
      await expect(card(page, 'circuit-breaker').locator('[data-lab-status-text]')).toHaveText(t.status.done);
    });
  }
});

test.describe('reviews', () => {
  for (const locale of LOCALES) {
    test(`${locale}: a question answered wrong then right shows the feedback and is remembered after reload`, async ({
      page,
    }) => {
      const assertClean = watchPage(page);
      const t = TEXT[locale];
      await page.goto(t.lesson);
      const review = page.getByRole('region', { name: locale === 'en' ? 'Review questions' : '복습 문제' });
      const cascade = review.locator('form[data-question="cascade"]');
      const result = cascade.getByRole('status');

      // Nothing chosen: asked to choose first, nothing recorded.
      await cascade.getByRole('button', { name: t.check }).click();
      await expect(result).toContainText(locale === 'en' ? 'Choose or type an answer first.' : '먼저 답을 고르거나');
      expect(await storedProgress(page)).toBeNull();

      // Wrong: the verdict and why that answer is wrong.
      await cascade.getByRole('radio').nth(1).check();
      await cascade.getByRole('button', { name: t.check }).click();
      await expect(result).toContainText(t.wrong);
      await expect(result).toContainText(
        locale === 'en' ? 'ratings returned no errors at all' : '오류를 하나도 내지 않았고',
      );
      expect((await storedProgress(page)).reviews['1.1'].answers.cascade.correct).toBe(false);

      // Right, with the keyboard: Space ticks the focused choice, Tab leaves the group for the button.
      await cascade.getByRole('radio').first().focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await expect(cascade.getByRole('button', { name: t.check })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(result).toContainText(t.right);
      await expect(result).toContainText(locale === 'en' ? 'With no timeout' : '타임아웃이 없으니');
      await expect(cascade.locator('.review-choice').first()).toHaveAttribute('data-verdict', 'correct');

      // A short answer: a likely mistake gets its own feedback; the right number, typed with spaces, is accepted.
      const threads = review.locator('form[data-question="threads-needed"]');
      await threads.getByRole('textbox').fill('200');
      await threads.getByRole('textbox').press('Enter');
      await expect(threads.getByRole('status')).toContainText(
        locale === 'en' ? "size of reviews' pool" : '스레드 풀의 크기',
      );
      await threads.getByRole('textbox').fill(' 3 00 ');
      await threads.getByRole('button', { name: t.check }).click();
      await expect(threads.getByRole('status')).toContainText(t.right);

      // Several right answers: two of three is not enough, and the page says more are right.
      const moves = review.locator('form[data-question="what-moves"]');
      await moves.getByRole('checkbox').nth(0).check();
      await moves.getByRole('checkbox').nth(1).check();
      await moves.getByRole('button', { name: t.check }).click();
      await expect(moves.getByRole('status')).toContainText(t.wrong);
      await expect(moves.getByRole('status')).toContainText(locale === 'en' ? '(1 left)' : '1개 더');

      await page.reload();
      await expect(cascade.getByRole('status')).toContainText(t.remembered);
      await expect(cascade.getByRole('radio').first()).toBeChecked();
      await expect(threads.getByRole('textbox')).toHaveValue('300');
      await expect(moves.getByRole('status')).toContainText(
        locale === 'en' ? 'Your last answer was wrong. Try again.' : '지난번 답은 틀렸습니다.',
      );
      await expect(moves.getByRole('checkbox').first()).not.toBeChecked();
      assertClean();
    });
  }

  test('the Korean and English pages share one answer per question, and the score comes once all are answered', async ({
    page,
  }) => {
    await page.goto(TEXT.en.lesson);
    const review = page.getByRole('region', { name: 'Review questions' });
    await review.locator('form[data-question="cascade"]').getByRole('radio').first().check();
    await review.locator('form[data-question="cascade"]').getByRole('button', { name: 'Check answer' }).click();
    await page.goto(TEXT.ko.lesson);
    const ko = page.getByRole('region', { name: '복습 문제' });
    await expect(ko.locator('form[data-question="cascade"]').getByRole('status')).toContainText(TEXT.ko.remembered);
    await expect(ko.locator('[data-review-score]')).toHaveText('');
    const forms = ko.locator('form[data-question]');
    for (const id of ['threads-needed', 'what-moves', 'policy-change', 'saturated-or-cause']) {
      const form = ko.locator(`form[data-question="${id}"]`);
      if (id === 'threads-needed') await form.getByRole('textbox').fill('300개');
      else await form.locator('input').first().check();
      await form.getByRole('button', { name: '답 확인' }).click();
    }
    await expect(forms).toHaveCount(5);
    await expect(ko.locator('[data-review-score]')).toHaveText('5문제 중 4문제를 맞혔습니다.');
    await expect(ko.getByRole('heading', { name: '이제 할 수 있는 것' })).toBeVisible();
  });

  // Lesson 1.1 whole (site.spec.ts checks it unanswered); in the others, the review (Expressive Code's
  // terminal frames are not ours to judge here).
  for (const path of [TEXT.en.lesson, TEXT.ko.lesson, '/en/part-3/request-routing/', '/ko/part-1/circuit-breaker/']) {
    test(`${path} with its review answered has no axe violations`, async ({ page }) => {
      await page.goto(path);
      const first = page.locator('form[data-question]').first();
      await first.locator('input').first().check();
      await first.getByRole('button').click();
      await expect(first.getByRole('status')).not.toBeEmpty();
      for (const theme of ['light', 'dark']) {
        await page.evaluate((value) => document.documentElement.setAttribute('data-theme', value), theme);
        const axe = new AxeBuilder({ page });
        const results = await (path.includes('why-service-mesh') ? axe : axe.include('[data-review]')).analyze();
        expect(results.violations.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
          [],
        );
      }
    });
  }
});

test.describe('labs in search', () => {
  for (const [locale, term] of [
    ['ko', 'jason은 v2로'],
    ['en', 'everyone to v1, jason to v2'],
  ] as const) {
    test(`${locale}: the request-routing lab page is found by its title`, async ({ page }) => {
      await page.goto(`/${locale}/`);
      await page.locator('site-search button[data-open-modal]').click();
      await page.locator('.pagefind-ui__search-input').fill(term);
      // Pagefind loads its index fragments on demand; a busy machine can take a while.
      await expect(
        page.locator(`.pagefind-ui__result-link[href="/${locale}/labs/request-routing/"]`).first(),
      ).toBeVisible({ timeout: 15_000 });
    });
  }
});
