/**
 * What the page accepts from a sandbox Worker, checked field by field: learner code runs in that Worker, so a
 * reply is data to judge before the page shows it or keeps it (a report in the checks panel and in storage, a
 * journal entry replayed at every reload). Each check answers what is wrong, or undefined. Written by hand: the
 * page's first script carries this, and a schema library would weigh more than the page's own code.
 */
import type { BrowserErrorCode } from '../../mesh/cli';
import type { Request, WorkerEvent } from './protocol';

type Check = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const string: Check = (value) => (typeof value === 'string' ? undefined : 'not a string');
const number: Check = (value) => (isNumber(value) ? undefined : 'not a number');
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'not true or false');
const nothing: Check = (value) => (value === null ? undefined : 'not null');
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `not one of ${allowed.join(', ')}`;
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined ? undefined : check(value);
const listOf =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'not a list';
    for (const [index, item] of value.entries()) {
      const problem = check(item);
      if (problem !== undefined) return `item ${index + 1}: ${problem}`;
    }
    return undefined;
  };
const recordOf =
  (check: Check): Check =>
  (value) => {
    if (!isObject(value)) return 'not an object';
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item);
      if (problem !== undefined) return `${key}: ${problem}`;
    }
    return undefined;
  };
/**
 * An object with these fields and no others (its own: `constructor` or `__proto__` is a field like any other), so
 * nothing the page does not know rides along into storage.
 */
const shape =
  (fields: Record<string, Check>): Check =>
  (value) => {
    if (!isObject(value)) return 'not an object';
    const extra = Object.keys(value).find((key) => !Object.hasOwn(fields, key));
    if (extra !== undefined) return `unexpected field ${extra}`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key]);
      if (problem !== undefined) return `${key}: ${problem}`;
    }
    return undefined;
  };
const either =
  (...checks: Check[]): Check =>
  (value) => {
    const problems = checks.map((check) => check(value));
    return problems.includes(undefined) ? undefined : problems.join('; or ');
  };

const checkResult = shape({
  id: string,
  step: string,
  title: string,
  status: oneOf('pass', 'fail', 'error'),
  expected: optional(string),
  seen: optional(string),
  message: optional(string),
  hint: optional(string),
  facts: optional(recordOf(either(string, number))),
});

/** A check run's report as the Worker sends it (the page adds nothing it could forge: `ended` is the page's). */
export const checkReport = shape({
  status: oneOf('passed', 'failed', 'compile-error', 'timeout', 'error'),
  results: listOf(checkResult),
  errors: listOf(string),
  limitMs: optional(number),
  durationMs: number,
  step: optional(string),
});

const literal =
  (expected: boolean): Check =>
  (value) =>
    value === expected ? undefined : `not ${expected}`;
const hop = shape({ status: number, url: string });
/**
 * The error codes a page visit can end with (mesh/cli/browser/visit.ts), listed here rather than imported: a
 * value from the mesh would bring it into the page's first script. As a record of the type, a code added there
 * and not here fails to compile.
 */
const BROWSER_ERRORS: Readonly<Record<BrowserErrorCode, true>> = {
  ERR_INVALID_URL: true,
  ERR_UNKNOWN_URL_SCHEME: true,
  ERR_NAME_NOT_RESOLVED: true,
  ERR_CONNECTION_REFUSED: true,
  ERR_CONNECTION_TIMED_OUT: true,
  ERR_ADDRESS_UNREACHABLE: true,
  ERR_CONNECTION_RESET: true,
  ERR_TOO_MANY_REDIRECTS: true,
  ERR_TIMED_OUT: true,
  ERR_SSL_PROTOCOL_ERROR: true,
};

const requestSummary = {
  id: string,
  method: string,
  authority: string,
  path: string,
  status: number,
  flags: string,
  durationMs: number,
  done: boolean,
};
const inspectedObject = shape({
  kind: oneOf('VirtualService', 'DestinationRule', 'AuthorizationPolicy'),
  namespace: string,
  name: string,
});
const hopView = shape({
  kind: oneOf('gateway', 'outbound', 'inbound'),
  role: string,
  proxy: string,
  listener: string,
  arrival: optional(string),
  decisions: listOf(shape({ text: string, cause: boolean, object: optional(inspectedObject) })),
  answer: optional(string),
});
/** Calls nested deeper than this are refused: a real chain of services is a few calls deep. */
const MAX_CALL_DEPTH = 16;
/** A request explained, with the calls the app made for it. */
const requestView =
  (depth: number): Check =>
  (value) =>
    depth > MAX_CALL_DEPTH
      ? 'calls nested too deep'
      : shape({
          ...requestSummary,
          answer: string,
          verdict: optional(string),
          hops: listOf(hopView),
          server: optional(string),
          children: listOf(requestView(depth + 1)),
        })(value);

