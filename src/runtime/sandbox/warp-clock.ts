import type { Clock } from '../../mesh';

type Timer = ReturnType<Clock['setTimer']>;

interface Pending {
  due: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Wall-clock time that can run faster for a while. The sandbox boots its cluster (install Istio, deploy
 * the lab's workloads: a minute of cluster time) at high speed, then drops to real time before the learner
 * gets the prompt — so the terminal starts in a settled cluster without a minute's wait, and from then on
 * everything happens at the pace of a real one.
 */
export class WarpClock implements Clock {
  private base = 0;
  private wallBase = performance.now();
  private readonly pending = new Set<Pending>();

  constructor(private speed = 1) {}

  now(): number {
    return this.base + (performance.now() - this.wallBase) * this.speed;
  }

  /** Changes how many clock milliseconds pass per wall millisecond; timers already set keep their due time. */
  setSpeed(speed: number): void {
    this.base = this.now();
    this.wallBase = performance.now();
    this.speed = speed;
    for (const timer of this.pending) this.arm(timer);
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const timer: Pending = { due: this.now() + Math.max(0, delayMs), fn, handle: undefined };
    this.pending.add(timer);
    this.arm(timer);
    return {
      cancel: () => {
        clearTimeout(timer.handle);
        this.pending.delete(timer);
      },
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
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

  private arm(timer: Pending): void {
    clearTimeout(timer.handle);
    const wait = Math.max(0, (timer.due - this.now()) / this.speed);
    timer.handle = setTimeout(() => {
      // A slower speed set since arming makes this early: wait the rest.
      if (this.now() + 1e-6 < timer.due) return this.arm(timer);
      this.pending.delete(timer);
      timer.fn();
    }, wait);
  }
}
