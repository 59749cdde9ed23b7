import type { HttpHandler } from '../net';

/**
 * A server's bounded set of workers: at most `size` requests are handled at once, the rest wait first come,
 * first served — as connections wait in the listen backlog until a worker process or thread accepts one. A
 * worker stays taken while its handler waits on a slow call: waiting is what fills a pool, not work.
 */
export class WorkerPool {
  private busyCount = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error(`a worker pool needs at least one worker, not ${size}`);
  }

  /** Requests a worker is handling now. */
  get busy(): number {
    return this.busyCount;
  }

  /** Requests accepted by the kernel that no worker has taken yet. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `handler` with a worker. A request whose client gives up while it waits leaves the queue: the proxy in
   * front resets that connection, so the worker that reaches it finds nothing to read.
   */
  serve(handler: HttpHandler): HttpHandler {
    return async (request, peer, signal) => {
      await this.take(signal);
      try {
        return await handler(request, peer, signal);
      } finally {
        this.release();
      }
    };
  }

  private take(signal: AbortSignal): Promise<void> {
    if (this.busyCount < this.size && this.waiting.length === 0) {
      this.busyCount++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const turn = (): void => {
        signal.removeEventListener('abort', leave);
        this.busyCount++;
        resolve();
      };
      const leave = (): void => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      this.waiting.push(turn);
    });
  }

  private release(): void {
    this.busyCount--;
    this.waiting.shift()?.();
  }
}
