import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
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
    refused:
      'Your code sent the page a message it did not ask for, or a report that does not add up, so the sandbox stopped it.',
    stalled: 'The terminal did not answer for 4 s',
    restarted: 'The terminal started again: its cluster was rebuilt from the commands you ran, without your code.',
    live: "The terminal's cluster now runs your code",
  },
  ko: {
    next: '다음 단계',
    refused: '내 코드가 페이지가 요청하지 않은 메시지나 앞뒤가 맞지 않는 결과를 보내 샌드박스가 코드를 멈췄습니다.',
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
const notice = (page: Page) => page.locator('[data-notice]');

/** The course's IndexedDB record of a lab's saved work (the workbench's store: src/components/workbench/store). */
const readWorkspace = (page: Page, labId: string) =>
  page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('meshdojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('workspaces').objectStore('workspaces').get(id);
          get.onsuccess = () => (resolve(get.result), open.result.close());
        };
      }),
    labId,
  );

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

test('Array.prototype patched by the learner’s code breaks neither the next, correct run nor the terminal (ko)', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'ko');
  const patch = `${SOLUTION}\n${GLOBAL}\ng.Array.prototype.map = function () { return []; };\ng.Array.prototype.filter = function () { return []; };\n`;
  await expect(await checkCode(page, 'ko', patch)).not.toHaveAttribute('data-status', 'passed');
  await page.getByRole('button', { name: TEXT.ko.solve }).click();
  await expect(await check(page, 'ko')).toHaveAttribute('data-status', 'passed');
  // The correct code went live in a fresh terminal Worker: no patched built-in of the run before is left there.
  await expect(notice(page)).toContainText(WORDS.ko.live, { timeout: 30_000 });
  const terminal = await runInTerminal(page, 'ko', 'kubectl get deploy -o name | sort');
  await expect(terminal).toContainText('deployment.apps/fortio-deploy');
  await expect(terminal).toContainText('deployment.apps/httpbin');
  assertClean();
});

test('(0, eval)(this) finds no storage of the course, in the check run or the terminal; another lab’s files stay as they were', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'en');
  // Another lab's saved work, in the course's IndexedDB.
  const other = {
    labId: 'request-routing',
    files: { 'virtual-services.yaml': 'kind: Mine\n' },
    journal: [],
    updatedAt: 1,
  };
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
  // The module is loaded once per check: a later check reads what the first one's Cache Storage call came to.
  // Its top level runs again in the terminal's Worker when the run's code goes live.
  const probe = `${SOLUTION}\n${GLOBAL}
const seen: string[] = [];
try {
  const open = g.indexedDB.open('meshdojo');
  open.onsuccess = () => open.result.transaction('workspaces', 'readwrite').objectStore('workspaces').clear();
  seen.push('indexedDB opened');
} catch (error) {
  seen.push('indexedDB ' + (error as Error).name);
}
if (g.cachesSeen === undefined) {
  g.cachesSeen = 'pending';
  try {
    g.caches.open('meshdojo').then(() => (g.cachesSeen = 'opened'), (error: Error) => (g.cachesSeen = error.name));
  } catch (error) {
    g.cachesSeen = (error as Error).name;
  }
}
seen.push('caches ' + g.cachesSeen, 'localStorage ' + typeof g.localStorage, 'origin ' + g.origin);
throw new Error('storage probe: ' + seen.join(', '));
`;
  await checkCode(page, 'en', probe);
  await expect(checksList(page, 'en')).toContainText(
    'storage probe: indexedDB SecurityError, caches SecurityError, localStorage undefined, origin null',
  );
  expect(await readWorkspace(page, 'request-routing')).toEqual(other);
  // Code goes live only after a passing run: the same attempts, quietly, at the top of a passing solution, run
  // again in the terminal's Worker when it goes live there.
  const quiet = `${SOLUTION}\n${GLOBAL}
try {
  const open = g.indexedDB.open('meshdojo');
  open.onsuccess = () => open.result.transaction('workspaces', 'readwrite').objectStore('workspaces').clear();
} catch {
  // refused: what the test wants
}
try {
  g.localStorage.clear();
} catch {
  // refused
}
`;
  await expect(await checkCode(page, 'en', quiet)).toHaveAttribute('data-status', 'passed');
  await expect(notice(page)).toContainText(WORDS.en.live, { timeout: 30_000 });
  await page.waitForTimeout(1000); // not a performance bound: time for a clear the terminal's Worker sent to land
  expect(await readWorkspace(page, 'request-routing')).toEqual(other);
  await expect(page.locator('iframe[sandbox="allow-scripts"]')).toHaveCount(2); // the terminal's, the spare's
  assertClean();
});

