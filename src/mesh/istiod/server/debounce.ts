import type { Clock, Timer } from '../../sim';

/** Istio's defaults: PILOT_DEBOUNCE_AFTER 100 ms of quiet, but never hold events longer than PILOT_DEBOUNCE_MAX 10 s. */
export const PILOT_DEBOUNCE_AFTER_MS = 100;
export const PILOT_DEBOUNCE_MAX_MS = 10_000;

export interface DebounceOptions {
  /** Quiet time after the last event before pushing. */
  readonly debounceAfterMs: number;
  /** Longest an event may wait, however busy the stream. */
  readonly debounceMaxMs: number;
}

export interface Debouncer<T> {
  /** Adds an event; it is merged with the others of this window. */
  push(event: T): void;
  /** Whether events are waiting for a flush. */
  readonly pending: boolean;
  /** Drops pending events and the timer. */
  stop(): void;
}

/**
 * pilot's debounce (pilot/pkg/xds/discovery.go) on a Clock: the first event of a window starts it; each
 * timer firing flushes when the stream has been quiet for `debounceAfterMs` or the window is
 * `debounceMaxMs` old, and otherwise waits for the rest of the quiet time. A flush that returns a promise
 * holds the next one back until it settles (Istio never runs two pushes at once).
 */
export function debounce<T>(
  clock: Clock,
  options: DebounceOptions,
  merge: (merged: T | undefined, event: T) => T,
  flush: (merged: T) => void | Promise<void>,
): Debouncer<T> {
  let merged: T | undefined;
  let windowStart = 0;
  let lastEvent = 0;
  let timer: Timer | undefined;
  let busy = false;
  let flushWhenFree = false;

  const schedule = (delay: number): void => {
    timer = clock.setTimer(delay, onTimer);
  };

  const doFlush = (): void => {
    const value = merged;
    if (value === undefined) return;
    merged = undefined;
    let result: void | Promise<void>;
    try {
      result = flush(value);
    } catch (error) {
      busy = false;
      throw error;
    }
    if (result === undefined) return;
    busy = true;
    const release = (): void => {
      busy = false;
      if (flushWhenFree) {
        flushWhenFree = false;
        onTimer();
      }
    };
    result.then(release, release);
  };

  function onTimer(): void {
    timer = undefined;
    if (merged === undefined) return;
    const now = clock.now();
    const eventDelay = now - windowStart;
    const quiet = now - lastEvent;
    if (eventDelay >= options.debounceMaxMs || quiet >= options.debounceAfterMs) {
      if (busy) flushWhenFree = true;
      else doFlush();
    } else schedule(options.debounceAfterMs - quiet);
  }

  return {
    push(event: T): void {
      const now = clock.now();
      if (merged === undefined) windowStart = now;
      lastEvent = now;
      merged = merge(merged, event);
      if (timer === undefined && !flushWhenFree) schedule(options.debounceAfterMs);
    },
    get pending(): boolean {
      return merged !== undefined;
    },
    stop(): void {
      timer?.cancel();
      timer = undefined;
      merged = undefined;
      flushWhenFree = false;
    },
  };
}
