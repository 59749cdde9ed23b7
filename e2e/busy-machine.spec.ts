// Grading on a machine whose CPU other processes hold: real processes, not Chromium's CPU throttling, which slows
// only the page's main thread and not the Workers that grade. A check's verdict must not depend on how busy the
// machine is: the starters fail and the solutions pass, and nothing is reported as a loop or stopped by the
// time limit. (Playwright runs this file alone, after every other test: playwright.config.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { openLab, TEXT, watchPage, type Locale } from './lab-helpers';

/** Twice as many spinning processes as cores; each ends by itself after three minutes if nobody stops it. */
function saturate(): ChildProcess[] {
  const spin = 'const end = Date.now() + 180_000; while (Date.now() < end) {}';
  return Array.from({ length: availableParallelism() * 2 }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  );
}

const VERDICTS_OF_TIME = {
  en: /Loops that never end|loops and called its functions more than|did not finish within/,
  ko: /끝나지 않는 반복문은|반복문과 함수 호출이|안에 끝나지 않아/,
};

/** Presses a check button and waits, as long as a saturated machine needs, for the report's summary. */
async function checkAndWait(page: Page, locale: Locale, name: string) {
  const region = page.getByRole('region', { name: TEXT[locale].checks });
  await page.getByRole('button', { name, exact: true }).click();
  await expect(region).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  await expect(region).not.toContainText(VERDICTS_OF_TIME[locale]);
  return region.locator('[data-checks-summary]');
}

test('with every core busy, the starters fail and the solutions pass, and nothing is reported as a loop', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const assertClean = watchPage(page);
  const spinners = saturate();
  try {
    await openLab(page, 'en', 'circuit-breaker');
    await expect(await checkAndWait(page, 'en', TEXT.en.checkAll)).toHaveAttribute('data-status', 'failed');
    await page.getByRole('button', { name: TEXT.en.solve }).click();
    await expect(await checkAndWait(page, 'en', TEXT.en.checkAll)).toHaveAttribute('data-status', 'passed');

    await openLab(page, 'ko', 'request-routing');
    await expect(await checkAndWait(page, 'ko', TEXT.ko.checkAll)).toHaveAttribute('data-status', 'failed');
    // Its first files step, graded on a fresh cluster of its own: the solution's files are all it needs.
    await page.getByRole('button', { name: TEXT.ko.nextStep }).click();
    await page.getByRole('button', { name: TEXT.ko.solve }).click();
    await expect(await checkAndWait(page, 'ko', TEXT.ko.check)).toHaveAttribute('data-status', 'passed');
    // The machine was busy the whole time.
    expect(spinners.every((spinner) => spinner.exitCode === null)).toBe(true);
  } finally {
    for (const spinner of spinners) spinner.kill('SIGKILL');
  }
  assertClean();
});
