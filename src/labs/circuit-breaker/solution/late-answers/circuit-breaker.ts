import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';

/**
 * A Hystrix-style circuit breaker on an injected clock. Closed counts consecutive failures; at the
 * threshold it opens and fails every call fast; once the cool-down has passed it is half-open and lets a
 * single probe through, whose result closes the circuit or opens it for another cool-down.
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
    // A late answer to a call admitted before the circuit opened does not close it: only the probe does.
    if (this.openedAt !== undefined && !this.probeInFlight) return;
    this.failures = 0;
    this.openedAt = undefined;
    this.probeInFlight = false;
  }

  onFailure(): void {
    if (this.openedAt !== undefined) {
      // The probe failed (or a call admitted before the circuit opened came back late): wait again.
      this.open();
      return;
    }
    this.failures++;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.options.now();
    this.probeInFlight = false;
    this.failures = 0;
  }
}
