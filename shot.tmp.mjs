import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`http://localhost:4330${process.argv[2]}`);
await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 30000 });
for (const action of (process.argv[4] ?? '').split('|').filter(Boolean)) {
  const [kind, arg] = action.split(':');
  if (kind === 'click') await page.getByRole('button', { name: arg, exact: true }).first().click();
  if (kind === 'wait') await page.waitForTimeout(Number(arg));
  if (kind === 'type') { await page.locator('.xterm-helper-textarea').focus(); await page.keyboard.type(arg + '\n'); }
}
await page.screenshot({ path: process.argv[3] });
await browser.close();
