import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';

/**
 * Lab 1.2 — your circuit breaker. It compiles as it is, but it never opens: every call goes through.
 * Make it follow closed → open → half-open → closed (or back to open), as the lesson describes.
 */
export class CircuitBreaker implements Breaker {
  constructor(readonly options: BreakerOptions) {}

  get state(): BreakerState {
    // TODO: report 'open' after failureThreshold consecutive failures, 'half-open' once coolDownMs has passed.
    return 'closed';
  }

  allowRequest(): boolean {
    // TODO: refuse calls while open; while half-open, let exactly one probe through (for probeTimeoutMs at most).
    return true;
  }

  onSuccess(): void {
    // TODO: a success resets the failure count; a successful probe closes the circuit.
  }

  onFailure(): void {
    // TODO: count consecutive failures; open at the threshold; a failed probe opens the circuit again.
  }
}
