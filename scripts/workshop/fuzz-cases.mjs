// What the fuzz run sends: seeded random requests, valid and not, that a server facing a room (or a prankster in
// it) must answer with 2xx or 4xx, never 5xx. Each case is { method, path, headers, body } for node:http, or
// { raw } bytes for the requests node:http refuses to send (broken HTTP, bad header characters).

/** A seeded PRNG (mulberry32), so a failing case can be replayed with the same --seed. */
export function randomSource(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

const STRANGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '한국어 이름',
  '👩🏽‍💻',
  '\u202eRTL',
  '=cmd|calc!A1',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '../../etc/passwd',
  '%00',
  'x'.repeat(10_000),
  '__proto__',
  'constructor',
];

const STRANGE_VALUES = [null, true, 0, -1, 1e308, 2 ** 53 + 1, 1.5, [], {}, { __proto__: { admin: true } }, '1'];

/** Values for a field: sometimes right, mostly wrong in some way. */
function value(random, right) {
  const roll = random.int(4);
  if (roll === 0) return right();
  if (roll === 1) return random.pick(STRANGE_STRINGS);
  return random.pick(STRANGE_VALUES);
}

function uuidLike(random) {
  const hex = () => random.int(16).toString(16);
  return `${Array.from({ length: 8 }, hex).join('')}-0000-4000-8000-${Array.from({ length: 12 }, hex).join('')}`;
}

function bodyFor(random, context) {
  const run = () => ({
    id: value(random, () => uuidLike(random)),
    lab: value(random, () => random.pick(['request-routing', 'fault-injection', 'no-such-lab'])),
    at: value(random, () => random.int(2 ** 40)),
    results: value(random, () => [
      {
        step: value(random, () => 'route-v1'),
        check: value(random, () => 'all-v1'),
        status: value(random, () => 'pass'),
      },
    ]),
  });
  const shapes = [
    () => ({ key: value(random, () => context.key) }),
    () => ({ code: value(random, () => context.code), name: value(random, () => '학습자') }),
    () => ({ runs: value(random, () => Array.from({ length: random.int(3) + 1 }, run)) }),
    () => ({ runs: Array.from({ length: 51 }, run) }),
    () => ({
      title: value(random, () => 'T'),
      labs: value(random, () => ['request-routing']),
      locale: value(random, () => 'ko'),
      pacing: value(random, () => 'open'),
    }),
    () => ({ text: value(random, () => 'hello'), countdownSeconds: value(random, () => 60) }),
    () => ({ through: value(random, () => random.int(3)) }),
    () => ({ extra: 'field', ...{ code: context.code, name: 'x' } }),
  ];
  const raw = [
    () => '{',
    () => '{"runs": [',
    () => 'null',
    () => '{"through": 1e999, "countdownSeconds": -0}',
    () => '"just a string"',
    () => '[]',
    () => '\u0000\u0001\u0002',
    () => '\ufeff{"code":"ABCDEF","name":"bom"}',
    () => '['.repeat(50_000),
    () => '['.repeat(30_000) + ']'.repeat(30_000),
    () => `{"a":"${'x'.repeat(70_000)}"}`,
    () => 'x'.repeat(random.pick([65_537, 300_000])),
    () => Buffer.from([0xff, 0xfe, 0xfd, 0xc3, 0x28]),
  ];
  return random.next() < 0.6 ? JSON.stringify(random.pick(shapes)()) : random.pick(raw)();
}

