import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TEXT, check, replaceEditorText, watchPage, type Locale } from './lab-helpers';

// The learner's whole path, as a person takes it: the lesson, its lab, every step done with the step's own Run
// buttons and the editor, every check green, then on to the next lab — in each language.

const WORDS = {
  en: { open: 'Open the lab', next: 'Next step', done: 'Every step of this lab passes', nextLab: 'Next lab' },
  ko: { open: '실습 열기', next: '다음 단계', done: '이 실습의 모든 단계를 통과했습니다', nextLab: '다음 실습' },
} as const;

const solution = (step: string) =>
  readFileSync(new URL(`../src/labs/request-routing/solution/${step}/virtual-services.yaml`, import.meta.url), 'utf8');

/** Presses the shown step's first "Run" button and waits until the terminal prints `output`. */
async function runStep(page: Page, locale: Locale, output: string | RegExp) {
  const step = page.locator('[data-step]:not([hidden])');
  await step.getByRole('button', { name: TEXT[locale].run }).first().click();
  await expect(page.getByRole('region', { name: TEXT[locale].terminal })).toContainText(output, { timeout: 20_000 });
}

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: lesson → lab → every step green → the next lab`, async ({ page }) => {
    test.setTimeout(180_000);
    // Arriving from the lesson, the page chooses its runtime itself: it asks StackBlitz (offline here) whether a
    // WebContainer could start, and keeps the sandbox; nothing else may reach another host.
    const assertClean = watchPage(page, [/stackblitz|ERR_|Failed to load/i], ['stackblitz.com']);
    const words = WORDS[locale];
    await page.goto(`/${locale}/part-3/request-routing/`);
    await page.getByRole('link', { name: words.open }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/labs/request-routing/`));
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });

    await runStep(page, locale, 'destinationrule.networking.istio.io/reviews created');
    await expect(await check(page, locale)).toHaveAttribute('data-status', 'passed');
    const stepped = [
      ['all-to-v1', 'virtualservice.networking.istio.io/reviews created'],
      ['jason-to-v2', 'virtualservice.networking.istio.io/reviews configured'],
      ['testers-to-v3', 'virtualservice.networking.istio.io/reviews configured'],
      ['break-it', 'IST0101'],
    ] as const;
    for (const [step, output] of stepped) {
      await page.getByRole('button', { name: words.next }).click();
      await replaceEditorText(page, locale, solution(step));
      await page.locator('.monaco-editor').first().click(); // the save reaches the terminal before the next line
      await runStep(page, locale, output);
      await expect(await check(page, locale)).toHaveAttribute('data-status', 'passed');
    }

    await expect(page.locator('[data-steps-complete]')).toContainText(words.done);
    await expect(await check(page, locale, 'all')).toHaveAttribute('data-status', 'passed');
    const next = page.locator('[data-next-lab]');
    await expect(next).toBeVisible();
    await expect(next).toContainText(words.nextLab);
    await next.getByRole('link').click();
    // "Next" is the lab after request-routing (3.1) in course order: traffic shifting (3.2).
    await expect(page).toHaveURL(new RegExp(`/${locale}/labs/traffic-shifting/`));
    assertClean();
  });
}
