import type { Envelope, Replies, Request, WorkerMessage } from './protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** Request/reply over postMessage to one sandbox Worker; `terminate` fails whatever is still waiting. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(message: WorkerMessage) => void>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if ('event' in message) return this.listeners.forEach((listener) => listener(message));
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
    });
    worker.addEventListener('error', (event) => this.failAll(new Error(event.message || 'the sandbox worker failed')));
  }

  call<T extends Request>(request: T): Promise<Replies[T['type']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request } satisfies Envelope);
    });
  }

  cancel(): void {
    this.worker.postMessage({ id: 0, cancel: true } satisfies Envelope);
  }

  onEvent(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  terminate(reason = 'the sandbox worker was stopped'): void {
    this.worker.terminate();
    this.failAll(new Error(reason));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** A fresh sandbox Worker, loaded from this origin as a module (the page's CSP allows workers from 'self'). */
export function spawnSandboxWorker(): WorkerClient {
  return new WorkerClient(
    new Worker(new URL('./sandbox-worker.ts', import.meta.url), { type: 'module', name: 'meshdojo-sandbox' }),
  );
}

/** Where the lab page's early script leaves the Worker it started (see EarlySandboxWorker.astro). */
const EARLY_WORKER_GLOBAL = 'meshdojoSandboxWorker';

/**
 * The terminal's sandbox Worker: the one the page started while it was still parsing, when there is one
 * (its 4 MB script then loads alongside the page instead of after it), else a fresh one.
 */
export function takeSandboxWorker(): WorkerClient {
  const holder = globalThis as unknown as Record<string, Worker | undefined>;
  const early = holder[EARLY_WORKER_GLOBAL];
  delete holder[EARLY_WORKER_GLOBAL];
  return early ? new WorkerClient(early) : spawnSandboxWorker();
}

/** Stops the early Worker when the page boots a WebContainer instead. */
export function discardEarlySandboxWorker(): void {
  const holder = globalThis as unknown as Record<string, Worker | undefined>;
  holder[EARLY_WORKER_GLOBAL]?.terminate();
  delete holder[EARLY_WORKER_GLOBAL];
}
