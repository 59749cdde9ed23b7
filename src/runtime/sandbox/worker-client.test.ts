import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from './protocol';
import { MESSAGES_PER_SECOND, WorkerClient, WorkerEnded } from './worker-client';
import type { ReportListener, RequestPort, WorkerChannel } from './worker-frame';

// The flood window reads performance.now(): fake, so a busy machine cannot stretch a burst over two windows.
beforeEach(() => void vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'Date'] }));
afterEach(() => void vi.useRealTimers());

/**
 * A Worker's channel as the page holds it. `worker` and `frame` are what learner code can reach: each message is
 * delivered as one event, as the browser would, at once.
 */
function channel() {
  const requests: Array<Extract<Envelope, { request: unknown }>> = [];
  let report: ReportListener = () => {};
  const port: RequestPort = {
    postMessage: (message) => requests.push(message as never),
    onmessage: null,
    onmessageerror: null,
  };
  const end = vi.fn();
  const page: WorkerChannel = { port, onReport: (listener) => (report = listener), end };
  const worker = { postMessage: (data: unknown) => port.onmessage?.(new MessageEvent('message', { data })) };
  const frame = { postMessage: (data: unknown) => report(data) };
  return { page, end, requests, worker, frame };
}

/** Lets the promises of what was delivered settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('WorkerClient', () => {
  it('takes the reply to a request in flight, in the shape that request expects', async () => {
    const { page, requests, worker } = channel();
    const client = new WorkerClient(page, true);
    const run = client.call({ type: 'run', line: 'echo hi' });
    await settle();
    worker.postMessage({ id: requests[0]!.id, ok: true, value: { output: 'hi\n', cwd: '/home/user' } });
    await expect(run).resolves.toEqual({ output: 'hi\n', cwd: '/home/user' });
    expect(client.ended).toBeUndefined();
  });

  it('ends the Worker for a reply nobody asked for, and fails what waits', async () => {
    const { page, end, requests, worker } = channel();
    const client = new WorkerClient(page, false);
    const check = client.call({ type: 'check', labId: 'lab', locale: 'en', files: {}, journal: [] });
    await settle();
    const forged = { status: 'passed', results: [], errors: [], durationMs: 1 };
    worker.postMessage({ id: requests[0]!.id + 1, ok: true, value: { report: forged } });
    await expect(check).rejects.toMatchObject({
      kind: 'refused',
      detail: expect.stringMatching(/no request in flight/),
    });
    expect(end).toHaveBeenCalledOnce();
    await expect(client.call({ type: 'warm', labId: 'lab' })).rejects.toBeInstanceOf(WorkerEnded);
  });

  it('ends the Worker for a reply in the wrong shape (a report with a field the page does not know)', async () => {
    const { page, requests, worker } = channel();
    const client = new WorkerClient(page, false);
    const check = client.call({ type: 'check', labId: 'lab', locale: 'en', files: {}, journal: [] });
    await settle();
    const report = { status: 'passed', results: [], errors: [], durationMs: 1, trusted: true };
    worker.postMessage({ id: requests[0]!.id, ok: true, value: { report } });
    await expect(check).rejects.toMatchObject({ kind: 'refused', detail: expect.stringMatching(/trusted/) });
  });

  it('passes the terminal Worker’s events on, checked; a check Worker may send none', async () => {
    const terminal = channel();
    const events: unknown[] = [];
    const client = new WorkerClient(terminal.page, true);
    client.onEvent((event) => events.push(event));
    terminal.worker.postMessage({ event: 'journal', entry: { at: 5, run: 'kubectl get pods', ms: 3 } });
    await settle();
    expect(events).toHaveLength(1);
    terminal.worker.postMessage({ event: 'journal', entry: { at: -1, run: 'x', ms: 0 } });
    await settle();
    expect(client.ended).toMatchObject({ kind: 'refused', detail: expect.stringMatching(/journal event/) });
    expect(events).toHaveLength(1);

    const check = channel();
    const checker = new WorkerClient(check.page, false);
    check.worker.postMessage({ event: 'ui', ui: { type: 'open-dashboard' } });
    await settle();
    expect(checker.ended).toMatchObject({ kind: 'refused' });
  });

  it(`ends a Worker that sends more than ${MESSAGES_PER_SECOND} unasked messages in a second`, async () => {
    const { page, end, worker } = channel();
    const client = new WorkerClient(page, true);
    const seen = vi.fn();
    client.onEvent(seen);
    const ended = vi.fn();
    client.onEnded(ended);
    const topology = { event: 'topology', topology: { nodes: [], edges: [] } };
    for (let i = 0; i < MESSAGES_PER_SECOND; i++) worker.postMessage(topology);
    await vi.advanceTimersByTimeAsync(1000);
    // A new second: the count starts again.
    for (let i = 0; i < 3 * MESSAGES_PER_SECOND; i++) worker.postMessage(topology);
    await settle();
    expect(seen).toHaveBeenCalledTimes(2 * MESSAGES_PER_SECOND);
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ kind: 'flood', limit: MESSAGES_PER_SECOND }));
    expect(end).toHaveBeenCalledOnce();
  });

  it('does not count replies: a pasted script of quick commands is answered line by line', async () => {
    const { page, requests, worker } = channel();
    const client = new WorkerClient(page, true);
    for (let i = 0; i < 3000; i++) {
      const run = client.call({ type: 'run', line: `echo ${i}` });
      worker.postMessage({ id: requests.at(-1)!.id, ok: true, value: { output: `${i}\n`, cwd: '/home/user' } });
      worker.postMessage({ event: 'journal', entry: { at: i, run: `echo ${i}`, ms: 0 } });
      await expect(run).resolves.toEqual({ output: `${i}\n`, cwd: '/home/user' });
      await vi.advanceTimersByTimeAsync(1); // a millisecond a command: a journal event each
    }
    expect(client.ended).toBeUndefined();
  });

  it('ends the Worker when its frame refused it, and fails what waits when the frame says it failed', async () => {
    const refused = channel();
    const client = new WorkerClient(refused.page, false);
    refused.frame.postMessage({ type: 'refused', detail: 'a message posted to its frame' });
    await settle();
    expect(client.ended).toMatchObject({ kind: 'refused', detail: 'a message posted to its frame' });

    const failed = channel();
    const booting = new WorkerClient(failed.page, true);
    const boot = booting.call({ type: 'ping' });
    failed.frame.postMessage({ type: 'error', message: 'Failed to fetch dynamically imported module' });
    await expect(boot).rejects.toThrow('Failed to fetch');
    expect(booting.ended).toBeUndefined();
  });

  it('terminate() ends it as stopped', () => {
    const { page, end } = channel();
    const client = new WorkerClient(page, true);
    client.terminate('the cluster was reset');
    expect(client.ended).toMatchObject({ kind: 'stopped', detail: 'the cluster was reset' });
    expect(end).toHaveBeenCalledOnce();
  });
});
