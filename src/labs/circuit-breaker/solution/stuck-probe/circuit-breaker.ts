import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';

/**
 * A Hystrix-style circuit breaker on an injected clock. Closed counts consecutive failures; at the
 * threshold it opens and fails every call fast; once the cool-down has passed it is half-open and lets a
 * single probe through, whose result closes the circuit or opens it for another cool-down. A probe that
 * stays unanswered for probeTimeoutMs counts as failed, so the circuit can never stay half-open for ever.
 */
export class CircuitBreaker implements Breaker {
  private failures = 0;
  private openedAt: number | undefined;
  /** When the probe in flight was let through; undefined when none is. */
  private probeSentAt: number | undefined;

  constructor(readonly options: BreakerOptions) {}

  get state(): BreakerState {
    this.expireProbe();
    if (this.openedAt === undefined) return 'closed';
    return this.options.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  allowRequest(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeSentAt !== undefined) return false;
    this.probeSentAt = this.options.now();
    return true;
  }

  onSuccess(): void {
    this.expireProbe();
    // A late answer (to a call admitted before the circuit opened, or to a probe that timed out) does not close
    // it: only the probe in flight does.
    if (this.openedAt !== undefined && this.probeSentAt === undefined) return;
    this.failures = 0;
    this.openedAt = undefined;
    this.probeSentAt = undefined;
  }

  onFailure(): void {
    this.expireProbe();
    if (this.openedAt !== undefined) {
      // The probe failed (or a call admitted before the circuit opened came back late): wait again.
      this.open(this.options.now());
      return;
    }
    this.failures++;
    if (this.failures >= this.options.failureThreshold) this.open(this.options.now());
  }

  /** A probe unanswered past its deadline failed at that deadline: the next cool-down counts from there. */
  private expireProbe(): void {
    if (this.probeSentAt === undefined) return;
    const deadline = this.probeSentAt + this.options.probeTimeoutMs;
    if (this.options.now() >= deadline) this.open(deadline);
  }

  private open(at: number): void {
    this.openedAt = at;
    this.probeSentAt = undefined;
    this.failures = 0;
  }
}
