import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot, LearnerView, ReportRunsAnswer, Workshop } from '../protocol';
import { browser, checkRun, startTestServer, type TestServer } from './test-kit';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

async function instructor() {
  const client = browser(server.url);
  const session = await client.request('/api/instructor/session', { json: { key: server.key } });
  expect(session.status).toBe(204);
  return client;
}

async function createWorkshop(client: ReturnType<typeof browser>, pacing: 'open' | 'unlocked' = 'unlocked') {
  const response = await client.request('/api/workshops', {
    json: { title: '서비스 메시 워크숍', labs: ['request-routing', 'fault-injection'], locale: 'ko', pacing },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Workshop;
}

async function join(code: string, name: string, client = browser(server.url)) {
  const response = await client.request('/api/join', { json: { code, name } });
  return { client, response, view: response.ok ? ((await response.json()) as LearnerView) : undefined };
}

describe('the instructor', () => {
  it('exchanges the key for an httpOnly, SameSite=Strict cookie on /api', async () => {
    const response = await browser(server.url).request('/api/instructor/session', { json: { key: server.key } });
    expect(response.status).toBe(204);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^meshdojo_instructor=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api');
    expect(cookie).not.toContain(server.key);
  });

  it('is refused with a wrong key (401) and without a session (401)', async () => {
    const wrong = await browser(server.url).request('/api/instructor/session', { json: { key: 'x'.repeat(43) } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'wrong-key' });
    expect((await browser(server.url).request('/api/workshops')).status).toBe(401);
  });

  it('creates, lists and reads the board of a workshop', async () => {
    const client = await instructor();
    const workshop = await createWorkshop(client);
    expect(workshop).toMatchObject({ pacing: 'unlocked', unlockedThrough: 0, locale: 'ko' });
    expect(workshop.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await (await client.request('/api/workshops')).json()).toEqual([workshop]);
    const board = (await (await client.request(`/api/workshops/${workshop.id}/board`)).json()) as BoardSnapshot;
    expect(board).toEqual({ workshop, events: [], seq: 0, now: server.clock.now });
  });

  it('opens every lab at once when pacing is open', async () => {
    expect((await createWorkshop(await instructor(), 'open')).unlockedThrough).toBe(1);
  });

  it('refuses labs that are not the course’s, and invalid bodies, with 400', async () => {
    const client = await instructor();
    const post = (json: unknown) => client.request('/api/workshops', { json });
    const unknown = await post({ title: 't', labs: ['no-such-lab'], locale: 'en', pacing: 'open' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'unknown-lab' });
    expect(
      (await post({ title: 'x'.repeat(121), labs: ['request-routing'], locale: 'en', pacing: 'open' })).status,
    ).toBe(400);
    expect((await post({ title: 't', labs: ['request-routing'], locale: 'en', pacing: 'open', extra: 1 })).status).toBe(
      400,
    );
    const malformed = await client.request('/api/workshops', { method: 'POST', body: '{"title":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid-json' });
  });

  it('sends a message with a countdown, unlocks, closes; a closed workshop refuses changes with 409', async () => {
    const client = await instructor();
    const workshop = await createWorkshop(client);
    const message = await client.request(`/api/workshops/${workshop.id}/messages`, {
      json: { text: '10분 쉽니다', countdownSeconds: 600 },
    });
    expect(message.status).toBe(201);
    expect(await message.json()).toMatchObject({ text: '10분 쉽니다', countdownEndsAt: server.clock.now + 600_000 });
    expect((await client.request(`/api/workshops/${workshop.id}/unlock`, { json: { through: 1 } })).status).toBe(204);
    expect((await client.request(`/api/workshops/${workshop.id}/unlock`, { json: { through: 2 } })).status).toBe(400);
    expect((await client.request(`/api/workshops/${workshop.id}/close`, { method: 'POST' })).status).toBe(204);
    const board = (await (await client.request(`/api/workshops/${workshop.id}/board`)).json()) as BoardSnapshot;
    expect(board.workshop).toMatchObject({ unlockedThrough: 1, closedAt: server.clock.now });
    expect(board.events.map((event) => event.type)).toEqual(['message', 'unlocked', 'closed']);
    const late = await client.request(`/api/workshops/${workshop.id}/messages`, { json: { text: 'hi' } });
    expect(late.status).toBe(409);
    expect((await client.request(`/api/workshops/${workshop.id}/close`, { method: 'POST' })).status).toBe(409);
  });

  it('gets 404 for a workshop that does not exist and for an unknown API path, 405 for a wrong method', async () => {
    const client = await instructor();
    expect((await client.request('/api/workshops/AAAAAAAAAAAA/board')).status).toBe(404);
    expect((await client.request('/api/workshops/..%2F..%2Fetc/board')).status).toBe(404);
    expect((await client.request('/api/nothing')).status).toBe(404);
    expect((await client.request('/api/workshops', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('a learner', () => {
  it('joins with the code (no account) and gets an httpOnly SameSite=Lax seat cookie for that workshop', async () => {
    const workshop = await createWorkshop(await instructor());
    const { response, view } = await join(workshop.code.toLowerCase(), '김민지');
    expect(response.status).toBe(200);
    expect(view).toMatchObject({ workshop: { id: workshop.id }, seat: { name: '김민지' }, messages: [], seq: 1 });
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^meshdojo_seat_${workshop.id}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('keeps the seat when the same browser joins again; another browser gets another seat', async () => {
    const workshop = await createWorkshop(await instructor());
    const first = await join(workshop.code, 'Ana');
    const again = await join(workshop.code, 'Ana', first.client);
    expect(again.view?.seat).toEqual(first.view?.seat);
    const other = await join(workshop.code, 'Ana');
    expect(other.view?.seat.id).not.toBe(first.view?.seat.id);
  });

  it('gets 404 for a code no open workshop has, and 400 for a malformed one or a name too long', async () => {
    const workshop = await createWorkshop(await instructor());
    expect((await join('ZZZZZZ', 'Ana')).response.status).toBe(404);
    expect((await join('0OIL1!', 'Ana')).response.status).toBe(400);
    expect((await join(workshop.code, 'x'.repeat(41))).response.status).toBe(400);
  });

  it('reports runs once each, however often they are sent, and they reach the board', async () => {
    const teacher = await instructor();
    const workshop = await createWorkshop(teacher);
    const { client, view } = await join(workshop.code, 'Ana');
    const runs = [
      checkRun('request-routing', 'all-to-v1', 'fail', 1),
      checkRun('request-routing', 'all-to-v1', 'pass', 2),
    ];
    const send = () => client.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs } });
    const first = (await (await send()).json()) as ReportRunsAnswer;
    expect(first).toEqual({ accepted: runs.map((run) => run.id), duplicates: [] });
    const second = (await (await send()).json()) as ReportRunsAnswer;
    expect(second).toEqual({ accepted: [], duplicates: runs.map((run) => run.id) });
    const board = (await (await teacher.request(`/api/workshops/${workshop.id}/board`)).json()) as BoardSnapshot;
    const reported = board.events.filter((event) => event.type === 'check-run');
    expect(reported).toHaveLength(2);
    expect(reported[0]).toMatchObject({ seatId: view?.seat.id, run: runs[0] });
  });

  it('reads its own view with messages, and 401 without a seat', async () => {
    const teacher = await instructor();
    const workshop = await createWorkshop(teacher);
    const { client } = await join(workshop.code, 'Ana');
    await teacher.request(`/api/workshops/${workshop.id}/messages`, { json: { text: 'hello' } });
    const me = await client.request(`/api/me?workshop=${workshop.id}`);
    expect(((await me.json()) as LearnerView).messages.map((message) => message.text)).toEqual(['hello']);
    expect((await browser(server.url).request(`/api/me?workshop=${workshop.id}`)).status).toBe(401);
    expect((await client.request('/api/me?workshop=bad')).status).toBe(404);
  });

  it('cannot read the board or act as the instructor (403), nor another workshop (401)', async () => {
    const teacher = await instructor();
    const workshop = await createWorkshop(teacher);
    const other = await createWorkshop(teacher);
    const { client } = await join(workshop.code, 'Ana');
    for (const path of ['board', 'events', 'results.csv'])
      expect((await client.request(`/api/workshops/${workshop.id}/${path}`)).status).toBe(403);
    expect((await client.request(`/api/workshops/${workshop.id}/unlock`, { json: { through: 1 } })).status).toBe(403);
    expect((await client.request('/api/workshops')).status).toBe(403);
    expect((await client.request(`/api/me?workshop=${other.id}`)).status).toBe(401);
    const runs = [checkRun('request-routing', 'all-to-v1', 'pass', 1)];
    expect((await client.request(`/api/me/runs?workshop=${other.id}`, { json: { runs } })).status).toBe(401);
  });

  it('cannot report runs of a lab the workshop does not hold (400), nor to a closed workshop (409)', async () => {
    const teacher = await instructor();
    const workshop = await createWorkshop(teacher);
    const { client } = await join(workshop.code, 'Ana');
    const foreign = [checkRun('circuit-breaking', 'x', 'pass', 1)];
    expect((await client.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs: foreign } })).status).toBe(
      400,
    );
    await teacher.request(`/api/workshops/${workshop.id}/close`, { method: 'POST' });
    const runs = [checkRun('request-routing', 'all-to-v1', 'pass', 1)];
    expect((await client.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs } })).status).toBe(409);
  });
});
