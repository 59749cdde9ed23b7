import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TEXT, check, openLab, replaceEditorText, runInTerminal, watchPage, type Locale } from './lab-helpers';

// Learner code as an attacker or a careless learner writes it, in the code lab (circuit-breaker): it runs in the
// check Worker and, once a run finishes, in the terminal's. Each payload reaches the real global with
// `(0, eval)('this')` (the grader hides `self` and friends from a module, as an accident guard only). What the
// sandbox promises: no run sees the last one's globals, the Worker has no storage and no network, the page
// refuses what it did not ask for and stays usable, and a terminal that learner code froze comes back.

const file = (path: string) => readFileSync(new URL(`../src/labs/circuit-breaker/${path}`, import.meta.url), 'utf8');
const SOLUTION = file('solution/late-answers/circuit-breaker.ts');
const STARTER = file('files/circuit-breaker.ts');
const GLOBAL = "const g = (0, eval)('this');";

const WORDS = {
  en: {
    next: 'Next step',
    refused: 'Your code sent the page a message it did not ask for, so the sandbox stopped it.',
    stalled: 'The terminal did not answer for 4 s',
    restarted: 'The terminal started again: its cluster was rebuilt from the commands you ran, without your code.',
    live: "The terminal's cluster now runs your code",
  },
  ko: {
    next: '다음 단계',
    refused: '내 코드가 페이지가 요청하지 않은 메시지를 보내 샌드박스가 코드를 멈췄습니다.',
    stalled: '터미널이 4초 동안 응답하지 않았습니다.',
    restarted: '터미널을 다시 시작했습니다. 실행했던 명령으로 클러스터를 다시 만들었으며, 내 코드는 빠졌습니다.',
    live: '이제 터미널의 클러스터가 내 코드로 동작합니다.',
  },
} as const;

/** The lab's first code step (the lab starts with a quiz, graded in the page, where no code runs). */
async function openCodeStep(page: Page, locale: Locale) {
  await openLab(page, locale, 'circuit-breaker');
  await page.getByRole('button', { name: WORDS[locale].next }).click();
}

/** Puts `code` in the editor and checks the step; returns the summary line. */
async function checkCode(page: Page, locale: Locale, code: string) {
  await replaceEditorText(page, locale, code);
  return check(page, locale);
}

const checksList = (page: Page, locale: Locale) =>
  page.getByRole('region', { name: TEXT[locale].checks }).locator('[data-checks-list]');

test('a global the learner’s code sets does not carry over to the next run', async ({ page }) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'en');
  const counter = `${SOLUTION}\n${GLOBAL}\ng.runs = (g.runs ?? 0) + 1;\nthrow new Error('runs seen: ' + g.runs);\n`;
  await checkCode(page, 'en', counter);
  const first = await checksList(page, 'en').textContent();
  expect(first).toContain('runs seen: 1');
  await check(page, 'en');
  expect(await checksList(page, 'en').textContent()).toBe(first);
  assertClean();
});

test('Array.prototype patched by the learner’s code does not break the next, correct run (ko)', async ({ page }) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'ko');
  const patch = `${SOLUTION}\n${GLOBAL}\ng.Array.prototype.map = function () { return []; };\ng.Array.prototype.filter = function () { return []; };\n`;
  await expect(await checkCode(page, 'ko', patch)).not.toHaveAttribute('data-status', 'passed');
  await page.getByRole('button', { name: TEXT.ko.solve }).click();
  await expect(await check(page, 'ko')).toHaveAttribute('data-status', 'passed');
  assertClean();
});

test('(0, eval)(this) finds no storage of the course; another lab’s files stay as they were', async ({ page }) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'en');
  // Another lab's saved work, in the course's IndexedDB (the workbench's store: src/components/workbench/store).
  const other = {
    labId: 'request-routing',
    files: { 'virtual-services.yaml': 'kind: Mine\n' },
    journal: [],
    updatedAt: 1,
  };
  const readOther = () =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('meshdojo');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('workspaces').objectStore('workspaces').get('request-routing');
            get.onsuccess = () => (resolve(get.result), open.result.close());
          };
        }),
    );
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('meshdojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const put = open.result.transaction('workspaces', 'readwrite').objectStore('workspaces').put(record);
          put.onsuccess = () => (resolve(), open.result.close());
        };
      }),
    other,
  );
  const probe = `${SOLUTION}\n${GLOBAL}
const seen: string[] = [];
try {
  const open = g.indexedDB.open('meshdojo');
  open.onsuccess = () => open.result.transaction('workspaces', 'readwrite').objectStore('workspaces').clear();
  seen.push('indexedDB opened');
} catch (error) {
  seen.push('indexedDB ' + (error as Error).name);
}
seen.push('localStorage ' + typeof g.localStorage, 'origin ' + g.origin);
throw new Error('storage probe: ' + seen.join(', '));
`;
  await checkCode(page, 'en', probe);
  await expect(checksList(page, 'en')).toContainText(
    'storage probe: indexedDB SecurityError, localStorage undefined, origin null',
  );
  expect(await readOther()).toEqual(other);
  assertClean();
});

