import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Workshop } from '../protocol';
import { browser, startTestServer, type TestServer } from './test-kit';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** A seeded generator (mulberry32), so a failure replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it('answers random and malformed requests with 4xx, never 5xx', async () => {
  const teacher = browser(server.url);
  await teacher.request('/api/instructor/session', { json: { key: server.key } });
  const created = await teacher.request('/api/workshops', {
    json: { title: 'T', labs: ['request-routing'], locale: 'en', pacing: 'open' },
  });
  const workshop = (await created.json()) as Workshop;
  const learner = browser(server.url);
  await learner.request('/api/join', { json: { code: workshop.code, name: 'Ana' } });

  const next = random(20);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const paths = [
    '/api/join',
    '/api/me',
    `/api/me?workshop=${workshop.id}`,
    `/api/me/runs?workshop=${workshop.id}`,
    '/api/instructor/session',
    '/api/workshops',
    `/api/workshops/${workshop.id}/messages`,
    `/api/workshops/${workshop.id}/unlock`,
    `/api/workshops/${encodeURIComponent('<script>')}/board`,
    '/api/%',
    '/api/workshops/x/y/z',
  ];
  const bodies = [
    '',
    'null',
    '[]',
    '{',
    '"x"',
    '{"runs":[{"id":"00000000-0000-4000-8000-000000000001","lab":"request-routing","at":1e300,"results":[]}]}',
    '{"runs":[{"id":"00000000-0000-4000-8000-000000000002","lab":"request-routing","at":9007199254740991,"results":[{"step":"a","check":"b","status":"pass"}]}]}',
    '{"code":"ABCDEF","name":"' + 'x'.repeat(1000) + '"}',
    '{"text":"hi","countdownSeconds":-1}',
    '{"through":"1"}',
    '{"key":{"$ne":null}}',
    JSON.stringify({ title: 'T', labs: Array(41).fill('a'), locale: 'xx', pacing: 'open' }),
    '['.repeat(20_000),
  ];
  const statuses = new Map<number, number>();
  for (let i = 0; i < 400; i++) {
    const client = pick([teacher, learner, browser(server.url)]);
    const method = pick(['GET', 'POST', 'POST', 'PUT', 'DELETE']);
    const body = method === 'GET' ? undefined : pick(bodies);
    const headers = pick([{}, { 'content-type': 'application/json' }, { cookie: 'meshdojo_seat_x=%%%; =;;' }]);
    const path = pick(paths);
    const response = await client.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    await response.body?.cancel();
  }
  expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
  expect((await teacher.request(`/api/workshops/${workshop.id}/results.csv`)).status).toBe(200);
}, 60_000);
