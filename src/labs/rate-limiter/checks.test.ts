import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import type { CheckReport } from '../schema';

const lab = getLab('rate-limiter')!;
const BUCKET_CHECKS = ['burst', 'refill', 'capacity'];

async function bucketReport(code: string): Promise<Record<string, string>> {
  const r: CheckReport = await runChecks(lab, { ...lab.solution, 'token-bucket.ts': code }, { step: 'bucket' });
  return Object.fromEntries(r.results.map((x) => [x.id, x.status]));
}

/** A bucket with `fill` as its refill, the rest as the solution has it. */
const bucket = (fill: string) => `
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(private readonly c: { maxTokens: number; tokensPerFill: number; fillIntervalMs: number }, private readonly now: () => number) {
    this.tokens = c.maxTokens;
    this.last = now();
  }
  tryTake(): boolean {
    const n = Math.floor((this.now() - this.last) / this.c.fillIntervalMs);
    ${fill}
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}`;

describe('the rate-limiter bucket checks', { timeout: 60_000 }, () => {
  it('pass a bucket written another way (its own names, a `< 1` test)', async () => {
    const variant = bucket(
      'if (n > 0) { this.tokens = Math.min(this.c.maxTokens, this.tokens + n * this.c.tokensPerFill); this.last = this.last + n * this.c.fillIntervalMs; }',
    );
    const result = await bucketReport(variant);
    for (const id of BUCKET_CHECKS) expect(result[id], id).toBe('pass');
  });

  it('fail a bucket whose schedule drifts to the time it was asked', async () => {
    const drifting = bucket(
      'if (n > 0) { this.tokens = Math.min(this.c.maxTokens, this.tokens + n * this.c.tokensPerFill); this.last = this.now(); }',
    );
    expect((await bucketReport(drifting))['refill']).toBe('fail');
  });

  it('fail a bucket that fills past maxTokens', async () => {
    const uncapped = bucket(
      'if (n > 0) { this.tokens += n * this.c.tokensPerFill; this.last += n * this.c.fillIntervalMs; }',
    );
    expect((await bucketReport(uncapped))['capacity']).toBe('fail');
  });

  it('fail a bucket that adds one token a fill whatever tokensPerFill says', async () => {
    const oneAFill = bucket(
      'if (n > 0) { this.tokens = Math.min(this.c.maxTokens, this.tokens + n); this.last += n * this.c.fillIntervalMs; }',
    );
    expect((await bucketReport(oneAFill))['refill']).toBe('fail');
  });
});
