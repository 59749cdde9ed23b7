import { test, expect, type Dialog, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { testZip, type TestEntry } from '../src/components/workbench/store/testing/zip-bomb';
import { TEXT, openLab, runInTerminal, watchPage, type Locale } from './lab-helpers';

// What a learner feeds the lab page: a zip (a huge one is refused by its declared sizes before anything is
// unpacked, and one that would replace the learner's files asks first) and a paste into the terminal (taken
// whole in one redraw; a command past the limit is refused with a message), in both languages.

const LAB = 'request-routing';
const FILE = 'virtual-services.yaml';
const MARKER = `{"lab":"${LAB}","version":1}`;

const WORDS = {
  en: {
    tooLarge: `Nothing was imported: “${LAB}/film.bin” in the zip unpacks to 1 GB, more than the 2 MB one file of a lab may hold.`,
    oneOfFour: 'in the zip unpacks to 1 GB',
    imported: 'Imported 1 file.',
    cancelled: 'Import cancelled: your files are unchanged.',
    confirm: 'Replace these files with the ones in the zip?',
    tooLong: 'meshdojo: a command can hold at most 65,536 characters; the rest of this input was not taken.',
  },
  ko: {
    tooLarge: `아무것도 가져오지 않았습니다: zip 안의 “${LAB}/film.bin”을(를) 풀면 1GB로, 실습 파일 하나가 넘을 수 없는 2MB보다 큽니다.`,
    oneOfFour: '을(를) 풀면 1GB로',
    imported: '파일 1개를 가져왔습니다.',
    cancelled: '가져오기를 취소했습니다. 파일은 바뀌지 않았습니다.',
    confirm: '다음 파일을 zip에 든 파일로 바꿀까요?',
    tooLong: 'meshdojo: 명령 하나는 65,536자를 넘을 수 없습니다. 붙여 넣은 나머지 부분은 입력하지 않았습니다.',
  },
} as const;

const notice = (page: Page) => page.locator('[data-notice]');
const editor = (page: Page, locale: Locale) => page.getByRole('region', { name: TEXT[locale].editor });

async function importZip(page: Page, zip: Uint8Array) {
  await page.locator('[data-import-input]').setInputFiles({
    name: `${LAB}.zip`,
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
}

/**
 * Milliseconds the page takes from the file input's change to the notice that answers it, measured in the
 * page (handing the file over from the test takes its own time). Call before choosing the file; await after.
 */
async function timeImport(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const input = document.querySelector('[data-import-input]')!;
    const shown = document.querySelector('[data-notice]')!;
    const holder = window as unknown as { importMs?: number };
    delete holder.importMs;
    input.addEventListener(
      'change',
      () => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          holder.importMs = performance.now() - started;
        });
        observer.observe(shown, { childList: true, characterData: true, subtree: true });
      },
      { once: true, capture: true },
    );
  });
  return async () =>
    (
      await page.waitForFunction(() => (window as unknown as { importMs?: number }).importMs)
    ).jsonValue() as Promise<number>;
}

