import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8, zipSync, strToU8 } from 'fflate';
import { TEXT, check, openLab, replaceEditorText, runInTerminal, watchPage, type Locale } from './lab-helpers';

// A lab as guided steps, in both languages: one step at a time, its commands run with one click, hints one by
// one, "why" once it passes, Check this step vs Check all, a quiz step graded where the learner answers, a
// cluster that survives reload and language switch, Reset cluster apart from Reset files, and a zip that says
// which lab it holds.

const STEP_WORDS = {
  en: { count: (n: number, total: number) => `Step ${n} of ${total}`, next: 'Next step', previous: 'Previous step' },
  ko: { count: (n: number, total: number) => `${total}단계 중 ${n}단계`, next: '다음 단계', previous: '이전 단계' },
} as const;

const SUBSETS = 'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml';
const SOLUTION = (step: string) =>
  readFileSync(new URL(`../src/labs/request-routing/solution/${step}/virtual-services.yaml`, import.meta.url), 'utf8');

/** Types `line` in the terminal and waits for `output` (a command is journalled once it has finished). */
async function runUntil(page: Page, locale: Locale, line: string, output: string | RegExp) {
  const terminal = await runInTerminal(page, locale, line);
  await expect(terminal).toContainText(output, { timeout: 15_000 });
  return terminal;
}