/** A route and its method (the right one most of the time, so most requests reach the validation behind it). */
function targetFor(random, context) {
  const id = () =>
    random.next() < 0.6
      ? context.workshopId
      : random.pick(['nope-0000', '..', '%2e%2e', '%ZZ', '한글', "'", 'x'.repeat(300), '']);
  const query = () =>
    random.next() < 0.6
      ? `?workshop=${context.workshopId}`
      : random.pick([
          '?workshop=',
          '?workshop=../..',
          '?workshop[]=1',
          '',
          '?a=%ZZ',
          `?workshop=${context.workshopId}&workshop=x`,
        ]);
  const routes = [
    ['POST', () => '/api/instructor/session'],
    ['GET', () => '/api/workshops'],
    ['POST', () => '/api/workshops'],
    ['GET', () => `/api/workshops/${id()}/board`],
    ['GET', () => `/api/workshops/${id()}/events`],
    ['POST', () => `/api/workshops/${id()}/messages`],
    ['POST', () => `/api/workshops/${id()}/unlock`],
    ['GET', () => `/api/workshops/${id()}/results.csv`],
    // Never the fuzz workshop's own close: the rest of the run would only meet 409s.
    ['POST', () => '/api/workshops/nope-0000/close'],
    ['POST', () => '/api/join'],
    ['GET', () => `/api/me${query()}`],
    ['GET', () => `/api/me/events${query()}`],
    ['POST', () => `/api/me/runs${query()}`],
    ['POST', () => `/api/me/runs${query()}`],
    [
      'GET',
      () =>
        random.pick([
          '/api/../../../etc/passwd',
          '/api/%2e%2e/%2e%2e/etc/passwd',
          '/api//workshops',
          '/api/workshops/%00/board',
        ]),
    ],
    [
      'GET',
      () =>
        random.pick([`/api/${'a/'.repeat(2000)}`, '/api', '/api/', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']),
    ],
    ['GET', () => '/en/workshop/join/?code=<script>'],
  ];
  const [method, path] = random.pick(routes);
  const wrongMethod = random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']);
  return { method: random.next() < 0.85 ? method : wrongMethod, path: path() };
}

function headersFor(random, context) {
  const headers = {};
  const cookies = [];
  if (random.next() < 0.4) cookies.push(context.instructorCookie);
  if (random.next() < 0.4) cookies.push(context.seatCookie);
  if (random.next() < 0.3) {
    cookies.push(
      random.pick([
        `meshdojo_seat_${context.workshopId}=forged`,
        'meshdojo_instructor=forged',
        'meshdojo_instructor=%ZZ',
        `meshdojo_seat_${context.workshopId}=${'a'.repeat(5000)}`,
        '=;=;;==',
        'meshdojo_seat_../../x=1',
      ]),
    );
  }
  if (cookies.length) headers.cookie = cookies.join('; ');
  if (random.next() < 0.7)
    headers['content-type'] = random.pick([
      'application/json',
      'text/plain',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
    ]);
  if (random.next() < 0.1) headers['last-event-id'] = random.pick(['-1', 'abc', '99999999999999999999', '1e3', '0']);
  if (random.next() < 0.05) headers['x-forwarded-for'] = '1.2.3.4';
  if (random.next() < 0.05) headers.origin = 'http://evil.example';
  if (random.next() < 0.05) headers.accept = 'text/event-stream';
  return headers;
}

const RAW = [
  (host) => `GET /api/me HTTP/1.1\r\nHost: ${host}\r\nX-Bad: \u0001\r\n\r\n`,
  (host) =>
    `POST /api/join HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  (host) => `POST /api/join HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nboom\r\n0\r\n\r\n`,
  (host) => `GET /api/me HTTP/1.1\r\nHost: ${host}\r\nX-Huge: ${'h'.repeat(20_000)}\r\n\r\n`,
  (host) => `GET /api/me HTTP/9.9\r\nHost: ${host}\r\n\r\n`,
  () => 'NOT HTTP AT ALL\r\n\r\n',
  (host) => `GET /api/me HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -1\r\n\r\n`,
  (host) => `GET http://evil.example/api/me HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
  (host) => `GET /api/me?workshop=\u00ff HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
];

/** One fuzz case. `context` holds { workshopId, code, key, instructorCookie, seatCookie, host }. */
export function fuzzCase(random, context) {
  if (random.next() < 0.05) return { raw: random.pick(RAW)(context.host) };
  const { method, path } = targetFor(random, context);
  const headers = headersFor(random, context);
  const body = method === 'GET' || method === 'HEAD' ? undefined : bodyFor(random, context);
  return { method, path, headers, body };
}
