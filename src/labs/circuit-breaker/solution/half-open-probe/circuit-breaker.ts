import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';

/**
 * Lab 1.2 after step 2: open for coolDownMs, then half-open, where a single probe goes through. What the
 * probe's result does comes next.
 */
export class CircuitBreaker implements Breaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probeInFlight = false;

  constructor(readonly options: BreakerOptions) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.options.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  allowRequest(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  onSuccess(): void {
    // TODO: a successful probe closes the circuit.
    this.failures = 0;
  }

  onFailure(): void {
    // TODO: a failed probe opens the circuit again.
    this.failures++;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.options.now();
    this.probeInFlight = false;
    this.failures = 0;
  }
}
