import type { Clock, Timer } from './clock';

export interface RealClockOptions {
  /** Do not let pending timers keep a Node process alive (Node only; ignored elsewhere). */
  unref?: boolean;
}

/** Wall-clock time for interactive use and NodeNet: performance.now() and setTimeout. */
export class RealClock implements Clock {
  private readonly origin = performance.now();
  private readonly unref: boolean;

  constructor(options: RealClockOptions = {}) {
    this.unref = options.unref ?? false;
  }

  now(): number {
    return performance.now() - this.origin;
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const handle = setTimeout(fn, delayMs > 0 ? delayMs : 0);
    if (this.unref) (handle as { unref?: () => void }).unref?.();
    return { cancel: () => clearTimeout(handle) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        timer.cancel();
        reject(signal?.reason);
      };
      const timer = this.setTimer(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