for (const locale of ['ko', 'en'] as const) {
  test(`${locale}: forged “all checks passed” reports are refused, not shown, and not kept after reload`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const assertClean = watchPage(page);
    await openCodeStep(page, locale);
    const list = checksList(page, locale);
    // 1. The grader's own report, made to say "passed" by a patched built-in (the grader looks for the first
    // check that did not pass with Array.prototype.find): the page sees a pass with checks that failed.
    const patchedGrader = `${STARTER}\n${GLOBAL}
const find = g.Array.prototype.find;
g.Array.prototype.find = function (test: (item: unknown) => boolean) {
  const found = find.call(this, test);
  return found && typeof found === 'object' && 'status' in found && 'hint' in found ? undefined : found;
};
`;
    const first = await checkCode(page, locale, patchedGrader);
    await expect(first).toHaveAttribute('data-status', 'error');
    await expect(first).toHaveText(WORDS[locale].refused);
    await expect(list.locator('[data-status="pass"]')).toHaveCount(0);
    // 2. A report posted straight to the page, through the frame's Worker object and through any port the
    // page's own replies go by.
    const posted = `${STARTER}\n${GLOBAL}
const forged = { report: { status: 'passed', results: [], errors: [], durationMs: 1 } };
const send = g.MessagePort.prototype.postMessage;
g.MessagePort.prototype.postMessage = function (message: { id: number }) {
  return send.call(this, { id: message.id, ok: true, value: forged });
};
for (let id = 0; id < 10; id++) g.postMessage({ id, ok: true, value: forged });
`;
    const second = await checkCode(page, locale, posted);
    await expect(second).toHaveAttribute('data-status', 'error');
    await expect(second).toHaveText(WORDS[locale].refused);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30_000 });
    await expect(page.locator('[data-checks-summary]')).toHaveAttribute('data-status', 'error');
    const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('meshdojo.progress.v1') ?? '{}'));
    const steps = progress.labs?.['circuit-breaker']?.steps ?? {};
    expect(steps['open-at-threshold']?.passedAt).toBeUndefined();
    expect(Object.values(steps['open-at-threshold']?.checks ?? {})).not.toContain('pass');
    assertClean();
  });
}

