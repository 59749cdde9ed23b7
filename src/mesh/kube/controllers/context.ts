import { setOwnedTimer, TimerOwner, type Clock, type Random, type Timer } from '../../sim';
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
  /** Reconciles per key at the current instant: a key reconciled thousands of times is a controller loop. */
  private readonly reconciles = new Map<string, number>();
  private reconcilesAt = -1;
  /**
   * The queue's timers. A runaway among them is blamed on the busiest key's object; dropping them empties the
   * queue so the next write starts it afresh.
   */
  private readonly owner = new TimerOwner(
    () => objectOfKey(this.busiestKey()),
    () => {
      this.pending.clear();
      this.flushScheduled = false;
    },
  );

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
      const batch = [...this.pending];
      this.pending.clear();
      this.countReconciles(batch.map(([key]) => key));
      for (const [, reconcile] of batch) reconcile();
    });
  }

  /** A timer that dispose() cancels; `owner` is what a runaway among such timers is blamed on (the queue's own by default). */
  after(delayMs: number, fn: () => void, owner: TimerOwner = this.owner): Timer {
    const timer = setOwnedTimer(
      this.clock,
      delayMs,
      () => {
        this.timers.delete(timer);
        fn();
      },
      owner,
    );
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

  private countReconciles(keys: readonly string[]): void {
    if (this.reconcilesAt !== this.clock.now()) {
      this.reconcilesAt = this.clock.now();
      this.reconciles.clear();
    }
    for (const key of keys) this.reconciles.set(key, (this.reconciles.get(key) ?? 0) + 1);
  }

  private busiestKey(): string {
    let busiest = '';
    let most = 0;
    for (const [key, count] of this.reconciles) {
      if (count > most) {
        busiest = key;
        most = count;
      }
    }
    return busiest;
  }

  dispose(): void {
    for (const stop of this.unwatch.splice(0)) stop();
    for (const timer of [...this.timers]) timer.cancel();
    this.timers.clear();
    this.pending.clear();
  }
}

/** `replicaset/default/httpbin-5d8…` → `replicaset default/httpbin-5d8…`; a scheduling key names its pod. */
function objectOfKey(key: string): string {
  const [kind = '', ...rest] = key.split('/');
  const name = rest.join('/');
  if (kind === 'schedule') return `pod ${name}`;
  return name === '' ? `${kind} controller` : `${kind} ${name}`;
}
