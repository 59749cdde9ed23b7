// What the lab page tests share: the page's words in both languages, and the handles a learner uses (roles and
// names), so every spec drives the workbench as a person would.
import { expect, type Page } from '@playwright/test';

export { watchPage } from './watch-page';

export const TEXT = {
  en: {
    editor: 'Code editor',
    terminal: 'Lab terminal',
    checks: 'Checks',
    check: 'Check this step',
    checkAll: 'Check all',
    resetFiles: 'Reset files',
    resetCluster: 'Reset cluster',
    run: 'Run in the terminal',
    steps: 'Steps',
    solve: 'Solve',
    exportZip: 'Export as zip',
    graph: 'Mesh graph',
    nextStep: 'Next step',
  },
  ko: {
    editor: '코드 편집기',
    terminal: '실습 터미널',
    checks: '검사 결과',
    check: '이 단계 검사',
    checkAll: '전체 검사',
    resetFiles: '파일 초기화',
    resetCluster: '클러스터 초기화',
    run: '터미널에서 실행',
    steps: '단계',
    solve: '정답 보기',
    exportZip: 'zip으로 내보내기',
    graph: '메시 그래프',
    nextStep: '다음 단계',
  },
} as const;
export type Locale = keyof typeof TEXT;

export async function openLab(page: Page, locale: Locale, lab: string, query = '?runtime=sandbox') {
  await page.goto(`/${locale}/labs/${lab}/${query}`);
  await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
}

export async function runInTerminal(page: Page, locale: Locale, line: string) {
  const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
  await terminal.getByRole('textbox').focus();
  await page.keyboard.type(`${line}\n`);
  return terminal;
}

/** Pastes `text` over the open file (typing would trigger Monaco's auto-indent, as it would for a person). */
export async function replaceEditorText(page: Page, locale: Locale, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const editor = page.getByRole('region', { name: TEXT[locale].editor });
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(editor).toContainText(text.trim().split('\n').at(-1)!.trim());
}

/** Presses "Check this step" (or "Check all") and waits for the report; returns its summary line. */
export async function check(page: Page, locale: Locale, scope: 'step' | 'all' = 'step') {
  const checks = page.getByRole('region', { name: TEXT[locale].checks });
  const name = scope === 'step' ? TEXT[locale].check : TEXT[locale].checkAll;
  await page.getByRole('button', { name, exact: true }).click();
  await expect(checks).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  return checks.locator('[data-checks-summary]');
}
