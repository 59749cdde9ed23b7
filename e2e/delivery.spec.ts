import { test, expect, type Response } from '@playwright/test';
import { openLab, type Locale } from './lab-helpers';

// What `npm start` sends a browser (scripts/serve.mjs): the build's brotli copies, and cache headers that let a
// browser keep the hashed files under /_astro/ and revalidate everything else.

for (const locale of ['ko', 'en'] as Locale[]) {
  test(`${locale}: a lab page and its scripts arrive brotli-compressed, the hashed ones cacheable for a year`, async ({
    page,
  }) => {
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await openLab(page, locale, 'request-routing');

    const html = responses.find((r) => new URL(r.url()).pathname === `/${locale}/labs/request-routing/`);
    expect(await html?.headerValue('content-encoding')).toBe('br');
    expect(await html?.headerValue('cache-control')).toBe('no-cache');

    const scripts = responses.filter((r) => /^\/_astro\/.+\.js$/.test(new URL(r.url()).pathname));
    for (const response of scripts)
      expect(await response.headerValue('cache-control'), response.url()).toBe('public, max-age=31536000, immutable');
    // The big ones: the workbench's script, the terminal, the editor and the sandbox Worker (fetched by the Worker).
    for (const name of [/Workbench\.astro/, /xterm-terminal/, /editor\.api/, /sandbox-worker/]) {
      const response = scripts.find((r) => name.test(r.url()));
      expect(response, String(name)).toBeDefined();
      expect(await response!.headerValue('content-encoding'), response!.url()).toBe('br');
    }
  });
}
