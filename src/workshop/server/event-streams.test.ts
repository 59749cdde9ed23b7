import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LearnerView, Workshop } from '../protocol';
import { markSeen } from './event-streams';
import { browser, checkRun, startTestServer, type TestServer } from './test-kit';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads a text/event-stream until `count` events (comments and retry lines skipped) have arrived. */
async function readEvents(response: Response, count: number): Promise<SseEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = line.slice(0, colon) as keyof SseEvent;
        if (['id', 'event', 'data'].includes(field)) event[field] = line.slice(colon + 1).trimStart();
      }
      if (event.event !== undefined) events.push(event);
    }
  }
  await reader.cancel();
  return events;
}

async function setUp() {
  const teacher = browser(server.url);
  await teacher.request('/api/instructor/session', { json: { key: server.key } });
  const created = await teacher.request('/api/workshops', {
    json: { title: 'T', labs: ['request-routing', 'fault-injection'], locale: 'en', pacing: 'unlocked' },
  });
  const workshop = (await created.json()) as Workshop;
  const learner = browser(server.url);
  await learner.request('/api/join', { json: { code: workshop.code, name: 'Ana' } });
  return { teacher, learner, workshop };
}

it('streams the board: past events first, then new ones as they happen, each with its seq as id', async () => {
  const { teacher, learner, workshop } = await setUp();
  const stream = await teacher.request(`/api/workshops/${workshop.id}/events`);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  expect(stream.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  const reading = readEvents(stream, 2);
  const run = checkRun('request-routing', 'all-to-v1', 'pass', 5);
  await learner.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs: [run] } });
  const [joined, reported] = await reading;
  expect(joined).toMatchObject({ event: 'learner-joined', id: '1' });
  expect(reported).toMatchObject({ event: 'check-run', id: '2' });
  expect(JSON.parse(reported?.data ?? '')).toMatchObject({ seq: 2, type: 'check-run', run });
});

it('resumes after Last-Event-ID (header or ?lastEventId=) without repeating what the page saw', async () => {
  const { teacher, workshop } = await setUp();
  await teacher.request(`/api/workshops/${workshop.id}/messages`, { json: { text: 'one' } });
  await teacher.request(`/api/workshops/${workshop.id}/messages`, { json: { text: 'two' } });
  const byHeader = await teacher.request(`/api/workshops/${workshop.id}/events`, { headers: { 'last-event-id': '2' } });
  expect((await readEvents(byHeader, 1)).map((event) => event.id)).toEqual(['3']);
  const byQuery = await teacher.request(`/api/workshops/${workshop.id}/events?lastEventId=1`);
  expect((await readEvents(byQuery, 2)).map((event) => event.id)).toEqual(['2', '3']);
});

it("gives a learner the room's events only, never another learner's", async () => {
  const { teacher, learner, workshop } = await setUp();
  const other = browser(server.url);
  await other.request('/api/join', { json: { code: workshop.code, name: 'Bo' } });
  const run = checkRun('request-routing', 'all-to-v1', 'pass', 5);
  await other.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs: [run] } });
  const view = (await (await learner.request(`/api/me?workshop=${workshop.id}`)).json()) as LearnerView;
  const stream = await learner.request(`/api/me/events?workshop=${workshop.id}&lastEventId=${view.seq}`);
  const reading = readEvents(stream, 2);
  await teacher.request(`/api/workshops/${workshop.id}/unlock`, { json: { through: 1 } });
  await teacher.request(`/api/workshops/${workshop.id}/messages`, { json: { text: 'break' } });
  expect((await reading).map((event) => event.event)).toEqual(['unlocked', 'message']);
  expect((await browser(server.url).request(`/api/me/events?workshop=${workshop.id}`)).status).toBe(401);
});

it("moves a learner page's Last-Event-ID past the events its stream skipped", () => {
  const written: string[] = [];
  const stream = {
    cursor: 7,
    sentId: 3,
    session: { isConnected: true },
    response: { write: (chunk: string) => written.push(chunk) },
  } as unknown as Parameters<typeof markSeen>[0];
  markSeen(stream);
  markSeen(stream);
  expect(written).toEqual(['id: 7\n\n']);
});
