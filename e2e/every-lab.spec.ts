import { test, expect } from '@playwright/test';
import { loadLabs } from '../src/labs/node/registry';
import { TEXT, check, openLab, runInTerminal, watchPage, type Locale } from './lab-helpers';

// Every lab can be done in the browser: Solve (the files and a quiz's answers) plus its terminal steps' commands,
// typed in the lab terminal, pass "Check all", and every step's "your run" text is filled. Each lab in the other
// language than the one before, so both are walked. That each step's checks fail before its solution is proved
// for every lab by src/labs/labs.test.ts (the grader) and src/labs/node/every-lab-cli.test.ts (meshdojo check);
// in the browser, by workbench.spec.ts and lab-steps.spec.ts.

const labs = await loadLabs();

for (const [index, lab] of labs.entries()) {
  const locale: Locale = index % 2 === 0 ? 'en' : 'ko';
  test(`${lab.meta.id} (${locale}): Solve and the steps' commands pass Check all`, async ({ page }) => {
    test.setTimeout(180_000);
    const assertClean = watchPage(page);
    await openLab(page, locale, lab.meta.id);

    await page.getByRole('button', { name: TEXT[locale].solve }).click();
    const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
    const lines = lab.steps.flatMap((step) => step.solution.commands);
    for (const [n, line] of lines.entries()) {
      await runInTerminal(page, locale, line);
      // Typed ahead, it runs once the command has finished; only its output says `done-<n>` (the typed line
      // says `done-%s`).
      await runInTerminal(page, locale, `printf 'done-%s\\n' ${n}`);
      await expect(terminal).toContainText(`done-${n}`, { timeout: 60_000 });
    }
    const summary = await check(page, locale, 'all');
    await expect(summary).toHaveAttribute('data-status', 'passed', { timeout: 60_000 });
    // Every step's "your run" text is shown, each number filled from what this run's checks measured.
    const yourRuns = await page.locator('[data-your-run]').evaluateAll((sections) =>
      sections.map((section) => ({
        shown: !(section as HTMLElement).hidden,
        empty: [...section.querySelectorAll('[data-fact]')].filter((slot) => !slot.textContent).length,
      })),
    );
    expect(yourRuns).toEqual(lab.steps.filter((step) => step.yourRun).map(() => ({ shown: true, empty: 0 })));
    assertClean();
  });
}
