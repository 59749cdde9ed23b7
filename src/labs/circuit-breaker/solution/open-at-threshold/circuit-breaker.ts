import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';

/**
 * Lab 1.2 after step 1: the circuit opens after failureThreshold consecutive failures and then refuses
 * every call. It never leaves the open state yet.
 */
export class CircuitBreaker implements Breaker {
  private failures = 0;
  private openedAt: number | undefined;

  constructor(readonly options: BreakerOptions) {}

  get state(): BreakerState {
    // TODO: 'half-open' once coolDownMs has passed.
    return this.openedAt === undefined ? 'closed' : 'open';
  }

  allowRequest(): boolean {
    // TODO: while half-open, let exactly one probe through.
    return this.state === 'closed';
  }

  onSuccess(): void {
    this.failures = 0;
  }

  onFailure(): void {
    this.failures++;
    if (this.failures >= this.options.failureThreshold) this.openedAt = this.options.now();
  }
}
