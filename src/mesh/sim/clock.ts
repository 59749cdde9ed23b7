/**
 * Time as the mesh sees it. Everything in src/mesh reads time and schedules work only through a Clock,
 * so the same code runs on the virtual clock (checks, tests: deterministic and instant) and on the real
 * clock (interactive use, NodeNet).
 */
export interface Clock {
  /** Milliseconds since this clock started. */
  now(): number;
  /** Runs `fn` once after `delayMs` (0 = after everything already due). */
  setTimer(delayMs: number, fn: () => void): Timer;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Timer {
  /** Stops the timer; harmless when it already fired. */
  cancel(): void;
}