for (const locale of ['ko', 'en'] as const) {
  test(`${locale}: a forged “all checks passed” message is refused, and not kept after reload`, async ({ page }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    await openCodeStep(page, locale);
    // The starter fails its checks; the forgery says they passed, through the frame's Worker object and through
    // any port the page's own replies go by.
    const forgery = `${STARTER}\n${GLOBAL}
const forged = { report: { status: 'passed', results: [], errors: [], durationMs: 1 } };
const send = g.MessagePort.prototype.postMessage;
g.MessagePort.prototype.postMessage = function (message: { id: number }) {
  return send.call(this, { id: message.id, ok: true, value: forged });
};
for (let id = 0; id < 10; id++) g.postMessage({ id, ok: true, value: forged });
`;
    const summary = await checkCode(page, locale, forgery);
    await expect(summary).toHaveAttribute('data-status', 'error');
    await expect(summary).toHaveText(WORDS[locale].refused);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
    await expect(page.locator('[data-checks-summary]')).toHaveAttribute('data-status', 'error');
    const progress = await page.evaluate(() => localStorage.getItem('meshdojo.progress.v1') ?? '');
    expect(progress).not.toMatch(/open-at-threshold[^}]*passedAt/);
    assertClean();
  });
}

test('300k postMessages do not freeze the page: the Worker is ended and the page answers meanwhile', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'en');
  // Then it spins: a page that only waited for the flood to end would see the time limit stop it ('timeout').
  const flood = `${STARTER}\n${GLOBAL}\nfor (let i = 0; i < 300_000; i++) g.postMessage({ i });\nfor (;;) {}\n`;
  await replaceEditorText(page, 'en', flood);
  await page.getByRole('button', { name: TEXT.en.check, exact: true }).click();
  // The page takes keys and the terminal answers while the check runs.
  const terminal = await runInTerminal(page, 'en', 'echo still-answering');
  await expect(terminal).toContainText('still-answering');
  const summary = page.getByRole('region', { name: TEXT.en.checks }).locator('[data-checks-summary]');
  await expect(summary).toHaveText(WORDS.en.refused, { timeout: 20_000 });
  await expect(summary).toHaveAttribute('data-status', 'error');
  assertClean();
});

test('the Worker has no network: fetch and XHR to StackBlitz are refused inside it', async ({ page }) => {
  test.setTimeout(90_000);
  // The browser reports each refusal on the console, and to Playwright as a request that failed on the policy.
  const assertClean = watchPage(page, [/Refused to connect|connect-src|Failed to load resource/i], ['stackblitz.com']);
  const toStackBlitz = (url: string) => new URL(url).hostname === 'stackblitz.com';
  const refusals: string[] = [];
  const answered: string[] = [];
  page.on('requestfailed', (request) => toStackBlitz(request.url()) && refusals.push(request.failure()!.errorText));
  page.on('response', (response) => toStackBlitz(response.url()) && answered.push(response.url()));
  await openCodeStep(page, 'en');
  // A check later in the run reads what the first one's fetch came to.
  const probe = `${SOLUTION}\n${GLOBAL}
if (g.fetched === undefined) {
  g.fetched = 'pending';
  g.fetch('https://stackblitz.com/').then(() => (g.fetched = 'reached'), (error: Error) => (g.fetched = 'refused ' + error.name));
}
let xhr = 'reached';
try {
  const request = new g.XMLHttpRequest();
  request.open('GET', 'https://stackblitz.com/', false);
  request.send();
} catch (error) {
  xhr = 'refused ' + (error as Error).name;
}
throw new Error('network probe: fetch ' + g.fetched + ', xhr ' + xhr);
`;
  await checkCode(page, 'en', probe);
  const list = checksList(page, 'en');
  await expect(list).toContainText('network probe: fetch refused TypeError, xhr refused NetworkError');
  await expect(list).not.toContainText('reached');
  expect(answered).toEqual([]);
  expect(refusals.length).toBeGreaterThan(0);
  expect(new Set(refusals)).toEqual(new Set(['csp']));
  assertClean();
});

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: a solution with a timer that loops 6 s later passes; the watchdog brings the terminal back`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const assertClean = watchPage(page);
    await openCodeStep(page, locale);
    const timeBomb = `${SOLUTION}\n${GLOBAL}\nif (!g.armed) {\n  g.armed = true;\n  g.setTimeout(() => {\n    for (;;) {}\n  }, 6000);\n}\n`;
    await expect(await checkCode(page, locale, timeBomb)).toHaveAttribute('data-status', 'passed');
    const notice = page.locator('[data-notice]');
    await expect(notice).toContainText(WORDS[locale].live);
    // 6 s later the terminal's Worker spins; the watchdog ends it and boots the cluster again from the journal.
    const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
    await expect(terminal).toContainText(WORDS[locale].restarted, { timeout: 30_000 });
    await expect(terminal).toContainText(WORDS[locale].stalled);
    await expect(notice).toContainText(WORDS[locale].stalled);
    await expect(notice).toContainText(WORDS[locale].restarted);
    // The terminal answers again, and Ctrl-C stops a command.
    await runInTerminal(page, locale, 'echo answering-again');
    await expect(terminal).toContainText('answering-again', { timeout: 10_000 });
    await runInTerminal(page, locale, 'sleep 60');
    await page.keyboard.press('Control+C');
    await runInTerminal(page, locale, 'echo after-ctrl-c');
    await expect(terminal).toContainText(/\^C[\s\S]*after-ctrl-c/, { timeout: 10_000 });
    assertClean();
  });
}
