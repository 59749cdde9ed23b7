import { test, expect, type Locator, type Page } from '@playwright/test';
import { TEXT, check, openLab, runInTerminal, watchPage, type Locale } from './lab-helpers';

// Korean on any machine: this machine has no Korean system font (`fc-list :lang=ko` is empty), so Hangul in a
// monospace place is drawn by the course's own face or not at all. Chromium says which fonts drew a node's text
// (CDP CSS.getPlatformFontsForNode); every monospace place must be drawn by Nanum Gothic Coding alone, the web
// font (Chromium reports a face by its own name, NanumGothicCoding).

const FACE = 'Nanum Gothic Coding';
const DRAWN_BY_FACE = [{ familyName: 'NanumGothicCoding', isCustomFont: true }];
const HANGUL = '안녕하세요';

/**
 * Returns `expectDrawnByFace(target, where)`, which waits until the text directly inside the element `target`
 * points at is drawn by the face alone: its Hangul slices load as text needs them, and the widgets then draw
 * again (the terminal replaces its rows' elements, so a node can vanish between two calls: that is retried).
 */
async function fontProbe(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const drawing = async (target: Locator) => {
    try {
      await target.evaluate((element) => element.setAttribute('data-font-probe', ''));
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe]' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      await target.evaluate((element) => element.removeAttribute('data-font-probe'));
      return fonts.map(({ familyName, isCustomFont }) => ({ familyName, isCustomFont }));
    } catch (error) {
      return String(error);
    }
  };
  return async (target: Locator, where: string) => {
    await expect(target, where).toBeVisible();
    await expect.poll(() => drawing(target), { message: where, timeout: 10_000 }).toEqual(DRAWN_BY_FACE);
  };
}

for (const locale of ['ko', 'en'] as Locale[]) {
  test(`${locale}: code blocks, the editor, the terminal and the checks draw Hangul and Latin in ${FACE}`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const assertClean = watchPage(page);
    await openLab(page, locale, 'request-routing');
    const expectDrawnByFace = await fontProbe(page);

    // A code block of the step pane (Expressive Code).
    await expectDrawnByFace(page.locator('.expressive-code .ec-line .code span').first(), 'code block');

    // The terminal: what the learner types, echoed back.
    const terminal = await runInTerminal(page, locale, `echo ${HANGUL} GATEWAY_URL`);
    await expectDrawnByFace(terminal.locator('.xterm-rows span', { hasText: HANGUL }).last(), 'terminal');

    // The editor: a comment in Korean at the end of the open file.
    const editor = page.getByRole('region', { name: TEXT[locale].editor });
    await editor.locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(`# ${HANGUL}`);
    await expectDrawnByFace(editor.locator('.view-line span span', { hasText: HANGUL }), 'editor');

    // The checks' expected/seen: the first step fails on an untouched cluster (in Korean on the Korean page).
    await check(page, locale);
    const seen = page.getByRole('region', { name: TEXT[locale].checks }).locator('.check-details dd').first();
    if (locale === 'ko') await expect(seen).toContainText(/[가-힣]/);
    await expectDrawnByFace(seen, 'checks panel');
    assertClean();
  });
}

// Underscores: at some zoom levels the old fonts drew "_" on a pixel row the terminal's next line covers, so
// `GATEWAY_URL` read "GATEWAY URL". A zoom is a device pixel ratio; at each, the "_" cell must show ink.
test('en: the terminal draws underscores at every zoom level', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const zoom of [0.75, 0.9, 1, 1.1, 1.25, 1.5, 2]) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: zoom });
    const page = await context.newPage();
    await openLab(page, 'en', 'request-routing');
    const terminal = await runInTerminal(page, 'en', 'echo GATEWAY_URL');
    const output = terminal.locator('.xterm-rows > div').filter({ hasText: /^GATEWAY_URL\s*$/ });
    await expect(output).toHaveCount(1);
    // The "_" cell: the character's box across, the whole row down.
    const cell = await output.evaluate((row) => {
      const text = document.createTreeWalker(row, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf('_'));
      range.setEnd(text, text.data.indexOf('_') + 1);
      const glyph = range.getBoundingClientRect();
      const line = row.getBoundingClientRect();
      return { x: glyph.x, y: line.y, width: glyph.width, height: line.height };
    });
    const png = await page.screenshot({ clip: cell });
    const inked = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context2d = canvas.getContext('2d')!;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height).data;
      // Ink is any pixel clearly unlike the top-left one (the terminal's background).
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const distance = [0, 1, 2].reduce((sum, c) => sum + Math.abs(pixels[i + c]! - pixels[c]!), 0);
        if (distance > 60) count++;
      }
      return count;
    }, png.toString('base64'));
    expect(inked, `pixels of "_" at zoom ${zoom}`).toBeGreaterThan(0);
    await context.close();
  }
});
