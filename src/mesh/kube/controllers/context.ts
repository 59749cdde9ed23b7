import type { Clock, Timer, Random } from '../../sim';
import type { ApiServer } from '../apiserver';
import type { EventRecorder } from '../events';
import type { ContainerLogs } from '../logs';
import type { WatchHandler } from '../types';

/**
 * What every controller shares. Controllers never act inside a watch callback: they enqueue a reconcile
 * of the object's key, and the queue runs reconciles on the clock (a 0 ms timer), after the write that
 * triggered them has been delivered to every watcher. Several events for one key before the queue runs
 * collapse into one reconcile, as with client-go work queues.
 */
export class ControllerContext {
  private readonly timers = new Set<Timer>();
  private readonly unwatch: (() => void)[] = [];
  private readonly pending = new Map<string, () => void>();
  private flushScheduled = false;

  constructor(
    readonly api: ApiServer,
    readonly clock: Clock,
    readonly random: Random,
    readonly events: EventRecorder,
    readonly logs: ContainerLogs,
  ) {}

  /** Runs `reconcile` soon (once, however many times the key is enqueued before it runs). */
  enqueue(key: string, reconcile: () => void): void {
    this.pending.delete(key); // re-inserting keeps the queue in order of latest request
    this.pending.set(key, reconcile);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.after(0, () => {
      this.flushScheduled = false;
      const batch = [...this.pending.values()];
      this.pending.clear();
      for (const reconcile of batch) reconcile();
    });
  }

  /** A timer that dispose() cancels. */
  after(delayMs: number, fn: () => void): Timer {
    const timer = this.clock.setTimer(delayMs, () => {
      this.timers.delete(timer);
      fn();
    });
    this.timers.add(timer);
    return {
      cancel: () => {
        timer.cancel();
        this.timers.delete(timer);
      },
    };
  }

  /** A store watch that dispose() stops. */
  watch(groupKind: string | undefined, handler: WatchHandler): void {
    this.unwatch.push(this.api.store.watch(groupKind, handler));
  }

  /** A uniform random delay in [min, max) ms: the spread that makes pods not all start in the same instant. */
  jitter(minMs: number, maxMs: number): number {
    return minMs + this.random.int(Math.max(1, maxMs - minMs));
  }

  dispose(): void {
    for (const stop of this.unwatch.splice(0)) stop();
    for (const timer of [...this.timers]) timer.cancel();
    this.timers.clear();
    this.pending.clear();
  }
}
