// kubectl edit in the lab page: the live object opens in a tab of the editor while the command waits; a save the
// server refuses comes back with kubectl's reasons at the top; a good one is applied and the tab closes; Cancel
// and Ctrl-C change nothing; a reload in the middle of an edit loses nothing that was applied.
import { expect, test, type Page } from '@playwright/test';
import { openLab, runInTerminal, TEXT, watchPage, type Locale } from './lab-helpers';

const WORDS = {
  en: { save: 'Save and apply (Ctrl-S)', cancel: 'Cancel', waiting: 'kubectl edit is waiting for this file' },
  ko: { save: '저장하고 적용 (Ctrl-S)', cancel: '취소', waiting: 'kubectl edit가 이 파일을 기다리고 있습니다' },
} as const;

const FILE = '/tmp/kubectl-edit-1.yaml';

/** Replaces the first `find` after the top of the file with `replace`, with the editor's own find and replace. */
async function replaceInEditor(page: Page, find: string, replace: string) {
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+H');
  // Each box keeps what the last search typed into it: select that first, so the new text replaces it.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(find);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(replace);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

for (const locale of ['en', 'ko'] as const satisfies readonly Locale[]) {
  test(`${locale}: kubectl edit opens the deployment in the editor, reopens a refused save, applies the fix`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const clean = watchPage(page);
    await openLab(page, locale, 'request-routing');
    const words = WORDS[locale];
    const editor = page.getByRole('region', { name: TEXT[locale].editor });
    const terminal = await runInTerminal(page, locale, 'kubectl edit deployment reviews-v1');

    const tab = page.getByRole('tab', { name: FILE });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(words.waiting)).toBeVisible();
    await expect(editor).toContainText('# Please edit the object below.');
    await expect(editor).toContainText('kind: Deployment');

    // replicas: -1 is refused: the same tab shows kubectl's reasons; the command still waits.
    await replaceInEditor(page, 'replicas: 1', 'replicas: -1');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(editor).toContainText('# deployments.apps "reviews-v1" was not valid:');
    await expect(editor).toContainText('# * spec.replicas: Invalid value: -1');
    await expect(page.getByRole('button', { name: words.save })).toBeEnabled();

    await editor.locator('.monaco-editor').click();
    await replaceInEditor(page, 'replicas: -1', 'replicas: 2');
    await page.getByRole('button', { name: words.save }).click();
    await expect(terminal).toContainText('deployment.apps/reviews-v1 edited');
    await expect(tab).toHaveCount(0);
    await runInTerminal(
      page,
      locale,
      `echo "replicas=$(kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}')"`,
    );
    await expect(terminal).toContainText('replicas=2');

    // Cancel: kubectl reads the file as it was opened.
    await runInTerminal(page, locale, 'kubectl edit deploy/ratings-v1');
    await page.getByRole('button', { name: words.cancel }).click();
    await expect(terminal).toContainText('Edit cancelled, no changes made.');
    await expect(page.getByRole('tab', { name: FILE })).toHaveCount(0);

    // Ctrl-C in the terminal ends the command and closes the tab.
    await runInTerminal(page, locale, 'kubectl edit deploy ratings-v1');
    await expect(page.getByRole('tab', { name: FILE })).toHaveAttribute('aria-selected', 'true');
    await terminal.getByRole('textbox').focus();
    await page.keyboard.press('Control+C');
    await expect(page.getByRole('tab', { name: FILE })).toHaveCount(0);

    // A reload in the middle of an edit: the edit that was applied stays, the one left open is gone.
    await runInTerminal(page, locale, 'kubectl edit deploy reviews-v1');
    await expect(page.getByRole('tab', { name: FILE })).toBeVisible();
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
    await expect(page.getByRole('tab', { name: FILE })).toHaveCount(0);
    const after = await runInTerminal(
      page,
      locale,
      `echo "after reload: $(kubectl get deploy reviews-v1 -o jsonpath='{.spec.replicas}')"`,
    );
    await expect(after).toContainText('after reload: 2');
    clean();
  });
}
