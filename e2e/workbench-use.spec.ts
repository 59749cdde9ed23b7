// The workbench in real use: the terminal has room for kubectl's tables (Maximize: ≥ 100 columns at 1440×900),
// neither the terminal nor the editor traps the keyboard (Esc, then Tab), and a compile error is said once.
import { expect, test } from '@playwright/test';
import { check, openLab, replaceEditorText, runInTerminal, TEXT, watchPage } from './lab-helpers';

const WORDS = {
  en: { maximize: 'Maximize terminal', keys: 'Esc, then Tab' },
  ko: { maximize: '터미널 최대화', keys: 'Esc 다음 Tab' },
} as const;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: Maximize gives the terminal 100 columns at 1440×900; a check brings the checks back`, async ({
    page,
  }) => {
    const clean = watchPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openLab(page, locale, 'request-routing');
    const maximize = page.getByRole('button', { name: WORDS[locale].maximize });
    await maximize.click();
    await expect(maximize).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: TEXT[locale].checks })).toBeHidden();
    const terminal = await runInTerminal(page, locale, "printf '%0100d|\\n' 0");
    // One screen row holds the whole line: it did not wrap.
    await expect(terminal.locator('.xterm-rows > div', { hasText: `${'0'.repeat(100)}|` })).toHaveCount(1);
    await check(page, locale);
    await expect(maximize).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('region', { name: TEXT[locale].checks })).toBeVisible();
    clean();
  });

  test(`${locale}: Esc, then Tab leaves the terminal and the editor; Shift+Tab goes back`, async ({ page }) => {
    await openLab(page, locale, 'request-routing');
    await expect(page.getByText(WORDS[locale].keys)).toBeVisible();
    const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
    const editor = page.getByRole('region', { name: TEXT[locale].editor });
    const inside = (region: string) =>
      page.evaluate(
        (name) => document.querySelector(`[aria-label="${name}"]`)?.contains(document.activeElement) ?? false,
        region,
      );

    await terminal.getByRole('textbox').focus();
    await page.keyboard.press('Tab'); // Tab alone stays: it completes
    expect(await inside(TEXT[locale].terminal)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inside(TEXT[locale].terminal)).toBe(false);
    await expect(page.locator(':focus')).toBeVisible();

    await terminal.getByRole('textbox').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await inside(TEXT[locale].terminal)).toBe(false);

    await editor.locator('.monaco-editor').click();
    expect(await inside(TEXT[locale].editor)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inside(TEXT[locale].editor)).toBe(false);
  });
}

test('a compile error is said once, then where it is', async ({ page }) => {
  await openLab(page, 'en', 'circuit-breaker');
  await page.getByRole('button', { name: 'Next step' }).click();
  await replaceEditorText(page, 'en', 'export const broken: number = ;\n');
  const summary = await check(page, 'en');
  await expect(summary).toHaveAttribute('data-status', 'compile-error');
  const checks = page.getByRole('region', { name: TEXT.en.checks });
  await expect(checks.getByText('Your code does not compile')).toHaveCount(1);
  await expect(checks.locator('.check-error')).toContainText(/\.ts:1:\d+ /);
});
