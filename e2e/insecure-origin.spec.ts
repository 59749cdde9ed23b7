import { networkInterfaces } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { test, expect } from '@playwright/test';
import { loadLabs } from '../src/labs/node/registry';
import { createCourseServer } from '../scripts/serve.mjs';
import { TEXT, runInTerminal, watchPage } from './lab-helpers';

// A workshop on a LAN serves the course over plain http from an address like 192.168.1.20, which is no secure
// context: no crypto.subtle, no crypto.randomUUID, no cross-origin isolation. The labs must work there all the
// same. Playwright's own server listens on localhost (a secure context), so this spec starts a second one on this
// machine's first non-loopback IPv4 address: the address other devices would use.
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

const lab = (await loadLabs()).find((each) => each.meta.id === 'request-routing')!;
let server: Server | undefined;
let origin = '';

test.beforeAll(async () => {
  if (lanAddress === undefined) return;
  server = createCourseServer(resolve('dist'));
  await new Promise<void>((listening) => server!.listen(0, lanAddress, listening));
  origin = `http://${lanAddress}:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((closed) => (server ? server.close(() => closed()) : closed())));

test('a lab opened from a LAN address over plain http boots, runs openssl and passes its checks', async ({ page }) => {
  test.skip(lanAddress === undefined, 'this machine has no non-loopback IPv4 address to open the course from');
  test.setTimeout(180_000);
  // Browsers refuse COOP on an insecure origin and say so in the console: expected there, and harmless.
  const assertClean = watchPage(page, [/Cross-Origin-Opener-Policy header has been ignored/], [lanAddress!]);
  await page.goto(`${origin}/en/labs/request-routing/?runtime=sandbox`);
  const secure = await page.evaluate(() => ({ secure: isSecureContext, subtle: 'subtle' in crypto }));
  expect(secure, 'the page is really no secure context').toEqual({ secure: false, subtle: false });
  // Booting issues every sidecar's certificate from the mesh's CA (ECDSA keys and signatures).
  await page.waitForFunction(() => performance.getEntriesByName('lab-ready').length > 0, null, { timeout: 60_000 });

  const terminal = await runInTerminal(
    page,
    'en',
    "openssl req -x509 -sha256 -nodes -days 365 -subj '/O=example Inc./CN=example.com' -keyout ca.key -out ca.crt -newkey rsa:2048 2>/dev/null",
  );
  // An RSA key made, a certificate signed with it, and read back; only the output says `rsa-1` (the line `rsa-%s`).
  await runInTerminal(page, 'en', `printf 'rsa-%s\\n' "$(openssl x509 -in ca.crt -noout -text | grep -c Modulus)"`);
  await expect(terminal).toContainText('rsa-1', { timeout: 60_000 });

  await page.getByRole('button', { name: TEXT.en.solve }).click();
  for (const [n, line] of lab.steps.flatMap((step) => step.solution.commands).entries()) {
    await runInTerminal(page, 'en', line);
    await runInTerminal(page, 'en', `printf 'done-%s\\n' ${n}`);
    await expect(terminal).toContainText(`done-${n}`, { timeout: 60_000 });
  }
  // Not lab-helpers' check(): its 20 s for a run is tight on a busy machine, and this test is about crypto, not speed
  // (a run takes as long here as on localhost).
  const checks = page.getByRole('region', { name: TEXT.en.checks });
  await page.getByRole('button', { name: TEXT.en.checkAll, exact: true }).click();
  await expect(checks).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  await expect(checks.locator('[data-checks-summary]')).toHaveAttribute('data-status', 'passed');
  assertClean();
});
