/**
 * The contract of lab 1.2 (read-only): the checks and the mesh's proxies call your CircuitBreaker only
 * through this interface.
 */

/** closed: calls flow · open: calls fail fast · half-open: one probe call decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit (e.g. 5). */
  readonly failureThreshold: number;
  /** How long the circuit stays open before it lets one probe through, in milliseconds. */
  readonly coolDownMs: number;
  /**
   * How long a probe may stay unanswered, in milliseconds. Past that it counts as failed: the circuit opens again
   * at that moment, for a whole cool-down.
   */
  readonly probeTimeoutMs: number;
  /** The current time in milliseconds: the simulator's virtual clock. Never use Date.now(). */
  readonly now: () => number;
}

export interface Breaker {
  /** The state right now (an open circuit whose cool-down has passed reads as half-open). */
  readonly state: BreakerState;
  /**
   * Asked before every call. true: make the call, then report its result with onSuccess() or onFailure().
   * false: fail fast without calling. While half-open, true exactly once until that probe's result comes.
   */
  allowRequest(): boolean;
  /** The call succeeded. */
  onSuccess(): void;
  /** The call failed (an error status, a timeout, a refused connection). */
  onFailure(): void;
}
