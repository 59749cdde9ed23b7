import { describe, expect, it } from 'vitest';
import { eventProblem, replyProblem } from './reply-shapes';

describe('reply shapes', () => {
  it('accepts a page visit as the browser tab gets it, and refuses one that is not', () => {
    const page = {
      ok: true,
      url: 'http://gw.example/productpage',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<p>hi</p>',
      truncated: false,
      remoteAddress: '203.0.113.10',
      redirects: [{ status: 302, url: 'http://gw.example/login' }],
      elapsedMs: 12,
      cookies: '',
    };
    const failed = {
      ok: false,
      error: 'ERR_NAME_NOT_RESOLVED',
      host: 'x',
      url: 'http://x/',
      redirects: [],
      elapsedMs: 0,
      cookies: '',
    };
    expect(replyProblem('visit', page)).toBe(undefined);
    expect(replyProblem('visit', failed)).toBe(undefined);
    expect(replyProblem('visit', { ...failed, error: 'ERR_PWNED' })).toMatch(/not one of/);
    expect(replyProblem('visit', { ...page, script: 'alert(1)' })).toMatch(/unexpected field script/);
    expect(replyProblem('visit', { ...page, ok: false })).toBeDefined();
    expect(eventProblem({ event: 'ui', ui: { type: 'open-url', url: 'http://gw.example/' } })).toBe(undefined);
  });

  it("accepts kubectl edit's editor events and journal entries with what the learner saved", () => {
    const open = { type: 'open', id: 1, path: '/tmp/kubectl-edit-1.yaml', text: 'kind: Deployment\n' };
    expect(eventProblem({ event: 'edit', edit: open })).toBe(undefined);
    expect(eventProblem({ event: 'edit', edit: { type: 'close', path: '/tmp/kubectl-edit-1.yaml' } })).toBe(undefined);
    expect(eventProblem({ event: 'edit', edit: { ...open, id: '1' } })).toBeDefined();
    expect(eventProblem({ event: 'edit', edit: { type: 'run', path: 'x' } })).toBeDefined();
    const entry = { at: 0, run: 'kubectl edit deploy x', ms: 5 };
    expect(eventProblem({ event: 'journal', entry: { ...entry, edits: ['a: 1\n', null] } })).toBe(undefined);
    expect(eventProblem({ event: 'journal', entry: { ...entry, edits: [1] } })).toBeDefined();
    expect(replyProblem('edited', null)).toBe(undefined);
  });

  it('accepts what the sandbox Worker sends', () => {
    expect(replyProblem('boot', { cwd: '/home/user/lab', banner: '', timings: { 'sandbox-boot': 12.5 } })).toBe(
      undefined,
    );
    expect(replyProblem('complete', ['kubectl', 'kubens'])).toBe(undefined);
    expect(replyProblem('live', null)).toBe(undefined);
    expect(replyProblem('live', { installed: false, message: 'no live hook' })).toBe(undefined);
    const report = {
      status: 'failed',
      results: [{ id: 'a', step: 's', title: 'A', status: 'fail', expected: '1', seen: '2', hint: 'h' }],
      errors: [],
      durationMs: 12,
      step: 's',
    };
    expect(replyProblem('check', { report, compiled: { 'src/a.ts': 'exports.x = 1' } })).toBe(undefined);
    expect(eventProblem({ event: 'journal', entry: { at: 0, write: { 'a.yaml': 'x' } } })).toBe(undefined);
    expect(eventProblem({ event: 'ui', ui: { type: 'open-dashboard', dashboard: 'kiali' } })).toBe(undefined);
    const edge = { from: 'a', to: 'b', rate: 1, errorShare: 0, mtls: true, breaker: 'closed', ejected: 0 };
    const node = { id: 'n', app: 'a', version: 'v1', namespace: 'default', ready: 1, total: 1, sidecar: true };
    expect(eventProblem({ event: 'topology', topology: { nodes: [node], edges: [edge] } })).toBe(undefined);
  });

  it('accepts the Requests tab’s list and explained request, nested calls included, and refuses a forged one', () => {
    const summary = {
      id: 'a1',
      method: 'GET',
      authority: 'httpbin:8000',
      path: '/get',
      status: 503,
      flags: 'FI',
      durationMs: 0,
      done: true,
    };
    expect(replyProblem('requests', { recording: true, requests: [summary] })).toBe(undefined);
    const object = { kind: 'VirtualService', namespace: 'default', name: 'httpbin' };
    const hop = {
      kind: 'outbound',
      role: 'client sidecar',
      proxy: 'sleep-1.default',
      listener: 'listener 0.0.0.0_8000',
      decisions: [{ text: 'fault injection aborted the request with 503 (FI)', cause: true, object }],
      answer: '→ 503 FI in 0ms',
    };
    const view = { ...summary, answer: '→ 503 FI in 0ms', verdict: 'why', hops: [hop], children: [] };
    expect(replyProblem('request', { ...view, children: [view] })).toBe(undefined);
    expect(replyProblem('request', null)).toBe(undefined);
    const forged = { ...hop, decisions: [{ text: 'x', cause: false, object: { ...object, kind: 'Secret' } }] };
    expect(replyProblem('request', { ...view, children: [{ ...view, hops: [forged] }] })).toMatch(/not one of/);
    let deep: Record<string, unknown> = view;
    for (let i = 0; i < 20; i++) deep = { ...view, children: [deep] };
    expect(replyProblem('request', deep)).toMatch(/nested too deep/);
    expect(eventProblem({ event: 'traffic' })).toBe(undefined);
    expect(eventProblem({ event: 'traffic', count: 1 })).toMatch(/unexpected field count/);
  });

  it('accepts the Metrics tab’s query result and catalogue, and refuses points and kinds it does not know', () => {
    const labels = { destination_workload: 'reviews-v2', response_code: '200' };
    const result = {
      kind: 'histogram',
      windowMs: 10_000,
      now: 5_000,
      series: [
        {
          labels,
          points: [
            [4_000, 1.5],
            [5_000, 2],
          ],
        },
      ],
      current: [{ labels, rate: 2, total: 40, p50: 5, p99: 9.9 }],
    };
    expect(replyProblem('metrics', result)).toBe(undefined);
    expect(replyProblem('metrics', { ...result, kind: 'gauge' })).toMatch(/kind: not one of/);
    const nanPoint = { ...result, series: [{ labels, points: [[4_000, NaN]] }] };
    expect(replyProblem('metrics', nanPoint)).toMatch(/points: item 1: not a \[time, value\] point/);
    const longPoint = { ...result, series: [{ labels, points: [[4_000, 1, 2]] }] };
    expect(replyProblem('metrics', longPoint)).toMatch(/not a \[time, value\] point/);
    expect(replyProblem('metrics', { ...result, current: [{ labels: { code: 200 }, rate: 1, total: 1 }] })).toMatch(
      /labels: code: not a string/,
    );
    const catalog = {
      metrics: [{ name: 'istio_requests_total', kind: 'counter', labels: { pod: ['a', 'b'] } }],
      full: false,
    };
    expect(replyProblem('metric-catalog', catalog)).toBe(undefined);
    expect(replyProblem('metric-catalog', { ...catalog, full: 'no' })).toMatch(/full: not true or false/);
  });

  it('says what is wrong with anything else', () => {
    expect(replyProblem('run', { output: 1, cwd: '/' })).toBe('output: not a string');
    expect(replyProblem('write', {})).toBe('not null');
    expect(replyProblem('check', { report: { status: 'passed' } })).toMatch(/^report: results: not a list/);
    const forged = { status: 'perfect', results: [], errors: [], durationMs: 1 };
    expect(replyProblem('check', { report: forged })).toMatch(/status: not one of passed/);
    expect(replyProblem('check', { report: { ...forged, status: 'passed', extra: 1 } })).toBe(
      'report: unexpected field extra',
    );
    expect(eventProblem({ event: 'journal', entry: { at: 0, run: 'ls' } })).toMatch(
      /journal event: entry: ms: not a time/,
    );
    // An own `__proto__` key (JSON.parse and structured clone both make one) rides nowhere.
    const polluted = JSON.parse('{"status":"failed","results":[],"errors":[],"durationMs":1,"__proto__":{"x":1}}');
    expect(replyProblem('check', { report: polluted })).toBe('report: unexpected field __proto__');
    expect(replyProblem('check', { report: { ...forged, status: 'passed', results: [null] } })).toMatch(
      /results: item 1: not an object/,
    );
    expect(replyProblem('settle', { ok: true })).toBe('not null');
    expect(replyProblem('boot', { cwd: '/', banner: '', timings: { x: Infinity } })).toBe('timings: x: not a number');
    expect(eventProblem({ event: 'storage', key: 'x' })).toMatch(/does not know/);
    expect(eventProblem({ event: 'constructor' })).toMatch(/does not know/);
  });
});