const steps = (page: Page, locale: Locale) => page.getByRole('navigation', { name: TEXT[locale].steps });
const shownStep = (page: Page) => page.locator('[data-step]:not([hidden])');

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: one step at a time; a command block runs with one click; the step passes and says why`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    await openLab(page, locale, 'request-routing');
    const words = STEP_WORDS[locale];
    await expect(steps(page, locale).getByRole('button')).toHaveCount(5);
    await expect(shownStep(page)).toHaveCount(1);
    await expect(shownStep(page)).toContainText(words.count(1, 5));
    await expect(page.getByRole('button', { name: words.previous })).toBeDisabled();
    // Not the lesson again: the pane holds the step's own text.
    await expect(page.locator('#lab-instructions h2')).toHaveCount(5);

    // Hints come one at a time.
    const hints = shownStep(page).locator('[data-hint]');
    await expect(hints.first()).toBeHidden();
    await shownStep(page).locator('[data-action="hint"]').click();
    await expect(hints.first()).toBeVisible();
    await expect(hints.nth(1)).toBeHidden();
    await shownStep(page).locator('[data-action="hint"]').click();
    await expect(hints.nth(1)).toBeVisible();
    await expect(shownStep(page).locator('[data-action="hint"]')).toBeHidden();

    // The step's first command block, run from the pane, lands in the terminal.
    const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
    await shownStep(page).getByRole('button', { name: TEXT[locale].run }).first().click();
    await expect(terminal).toContainText('destinationrule.networking.istio.io/reviews created', { timeout: 10_000 });
    const why = shownStep(page).locator('[data-why]');
    await expect(why).toBeHidden();
    await expect(await check(page, locale)).toHaveAttribute('data-status', 'passed');
    await expect(why).toBeVisible();
    await expect(steps(page, locale).locator('li.done')).toHaveCount(1);

    await page.getByRole('button', { name: words.next }).click();
    await expect(shownStep(page)).toContainText(words.count(2, 5));
    await expect(shownStep(page).getByRole('heading', { level: 2 })).toBeFocused();
    // A files step fails on the starter and passes with its solution; only this step's checks ran.
    const summary = await check(page, locale);
    await expect(summary).toHaveAttribute('data-status', 'failed');
    await replaceEditorText(page, locale, SOLUTION('all-to-v1'));
    await runUntil(
      page,
      locale,
      'kubectl apply -f virtual-services.yaml',
      'virtualservice.networking.istio.io/reviews',
    );
    await expect(await check(page, locale)).toHaveAttribute('data-status', 'passed');
    await expect(page.locator('.check-list .check')).toHaveCount(1);
    await expect(shownStep(page).locator('[data-why-seen] li').first()).toBeVisible();
    assertClean();
  });
}

// Lab 1.2 starts with a quiz step: its questions in the step, graded in the page, kept in progress.
const QUIZ = {
  en: {
    label: 'Questions',
    check: 'Check answer',
    wrong: { choice: "'open': no call has come since it opened.", feedback: 'The breaker needs no call, and no timer' },
    right: ["'half-open'", '23', 'Nothing. It stays open until a probe succeeds after the cool-down.'],
    rightVerdict: 'Right.',
    remembered: 'You got this one right last time.',
  },
  ko: {
    label: '질문',
    check: '답 확인',
    wrong: {
      choice: "'open'. 열린 뒤로 호출이 없었기 때문입니다.",
      feedback: '브레이커가 다음 상태로 넘어가는 데 호출도 타이머도 필요하지 않습니다',
    },
    right: ["'half-open'", '23초', '아무것도 하지 않습니다. 쿨다운 뒤 시험 호출이 성공할 때까지 열린 채로 둡니다.'],
    rightVerdict: '맞았습니다.',
    remembered: '지난번에 맞힌 문제입니다.',
  },
} as const;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: a quiz step is answered in the page; right answers pass the step, and that survives a reload`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    const q = QUIZ[locale];
    await openLab(page, locale, 'circuit-breaker');
    await expect(shownStep(page)).toContainText(STEP_WORDS[locale].count(1, 6));
    const quiz = shownStep(page).getByRole('region', { name: q.label, exact: true });
    const questions = quiz.locator('form[data-question]');
    await expect(questions).toHaveCount(3);
    const mark = page.locator('[data-step-item="predict"]');

    // A wrong answer: that answer's feedback, and the step is not done.
    const first = questions.nth(0);
    await first.getByLabel(q.wrong.choice, { exact: true }).check();
    await first.getByRole('button', { name: q.check }).click();
    await expect(first.locator('[data-result]')).toContainText(q.wrong.feedback);
    await expect(mark).not.toHaveClass(/done/);
    await expect(shownStep(page).locator('[data-why]')).toBeHidden();
    // "Check this step" grades the answers in the page: not yet.
    await expect(await check(page, locale)).toHaveAttribute('data-status', 'failed');

    // The right answers, each checked: the step is done, its why shows.
    await first.getByLabel(q.right[0], { exact: true }).check();
    await first.getByRole('button', { name: q.check }).click();
    await expect(first.locator('[data-result]')).toContainText(q.rightVerdict);
    await questions.nth(1).getByRole('textbox').fill(q.right[1]);
    await questions.nth(1).getByRole('button', { name: q.check }).click();
    await expect(mark).not.toHaveClass(/done/);
    await questions.nth(2).getByLabel(q.right[2], { exact: true }).check();
    await questions.nth(2).getByRole('button', { name: q.check }).click();
    await expect(mark).toHaveClass(/done/);
    await expect(mark.locator('[data-step-done]')).not.toHaveAttribute('hidden');
    await expect(shownStep(page).locator('[data-why]')).toBeVisible();
    await expect(await check(page, locale)).toHaveAttribute('data-status', 'passed');

    // After a reload the step is still done and the answers are remembered.
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
    await expect(page.locator('[data-step-item="predict"]')).toHaveClass(/done/);
    await expect(questions.nth(0).locator('[data-result]')).toContainText(q.remembered);
    // The exported zip carries the answers, so `meshdojo check` in the unpacked folder counts them too.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: TEXT[locale].exportZip }).click();
    const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
    expect(JSON.parse(strFromU8(zip['circuit-breaker/.meshdojo/answers.json']!))).toEqual({
      predict: {
        'state-after-cool-down': { choices: [0] },
        'failed-probe': { text: '23' },
        'late-success': { choices: [0] },
      },
    });
    const axe = await new AxeBuilder({ page }).include('[data-steps]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    assertClean();
  });
}