/** Label values by label name (a series' labels, a group's, the catalogue's values). */
const labels = recordOf(string);
const metricKind = oneOf('counter', 'histogram');
const point: Check = (value) =>
  Array.isArray(value) && value.length === 2 && isNumber(value[0]) && isNumber(value[1])
    ? undefined
    : 'not a [time, value] point';
const metricResult = shape({
  kind: metricKind,
  windowMs: number,
  now: number,
  series: listOf(shape({ labels, points: listOf(point) })),
  current: listOf(
    shape({ labels, rate: number, total: number, p50: optional(number), p90: optional(number), p99: optional(number) }),
  ),
});
const metricCatalog = shape({
  metrics: listOf(shape({ name: string, kind: metricKind, labels: recordOf(listOf(string)) })),
  full: boolean,
});

const REPLIES: { [Type in Request['type']]: Check } = {
  boot: shape({ cwd: string, banner: string, timings: recordOf(number) }),
  run: shape({ output: string, cwd: string }),
  complete: listOf(string),
  write: nothing,
  check: shape({ report: checkReport, compiled: optional(recordOf(string)) }),
  warm: nothing,
  settle: nothing,
  live: either(nothing, shape({ installed: boolean, message: optional(string) })),
  ping: nothing,
  edited: nothing,
  requests: shape({ recording: boolean, requests: listOf(shape(requestSummary)) }),
  request: either(nothing, requestView(0)),
  metrics: metricResult,
  'metric-catalog': metricCatalog,
  visit: either(
    shape({
      ok: literal(true),
      url: string,
      status: number,
      headers: recordOf(string),
      body: string,
      truncated: boolean,
      remoteAddress: string,
      redirects: listOf(hop),
      elapsedMs: number,
      cookies: string,
    }),
    shape({
      ok: literal(false),
      error: oneOf(...Object.keys(BROWSER_ERRORS)),
      host: string,
      url: string,
      redirects: listOf(hop),
      elapsedMs: number,
      cookies: string,
    }),
  ),
};

/** What is wrong with `value` as the reply to a request of `type`; undefined when it is one. */
export function replyProblem<Type extends Request['type']>(type: Type, value: unknown): string | undefined {
  return REPLIES[type](value);
}

const time: Check = (value) => (isNumber(value) && value >= 0 ? undefined : 'not a time in ms');
const journalEntry = either(
  shape({ at: time, run: string, ms: time, edits: optional(listOf(either(string, nothing))) }),
  shape({ at: time, write: recordOf(string) }),
);
const topology = shape({
  nodes: listOf(
    shape({
      id: string,
      app: string,
      version: string,
      namespace: string,
      ready: number,
      total: number,
      sidecar: boolean,
    }),
  ),
  edges: listOf(
    shape({
      from: string,
      to: string,
      rate: number,
      errorShare: number,
      mtls: boolean,
      breaker: oneOf('closed', 'tripped'),
      ejected: number,
    }),
  ),
});

const EVENTS: { [Name in WorkerEvent['event']]: Check } = {
  topology: shape({ event: string, topology }),
  traffic: shape({ event: string }),
  ui: shape({ event: string, ui: shape({ type: string, dashboard: optional(string), url: optional(string) }) }),
  journal: shape({ event: string, entry: journalEntry }),
  output: shape({ event: string, text: string }),
  edit: shape({
    event: string,
    edit: either(
      shape({ type: oneOf('open'), id: number, path: string, text: string }),
      shape({ type: oneOf('close'), path: string }),
    ),
  }),
};

/** What is wrong with `message` as an event of the terminal's Worker; undefined when it is one. */
export function eventProblem(message: Record<string, unknown>): string | undefined {
  const name = message['event'];
  if (typeof name !== 'string' || !Object.hasOwn(EVENTS, name)) return `an event the page does not know (${name})`;
  const problem = EVENTS[name as WorkerEvent['event']](message);
  return problem === undefined ? undefined : `a ${name} event: ${problem}`;
}
