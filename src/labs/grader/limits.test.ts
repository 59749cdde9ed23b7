import { describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import type { Lab } from '../schema';
import { runChecks } from './run-checks';

const breaker = getLab('circuit-breaker')!;

const codeStep = breaker.steps.find((step) => step.kind === 'files')!;

/** A lab whose only check misbehaves on the simulator, to prove the grader contains it. */
function labWith(run: Lab['checks'][number]['run'], budgetMs?: number): Lab {
  const check = {
    id: 'misbehaves',
    step: 'only',
    title: breaker.checks[0]!.title,
    hint: breaker.checks[0]!.hint,
    run,
    ...(budgetMs !== undefined && { budgetMs }),
  };
  return {
    ...breaker,
    meta: { ...breaker.meta, preset: 'bare', setup: [] },
    steps: [{ ...codeStep, id: 'only', checks: [check] }],
    checks: [check],
  };
}

describe('the grader’s limits', { timeout: 60_000 }, () => {
  it('stops a check that waits past its budget of virtual time, and says so in both languages', async () => {
    const lab = labWith(async (ctx) => {
      await ctx.sim((cluster) => cluster.clock.sleep(3_600_000));
      return { pass: true };
    }, 30_000);
    const [result] = (await runChecks(lab, lab.solution)).results;
    expect(result?.status).toBe('error');
    expect(result?.message?.en).toMatch(/more than 30 s of simulated time/);
    expect(result?.message?.ko).toMatch(/시뮬레이션 시간 30초/);
    expect(result?.virtualMs).toBeGreaterThanOrEqual(30_000);
  });

  it('turns a runaway simulation (event-loop limit) into a clear error', async () => {
    const lab = labWith(async (ctx) => {
      await ctx.sim(async (cluster) => {
        for (;;) await cluster.clock.sleep(0);
      });
      return { pass: true };
    });
    const [result] = (await runChecks(lab, lab.solution)).results;
    expect(result?.status).toBe('error');
    expect(result?.message?.en).toMatch(/simulation ran away/);
  });
});
