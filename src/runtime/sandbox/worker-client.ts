import type { SandboxEnd } from '../types';
import type { Envelope, Replies, Request, WorkerEvent } from './protocol';
import { eventProblem, replyProblem } from './reply-shapes';
import { connectWorkerFrame, plainWorkerChannel, startWorkerFrame, type WorkerChannel } from './worker-frame';
import workerScript from './sandbox-worker.ts?worker&url';

/**
 * More unasked messages (events, the frame's reports) than this from one Worker within a second is a flood: the
 * page ends the Worker. Replies do not count: each answers a request of the page's, once. The terminal's Worker
 * sends a journal event for each line run, and a line takes a round trip through the page (a millisecond at
 * least), so a pasted script of quick commands stays well below; so does the page's work for the events it takes
 * before a flood ends (each is checked and handed on in microseconds).
 */
export const MESSAGES_PER_SECOND = 2000;

/** Why a Worker ended: what the sandbox refused (SandboxEnd), or `stopped` when the page had no more use for it. */
export type EndCause = SandboxEnd['cause'] | 'stopped';

/** What a request fails with once its Worker was ended: `kind` of end, and `detail`, what happened (untranslated). */
export class WorkerEnded extends Error {
  constructor(
    readonly kind: EndCause,
    readonly detail: string,
    readonly limit?: number,
  ) {
    super(detail);
    this.name = 'WorkerEnded';
  }
}

type Pending = { type: Request['type']; resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * Request/reply with one sandbox Worker, which may run learner code and so is not trusted: a reply is accepted
 * only for a request in flight and only in the shape that request expects, events only from the terminal's Worker
 * and in their shape, and no more than MESSAGES_PER_SECOND unasked messages a second. Anything else ends the Worker
 * (`onEnded` says why) and fails whatever is still waiting.
 */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly endListeners = new Set<(ended: WorkerEnded) => void>();
  private windowStart = -Infinity;
  private inWindow = 0;
  /** Set once the Worker was ended. */
  ended: WorkerEnded | undefined;

  constructor(
    private readonly channel: WorkerChannel,
    /** Whether this Worker may send events (the terminal's); a check Worker only replies. */
    private readonly sendsEvents: boolean,
  ) {
    channel.port.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    channel.port.onmessageerror = () => this.end('refused', 'a message the page could not read');
    channel.onReport((report) => this.report(report));
  }

  call<T extends Request>(request: T): Promise<Replies[T['type']]> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: request.type, resolve: resolve as (value: unknown) => void, reject });
      this.channel.port.postMessage({ id, request } satisfies Envelope);
    });
  }

  cancel(): void {
    if (!this.ended) this.channel.port.postMessage({ id: 0, cancel: true } satisfies Envelope);
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onEnded(listener: (ended: WorkerEnded) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  /** Ends the Worker because the page no longer needs it (a reset, a time limit, the page going). */
  terminate(reason = 'the sandbox worker was stopped'): void {
    this.end('stopped', reason);
  }

  /** Ends the Worker and its frame; requests still waiting fail with why. */
  end(cause: EndCause, detail: string, limit?: number): void {
    if (this.ended) return;
    this.ended = new WorkerEnded(cause, detail, limit);
    this.channel.end();
    this.failAll(this.ended);
    this.endListeners.forEach((listener) => listener(this.ended!));
  }

  private receive(message: unknown): void {
    if (this.ended) return;
    const id = (message as { id?: unknown } | null)?.id;
    if (!(typeof id === 'number' && this.pending.has(id)) && this.flooded()) return;
    const problem = this.accept(message);
    if (problem !== undefined) this.end('refused', problem);
  }

  /** Counts messages in one-second windows; past the limit the Worker ends before the page spends more on it. */
  private flooded(): boolean {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (++this.inWindow <= MESSAGES_PER_SECOND) return false;
    this.end('flood', `more than ${MESSAGES_PER_SECOND} messages in one second`, MESSAGES_PER_SECOND);
    return true;
  }

  /** Takes one message from the Worker, or says why it cannot. */
  private accept(message: unknown): string | undefined {
    if (typeof message !== 'object' || message === null) return 'a message that is not an object';
    const fields = message as Record<string, unknown>;
    if ('event' in fields) {
      if (!this.sendsEvents) return 'an event from a Worker that sends none';
      const problem = eventProblem(fields);
      if (problem === undefined) this.listeners.forEach((listener) => listener(message as WorkerEvent));
      return problem;
    }
    const id = fields['id'];
    const waiting = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (waiting === undefined) return `a reply to no request in flight (${String(id)})`;
    if (fields['ok'] === false && typeof fields['error'] === 'string') {
      this.pending.delete(id as number);
      waiting.reject(new Error(fields['error']));
      return undefined;
    }
    const problem =
      fields['ok'] === true ? replyProblem(waiting.type, fields['value']) : 'neither a value nor an error';
    // A refused reply leaves its request waiting: ending the Worker fails it.
    if (problem !== undefined) return `a ${waiting.type} reply: ${problem}`;
    this.pending.delete(id as number);
    waiting.resolve(fields['value']);
    return undefined;
  }

  /** What the Worker's frame says (public/sandbox/worker-host.js). */
  private report(report: unknown): void {
    if (this.ended || this.flooded()) return;
    const said = (report ?? {}) as Partial<Record<'type' | 'detail' | 'message', unknown>>;
    const text = (value: unknown, otherwise: string) => (typeof value === 'string' ? value : otherwise);
    if (said.type === 'refused') this.end('refused', text(said.detail, 'its frame refused it'));
    // The Worker failed (its script did not load, or an error nobody caught): what waits fails, as it would.
    else if (said.type === 'error') this.failAll(new Error(text(said.message, 'the Worker failed')));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** The kinds of sandbox Worker: the terminal's (sends events) and a check run's (only replies). */
export type WorkerRole = 'terminal' | 'check';

/** A fresh isolated Worker (an opaque origin, in a sandboxed frame of its own): the only kind learner code runs in. */
export function spawnIsolatedWorker(role: WorkerRole): WorkerClient {
  return new WorkerClient(connectWorkerFrame(startWorkerFrame(workerScript)), role === 'terminal');
}

/** Where the lab page's early script leaves the Worker it started (see components/workbench/early-worker-script.ts). */
const EARLY_WORKER_GLOBAL = 'meshdojoSandboxWorker';

/**
 * A terminal Worker for a cluster that runs none of the learner's code (worker-frame.ts says why it is a plain
 * one): the one the page started while it was still parsing, when there is one (its 2 MB script then loads
 * alongside the page instead of after it), else a fresh one.
 */
export function plainTerminalWorker(): WorkerClient {
  const holder = globalThis as unknown as Record<string, Worker | undefined>;
  const early = holder[EARLY_WORKER_GLOBAL];
  delete holder[EARLY_WORKER_GLOBAL];
  const worker = early ?? new Worker(workerScript, { type: 'module', name: 'meshdojo-sandbox' });
  return new WorkerClient(plainWorkerChannel(worker), true);
}

/** Stops the early Worker when the page boots a WebContainer instead. */
export function discardEarlySandboxWorker(): void {
  const holder = globalThis as unknown as Record<string, Worker | undefined>;
  holder[EARLY_WORKER_GLOBAL]?.terminate();
  delete holder[EARLY_WORKER_GLOBAL];
}
