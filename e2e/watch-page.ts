import { expect, type Page } from '@playwright/test';

/**
 * Fails the test on any request to another host (other than `allowedHosts`) and on any console error not
 * explicitly expected.
 */
export function watchPage(page: Page, allowedErrors: RegExp[] = [], allowedHosts: string[] = []) {
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = ['localhost', '127.0.0.1', ...allowedHosts].includes(url.hostname);
    if (!local && url.protocol.startsWith('http')) outside.push(url.href);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowedErrors.some((re) => re.test(message.text()))) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return () => {
    expect(outside, 'requests to other hosts').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  };
}
