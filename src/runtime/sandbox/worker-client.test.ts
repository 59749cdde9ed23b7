import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES_PER_SECOND, WorkerClient, WorkerEnded } from './worker-client';
import type { WorkerChannel } from './worker-frame';

const open: MessagePort[] = [];
afterEach(() => open.splice(0).forEach((port) => port.close()));

/** A Worker's channel over real MessagePorts; `worker` and `frame` are the far ends (what learner code holds). */
function channel() {
  const data = new MessageChannel();
  const reports = new MessageChannel();
  open.push(data.port1, data.port2, reports.port1, reports.port2);
  const end = vi.fn(() => (data.port1.close(), reports.port1.close()));
  const page: WorkerChannel = {
    port: data.port1,
    onReport: (listener) => (reports.port1.onmessage = (event) => listener(event.data)),
    end,
  };
  const requests: Array<{ id: number; request: { type: string } }> = [];
  data.port2.onmessage = (event) => requests.push(event.data);
  return { page, end, requests, worker: data.port2, frame: reports.port2 };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

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

  it(`ends a Worker that sends more than ${MESSAGES_PER_SECOND} messages in a second`, async () => {
    const { page, end, worker } = channel();
    const client = new WorkerClient(page, true);
    const seen = vi.fn();
    client.onEvent(seen);
    const ended = vi.fn();
    client.onEnded(ended);
    const topology = { event: 'topology', topology: { nodes: [], edges: [] } };
    for (let i = 0; i < 3 * MESSAGES_PER_SECOND; i++) worker.postMessage(topology);
    await settle();
    expect(seen).toHaveBeenCalledTimes(MESSAGES_PER_SECOND);
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ kind: 'flood', limit: MESSAGES_PER_SECOND }));
    expect(end).toHaveBeenCalledOnce();
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
