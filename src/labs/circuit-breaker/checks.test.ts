import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('circuit-breaker')!;

async function statuses(code: string): Promise<Record<string, string>> {
  const report = await runChecks(lab, { 'circuit-breaker.ts': code });
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}

// A differently shaped but correct breaker: explicit state field, transitions made as time is observed.
const VARIANT = `
import type { Breaker, BreakerOptions, BreakerState } from './breaker-types';
export class CircuitBreaker implements Breaker {
  private current: BreakerState = 'closed';
  private streak = 0;
  private until = 0;
  private probing = false;
  constructor(private readonly o: BreakerOptions) {}
  get state(): BreakerState {
    if (this.current === 'open' && this.o.now() >= this.until) this.current = 'half-open';
    return this.current;
  }
  allowRequest(): boolean {
    switch (this.state) {
      case 'closed': return true;
      case 'open': return false;
      default: if (this.probing) return false; this.probing = true; return true;
    }
  }
  onSuccess(): void { if (this.state !== 'open') { this.current = 'closed'; this.streak = 0; this.probing = false; } }
  onFailure(): void {
    if (this.state === 'half-open' || ++this.streak >= this.o.failureThreshold) {
      this.current = 'open'; this.until = this.o.now() + this.o.coolDownMs; this.streak = 0; this.probing = false;
    }
  }
}
`;

describe('the circuit-breaker checks', { timeout: 60_000 }, () => {
  it('all fail on the starter', async () => {
    const result = await statuses(lab.starter['circuit-breaker.ts']!);
    for (const id of lab.checks.map((c) => c.id)) expect(result[id], id).not.toBe('pass');
  });

  it('pass a correct implementation written another way, in the mesh too', async () => {
    const result = await statuses(VARIANT);
    for (const id of lab.checks.map((c) => c.id)) expect(result[id], id).toBe('pass');
  });

  it('catch hard-coded numbers, a breaker that never closes, and one that lets every half-open call through', async () => {
    const solution = lab.solution['circuit-breaker.ts']!;
    const fixed = await statuses(solution.replace('this.options.failureThreshold)', '5)'));
    expect(fixed['opens-after-n-failures']).toBe('fail');
    const neverCloses = await statuses(solution.replace('this.openedAt = undefined;', ''));
    expect(neverCloses['closes-on-success']).toBe('fail');
    const floodgate = await statuses(solution.replace('this.probeInFlight = true;', ''));
    expect(floodgate['half-open-single-probe']).toBe('fail');
    expect(floodgate['rejects-while-open']).toBe('pass');
    const noCoolDownRestart = await statuses(
      solution.replace('this.open();\n      return;', 'this.probeInFlight = false;\n      return;'),
    );
    expect(noCoolDownRestart['reopens-on-failed-probe']).toBe('fail');
  });
});
