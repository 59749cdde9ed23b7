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
  private probeDeadline: number | undefined;
  constructor(private readonly o: BreakerOptions) {}
  get state(): BreakerState {
    if (this.probeDeadline !== undefined && this.o.now() >= this.probeDeadline) this.trip(this.probeDeadline);
    if (this.current === 'open' && this.o.now() >= this.until) this.current = 'half-open';
    return this.current;
  }
  allowRequest(): boolean {
    switch (this.state) {
      case 'closed': return true;
      case 'open': return false;
      default: if (this.probeDeadline !== undefined) return false; this.probeDeadline = this.o.now() + this.o.probeTimeoutMs; return true;
    }
  }
  onSuccess(): void { if (this.state === 'closed' || this.probeDeadline !== undefined) { this.current = 'closed'; this.streak = 0; this.probeDeadline = undefined; } }
  onFailure(): void {
    if (this.state !== 'closed' || ++this.streak >= this.o.failureThreshold) this.trip(this.o.now());
  }
  private trip(at: number): void {
    this.current = 'open'; this.until = at + this.o.coolDownMs; this.streak = 0; this.probeDeadline = undefined;
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

  it('catch hard-coded numbers, a breaker that never closes, one that lets every half-open call through, and one that waits for a probe for ever', async () => {
    const solution = lab.solution['circuit-breaker.ts']!;
    const fixed = await statuses(solution.replace('this.options.failureThreshold)', '5)'));
    expect(fixed['opens-after-n-failures']).toBe('fail');
    const neverCloses = await statuses(solution.replace('this.openedAt = undefined;', ''));
    expect(neverCloses['closes-on-success']).toBe('fail');
    const floodgate = await statuses(solution.replace('this.probeSentAt = this.options.now();', ''));
    expect(floodgate['half-open-single-probe']).toBe('fail');
    expect(floodgate['rejects-while-open']).toBe('pass');
    const noCoolDownRestart = await statuses(
      solution.replace('this.open(this.options.now());\n      return;', 'this.probeSentAt = undefined;\n      return;'),
    );
    expect(noCoolDownRestart['reopens-on-failed-probe']).toBe('fail');
    const waitsForever = await statuses(solution.replaceAll('this.expireProbe();', ''));
    expect(waitsForever['stuck-probe-reopens']).toBe('fail');
    expect(waitsForever['late-success-stays-open']).toBe('pass');
    const expiresOnlyWhenLooked = await statuses(
      solution.replace('onSuccess(): void {\n    this.expireProbe();', 'onSuccess(): void {'),
    );
    expect(expiresOnlyWhenLooked['stuck-probe-reopens']).toBe('pass');
    expect(expiresOnlyWhenLooked['timed-out-probe-answers-late']).toBe('fail');
  });
});
