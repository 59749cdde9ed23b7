import { afterEach, expect, it } from 'vitest';
import type { Workshop } from '../protocol';
import { csvCell, resultsCsv } from './results-csv';
import { browser, checkRun, startTestServer, type TestServer } from './test-kit';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
});

it('quotes what needs quoting and neutralises formulas', () => {
  expect(csvCell('김민지')).toBe('김민지');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  for (const start of ['+', '-', '@']) expect(csvCell(`${start}1`)).toBe(`'${start}1`);
  expect(resultsCsv([['a', 'b']])).toBe('\uFEFFa,b\r\n');
});

it('exports one row per seat and lab step, with the last run deciding the status', async () => {
  server = await startTestServer();
  const teacher = browser(server.url);
  await teacher.request('/api/instructor/session', { json: { key: server.key } });
  const created = await teacher.request('/api/workshops', {
    json: { title: 'T', labs: ['fault-injection'], locale: 'ko', pacing: 'open' },
  });
  const workshop = (await created.json()) as Workshop;
  const learner = browser(server.url);
  await learner.request('/api/join', { json: { code: workshop.code, name: '=김민지' } });
  const runs = [
    checkRun('fault-injection', 'delay', 'fail', Date.UTC(2026, 0, 1, 9, 0)),
    checkRun('fault-injection', 'delay', 'pass', Date.UTC(2026, 0, 1, 9, 5)),
    checkRun('fault-injection', 'delay', 'fail', Date.UTC(2026, 0, 1, 9, 9)),
  ];
  await learner.request(`/api/me/runs?workshop=${workshop.id}`, { json: { runs } });
  const response = await teacher.request(`/api/workshops/${workshop.id}/results.csv`);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n')).toEqual([
    'name,lab,step,status,first-passed-at,last-run-at',
    "'=김민지,fault-injection,delay,fail,2026-01-01T09:05:00.000Z,2026-01-01T09:09:00.000Z",
    "'=김민지,fault-injection,abort,not-tried,,",
    '',
  ]);
});