test('300k postMessages do not freeze the page: the Worker is ended and the page answers meanwhile', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const assertClean = watchPage(page);
  await openCodeStep(page, 'en');
  // Then it loops: a page that only waited for the flood to end would report the loop ('failed').
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

test('the Workers have no network: fetch, XHR, WebSocket and importScripts are refused, in the check run and the terminal', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // A server of the test's own on another port: anything the learner's code reaches, it sees.
  const seen: string[] = [];
  const listener = createServer((request, response) => (seen.push(`${request.method} ${request.url}`), response.end()));
  listener.on(
    'upgrade',
    (request: IncomingMessage, socket: Duplex) => (seen.push(`upgrade ${request.url}`), socket.destroy()),
  );
  await new Promise<void>((resolve) => listener.listen(0, 'localhost', resolve));
  const outside = `localhost:${(listener.address() as AddressInfo).port}`;
  // The browser reports each refusal on the console, and to Playwright as a request that failed on the policy.
  const assertClean = watchPage(page, [/Refused to connect|connect-src|Failed to load resource/i], ['stackblitz.com']);
  const toStackBlitz = (url: string) => new URL(url).hostname === 'stackblitz.com';
  const refusals: string[] = [];
  const answered: string[] = [];
  page.on('requestfailed', (request) => toStackBlitz(request.url()) && refusals.push(request.failure()!.errorText));
  page.on('response', (response) => toStackBlitz(response.url()) && answered.push(response.url()));
  await openCodeStep(page, 'en');
  // A check later in the run reads what the first one's fetch came to. (The WebSocket's error event comes after
  // the run: the grader runs on virtual time, in one go; the server says whether it got through.)
  const probe = `${SOLUTION}\n${GLOBAL}
if (g.fetched === undefined) {
  g.fetched = 'pending';
  g.fetch('https://stackblitz.com/').then(() => (g.fetched = 'reached'), (error: Error) => (g.fetched = 'refused ' + error.name));
  g.fetch('http://${outside}/fetch').catch(() => undefined);
  try {
    new g.WebSocket('ws://${outside}/socket');
  } catch {
    // refused at once: the server's silence says the same
  }
}
let xhr = 'reached';
try {
  const request = new g.XMLHttpRequest();
  request.open('GET', 'https://stackblitz.com/', false);
  request.send();
} catch (error) {
  xhr = 'refused ' + (error as Error).name;
}
let script = 'loaded';
try {
  g.importScripts('http://${outside}/script.js');
} catch (error) {
  script = 'refused ' + (error as Error).name;
}
throw new Error('network probe: fetch ' + g.fetched + ', xhr ' + xhr + ', importScripts ' + script);
`;
  await checkCode(page, 'en', probe);
  const list = checksList(page, 'en');
  await expect(list).toContainText(
    'network probe: fetch refused TypeError, xhr refused NetworkError, importScripts refused NetworkError',
  );
  await expect(list).not.toContainText('reached');
  // Code goes live only after a passing run: the same attempts, quietly, at the top of a passing solution, run
  // again in the terminal's Worker, which lives on.
  const quiet = `${SOLUTION}\n${GLOBAL}
for (const attempt of [
  () => g.fetch('http://${outside}/live-fetch').catch(() => undefined),
  () => new g.WebSocket('ws://${outside}/live-socket'),
  () => g.importScripts('http://${outside}/live-script.js'),
]) {
  try {
    attempt();
  } catch {
    // refused: what the test wants
  }
}
`;
  await expect(await checkCode(page, 'en', quiet)).toHaveAttribute('data-status', 'passed');
  await expect(notice(page)).toContainText(WORDS.en.live, { timeout: 30_000 });
  await page.waitForTimeout(2000); // not a performance bound: time for anything the terminal's Worker sent to land
  listener.close();
  expect(seen).toEqual([]);
  expect(answered).toEqual([]);
  // Each attempt to leave was stopped by the browser: by the page policy ('csp'), or — when the check run's frame
  // goes as the run ends, which on a busy machine can come first — told to Playwright as aborted. Nothing else.
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.filter((reason) => reason !== 'csp' && reason !== 'net::ERR_ABORTED')).toEqual([]);
  assertClean();
});

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: a solution with a timer that loops 6 s later passes; the watchdog brings the terminal back`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const assertClean = watchPage(page);
    await openCodeStep(page, locale);
    const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
    // Something of the learner's own in the cluster, which the restart must bring back from the journal.
    await runInTerminal(page, locale, 'kubectl create namespace kept-by-journal');
    await expect(terminal).toContainText('namespace/kept-by-journal created');
    const timeBomb = `${SOLUTION}\n${GLOBAL}\nif (!g.armed) {\n  g.armed = true;\n  g.setTimeout(() => {\n    for (;;) {}\n  }, 6000);\n}\n`;
    await expect(await checkCode(page, locale, timeBomb)).toHaveAttribute('data-status', 'passed');
    await expect(notice(page)).toContainText(WORDS[locale].live, { timeout: 30_000 });
    // 6 s later the terminal's Worker spins; the watchdog ends it and boots the cluster again from the journal.
    await expect(terminal).toContainText(WORDS[locale].restarted, { timeout: 30_000 });
    await expect(terminal).toContainText(WORDS[locale].stalled);
    await expect(notice(page)).toContainText(WORDS[locale].stalled);
    await expect(notice(page)).toContainText(WORDS[locale].restarted);
    // The terminal answers again, with the learner's namespace, and Ctrl-C stops a command.
    await runInTerminal(page, locale, "kubectl get namespace kept-by-journal -o name | sed 's/^/back: /'");
    await expect(terminal).toContainText('back: namespace/kept-by-journal', { timeout: 15_000 });
    await runInTerminal(page, locale, 'sleep 60');
    await page.keyboard.press('Control+C');
    await runInTerminal(page, locale, 'echo after-$((40 + 2))');
    await expect(terminal).toContainText(/\^C[\s\S]*after-42/, { timeout: 10_000 });
    assertClean();
  });
}