const CHECK_ALL = {
  en: { heading: 'Step 1: Name the subsets', checks: 'Checks' },
  ko: { heading: '1단계: 서브셋에 이름 붙이기', checks: '검사 결과' },
} as const;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: Check all grades every step, under each step’s heading`, async ({ page }) => {
    test.setTimeout(90_000);
    await openLab(page, locale, 'request-routing');
    await runUntil(page, locale, SUBSETS, 'destinationrule.networking.istio.io/reviews created');
    const summary = await check(page, locale, 'all');
    await expect(summary).toHaveAttribute('data-status', 'failed');
    const checks = page.getByRole('region', { name: CHECK_ALL[locale].checks });
    await expect(checks.getByRole('heading', { level: 3 })).toHaveCount(5);
    await expect(checks.getByRole('heading', { name: CHECK_ALL[locale].heading })).toBeVisible();
    await expect(checks.locator('.check.pass').first()).toBeVisible();
    await expect(page.locator('[data-step-item="name-subsets"]')).toHaveClass(/done/);
  });
}

test('the cluster survives a reload and the language switch; Reset cluster and Reset files are apart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const assertClean = watchPage(page);
  await openLab(page, 'en', 'request-routing');
  await runUntil(page, 'en', 'kubectl create namespace keep-me', 'namespace/keep-me created');
  await replaceEditorText(page, 'en', SOLUTION('all-to-v1'));
  await runUntil(
    page,
    'en',
    'kubectl apply -f virtual-services.yaml',
    'virtualservice.networking.istio.io/reviews created',
  );
  await page.getByRole('button', { name: 'Next step' }).click();

  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
  await expect(page.locator('[data-notice]')).toContainText('the commands you ran before were replayed (2)');
  await expect(shownStep(page)).toContainText('Step 2 of 5');
  let terminal = await runInTerminal(page, 'en', 'kubectl get ns keep-me -o name');
  await expect(terminal).toContainText('namespace/keep-me', { timeout: 10_000 });

  // The other language, same lab: the same cluster.
  await openLab(page, 'ko', 'request-routing');
  await expect(page.locator('[data-notice]')).toContainText('명령 3개를 다시 실행해 클러스터를 복원했습니다');
  terminal = await runInTerminal(page, 'ko', 'kubectl get virtualservices');
  await expect(terminal).toContainText(/reviews\s+\["reviews"\]/, { timeout: 10_000 });

  // Reset cluster: a fresh cluster, the files kept.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: TEXT.ko.resetCluster }).click();
  await expect(page.locator('[data-notice]')).toContainText('클러스터를 실습 처음 상태로 다시 시작했습니다');
  terminal = await runInTerminal(page, 'ko', 'kubectl get ns keep-me');
  await expect(terminal).toContainText('namespaces "keep-me" not found', { timeout: 10_000 });
  const editor = page.getByRole('region', { name: TEXT.ko.editor });
  await expect(editor).toContainText('kind: VirtualService');

  // Reset files: the starter back, the cluster as it is.
  await runUntil(page, 'ko', 'kubectl create namespace still-here', 'namespace/still-here created');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: TEXT.ko.resetFiles }).click();
  await expect(editor).not.toContainText('kind: VirtualService');
  terminal = await runInTerminal(page, 'ko', 'kubectl get ns still-here -o name');
  await expect(terminal).toContainText('namespace/still-here', { timeout: 10_000 });
  assertClean();
});

const OTHER_LAB = {
  en: 'This zip holds the lab “circuit-breaker”',
  ko: '이 zip에는 다른 실습(“circuit-breaker”)이 들어 있어',
} as const;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: an exported zip says which lab it holds; another lab’s zip is refused with the reason`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await openLab(page, locale, 'request-routing');
    await runUntil(page, locale, SUBSETS, 'destinationrule.networking.istio.io/reviews created');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: TEXT[locale].exportZip }).click();
    const zip = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
    expect(JSON.parse(strFromU8(zip['request-routing/.meshdojo/lab.json']!))).toEqual({
      lab: 'request-routing',
      version: 1,
    });
    const journal = JSON.parse(strFromU8(zip['request-routing/.meshdojo/journal.json']!)) as { run?: string }[];
    expect(journal.map((entry) => entry.run).filter(Boolean)).toEqual([SUBSETS]);
    expect(zip['request-routing/virtual-services.yaml']).toBeDefined();

    const other = zipSync({
      'circuit-breaker/.meshdojo/lab.json': strToU8('{"lab":"circuit-breaker","version":1}'),
      'circuit-breaker/virtual-services.yaml': strToU8('kind: Oops\n'),
    });
    await page.locator('[data-import-input]').setInputFiles({
      name: 'circuit-breaker.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(other),
    });
    await expect(page.locator('[data-notice]')).toContainText(OTHER_LAB[locale]);
    await expect(page.getByRole('region', { name: TEXT[locale].editor })).not.toContainText('Oops');
  });
}