/** Pastes `text` into the terminal as the browser would (one paste event, which xterm hands on as one chunk). */
async function pasteInTerminal(page: Page, locale: Locale, text: string) {
  const terminal = page.getByRole('region', { name: TEXT[locale].terminal });
  const textbox = terminal.getByRole('textbox');
  await textbox.focus();
  await textbox.evaluate((element, value) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
  return terminal;
}

for (const locale of ['en', 'ko'] as const) {
  const words = WORDS[locale];

  test(`${locale}: a zip with 1 GiB entries is refused by their declared sizes in well under a second; the page stays usable`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const assertClean = watchPage(page);
    await openLab(page, locale, LAB);
    await expect(editor(page, locale)).toContainText('Write your VirtualServices here');
    const before = await editor(page, locale).textContent();

    const zips: [Record<string, TestEntry>, string][] = [
      // A real 1 GiB entry (a megabyte of deflated zeros) under a name the import would not even take.
      [{ [`${LAB}/.meshdojo/lab.json`]: MARKER, [`${LAB}/film.bin`]: { zeros: 1024 } }, words.tooLarge],
      [
        { [`${LAB}/${FILE}`]: { zeros: 1024 }, a: { zeros: 1024 }, b: { zeros: 1024 }, c: { zeros: 1024 } },
        words.oneOfFour,
      ],
    ];
    for (const [entries, refused] of zips) {
      const zip = testZip(entries);
      const answered = await timeImport(page);
      await importZip(page, zip);
      await expect(notice(page)).toContainText(refused);
      expect(await answered(), 'ms from choosing the file to the refusal').toBeLessThan(1_000);
    }

    // Nothing changed, and the terminal still answers.
    expect(await editor(page, locale).textContent()).toBe(before);
    const terminal = await runInTerminal(page, locale, 'echo still-here');
    await expect(terminal).toContainText('still-here\n'.trim(), { timeout: 10_000 });
    assertClean();
  });

  test(`${locale}: an import that would replace the learner’s files asks first, naming them; cancel changes nothing`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const assertClean = watchPage(page);
    await openLab(page, locale, LAB);
    await expect(editor(page, locale)).toContainText('Write your VirtualServices here');
    const zip = zipSync({
      [`${LAB}/.meshdojo/lab.json`]: strToU8(MARKER),
      [`${LAB}/${FILE}`]: strToU8('kind: FromTheZip\n'),
    });

    const asked: string[] = [];
    // Answered once; a dialog Chromium has already closed (a busy machine) is not an error of the test's own.
    const answer = (dialog: Dialog, how: 'accept' | 'dismiss') => {
      asked.push(dialog.message());
      void dialog[how]().catch(() => undefined);
    };
    page.once('dialog', (dialog) => answer(dialog, 'dismiss'));
    await importZip(page, zip);
    await expect(notice(page)).toHaveText(words.cancelled);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(words.confirm);
    expect(asked[0]).toContain(FILE);
    await expect(editor(page, locale)).not.toContainText('FromTheZip');

    page.once('dialog', (dialog) => answer(dialog, 'accept'));
    await importZip(page, zip);
    await expect(notice(page)).toHaveText(words.imported);
    await expect(editor(page, locale)).toContainText('kind: FromTheZip');
    expect(asked).toHaveLength(2);

    // The same zip again replaces nothing: no question.
    page.once('dialog', (dialog) => answer(dialog, 'dismiss'));
    await importZip(page, zip);
    await expect(notice(page)).toHaveText(words.imported);
    expect(asked).toHaveLength(2);
    assertClean();
  });

  test(`${locale}: a 10 KB paste reaches the command whole; a command past 65,536 characters gets a message`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    // xterm says "write data discarded" on the console when it is flooded: watchPage fails the test on it.
    const assertClean = watchPage(page);
    await openLab(page, locale, LAB);

    // A here-document of 128 lines of 80 characters: 10,368 bytes with their newlines.
    const body = Array.from({ length: 128 }, (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(77)}`).join('\n');
    let terminal = await pasteInTerminal(page, locale, `cat <<EOF | wc -c\n${body}\nEOF\n`);
    await expect(terminal).toContainText('10368', { timeout: 10_000 });
    // One line of 10 KB.
    terminal = await pasteInTerminal(page, locale, `echo ${'y'.repeat(10_240)} | wc -c\n`);
    await expect(terminal).toContainText('10241', { timeout: 10_000 });

    terminal = await pasteInTerminal(page, locale, `echo ${'z'.repeat(70_000)}\necho never-run\n`);
    await expect(terminal).toContainText(words.tooLong);
    terminal = await runInTerminal(page, locale, 'echo after-the-refusal');
    await expect(terminal).toContainText('after-the-refusal\n'.trim(), { timeout: 10_000 });
    await expect(terminal).not.toContainText('never-run');
    assertClean();
  });
}
