import { afterEach, expect, it } from 'vitest';
import { MAX_BODY_BYTES, type Workshop } from '../protocol';
import { createRateLimiter } from './rate-limit';
import { browser, checkRun, startTestServer, type TestServer } from './test-kit';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

it('refuses a body larger than MAX_BODY_BYTES with 413 before parsing it', async () => {
  server = await startTestServer();
  const body = JSON.stringify({ key: 'x'.repeat(MAX_BODY_BYTES) });
  const response = await browser(server.url).request('/api/instructor/session', { method: 'POST', body });
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ error: 'too-large' });
});

it('limits each address, and each seat, with token buckets on the injected clock', async () => {
  server = await startTestServer({
    rateLimits: { perAddress: { burst: 20, perSecond: 1 }, perSeat: { burst: 2, perSecond: 1 } },
  });
  const teacher = browser(server.url);
  await teacher.request('/api/instructor/session', { json: { key: server.key } });
  const created = await teacher.request('/api/workshops', {
    json: { title: 'T', labs: ['request-routing'], locale: 'en', pacing: 'open' },
  });
  const workshop = (await created.json()) as Workshop;
  const learner = browser(server.url);
  await learner.request('/api/join', { json: { code: workshop.code, name: 'Ana' } });
  const report = () =>
    learner.request(`/api/me/runs?workshop=${workshop.id}`, {
      json: { runs: [checkRun('request-routing', 'all-to-v1', 'pass', 1)] },
    });
  expect([(await report()).status, (await report()).status]).toEqual([200, 200]);
  const limited = await report();
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('1');
  server.clock.now += 1000;
  expect((await report()).status).toBe(200);

  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await teacher.request('/api/workshops')).status);
  expect(statuses).toContain(429);
  server.clock.now += 60_000;
  expect((await teacher.request('/api/workshops')).status).toBe(200);
});

it('a token bucket refills at its rate up to its burst, and forgets the least recently seen clients', () => {
  let now = 0;
  const take = createRateLimiter({ burst: 2, perSecond: 2, now: () => now, maxClients: 2 });
  expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
  now += 500;
  expect([take('a'), take('a')]).toEqual([true, false]);
  now += 10_000;
  expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
  take('b');
  take('c');
  // 'a' was forgotten, so it starts again with a full bucket.
  expect([take('a'), take('a')]).toEqual([true, true]);
});
