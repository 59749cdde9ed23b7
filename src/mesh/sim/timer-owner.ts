import type { Clock, Timer } from './clock';

/**
 * What a timer works for, in words the learner knows: `pod default/fortio-deploy-…`, `replicaset
 * default/httpbin-…`. When one run fires more timers than the loop limit allows, the clock blames the owners
 * that fired most of them, drops their pending timers and tells them (`onDropped`), so the rest of the cluster
 * keeps serving and the message names an object rather than the simulator's insides.
 */
export class TimerOwner {
  /** @internal Timers fired for this owner in the clock's run numbered `run`. */
  fired = 0;
  /** @internal */
  run = -1;

  constructor(
    private readonly label: string | (() => string),
    /** Called after the clock dropped this owner's pending timers: put back what those timers would have reset. */
    readonly onDropped?: () => void,
  ) {}

  /** A label given as a function is read only when blame is due (a controller names its busiest key). */
  get name(): string {
    return typeof this.label === 'string' ? this.label : this.label();
  }
}

/** A clock that can file timers under an owner (the virtual clocks); the wall clock has no loop limit to blame. */
interface OwningClock extends Clock {
  setTimer(delayMs: number, fn: () => void, owner?: TimerOwner): Timer;
}

/** `clock.setTimer`, filing the timer under `owner` where the clock keeps owners. */
export function setOwnedTimer(clock: Clock, delayMs: number, fn: () => void, owner: TimerOwner): Timer {
  return (clock as OwningClock).setTimer(delayMs, fn, owner);
}

/** `clock`, with every timer set through it filed under `owner`. */
export function ownedClock(clock: Clock, owner: TimerOwner): Clock {
  const setTimer = (delayMs: number, fn: () => void): Timer => setOwnedTimer(clock, delayMs, fn, owner);
  return {
    now: () => clock.now(),
    setTimer,
    sleep: (ms, signal) => sleepOn(setTimer, ms, signal),
  };
}

/** Clock.sleep over a `setTimer`: resolves after `ms`, rejects with the signal's reason when it aborts first. */
export function sleepOn(
  setTimer: (delayMs: number, fn: () => void) => Timer,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal === undefined) return new Promise((resolve) => void setTimer(ms, resolve));
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      timer.cancel();
      reject(signal.reason);
    };
    const timer = setTimer(ms, () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
