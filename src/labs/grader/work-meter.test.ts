import { describe, expect, it } from 'vitest';
import { labs } from '../registry';
import type { CheckReport, Lab } from '../schema';
import { solutionAnswers } from '../solution-replay';
import { compileModules } from './module-loader';
import { runChecks } from './run-checks';
import { instrumentWork, WORK_BUDGET, WORK_TICK, WorkMeter } from './work-meter';

const codeLabs = labs.filter((lab) => lab.meta.kind === 'code');
const breaker = codeLabs.find((lab) => lab.meta.id === 'circuit-breaker')!;
const main = breaker.meta.main;
const answered = { answers: solutionAnswers(breaker, breaker.steps.length) };

/** Runs instrumented `code` with a meter and returns the meter and what the code's `result` came to. */
function evaluate(code: string, meter = new WorkMeter()): { meter: WorkMeter; value: unknown } {
  const fn = new Function(WORK_TICK, `"use strict";\n${instrumentWork(code)}\nreturn result;`) as (
    tick: () => void,
  ) => unknown;
  return { meter, value: fn(meter.tick) };
}

const LOOP_EN = /more than 50,000,000 times, so the check was stopped\. Look for a loop that never ends/;
const LOOP_KO = /반복문과 함수 호출이 50,000,000번을 넘어 검사를 중단했습니다/;
const looping = (report: CheckReport) => report.results.filter((r) => LOOP_EN.test(r.message?.en ?? ''));

describe('instrumentWork', () => {
  it('ticks once per loop round and per function call, and changes no result', () => {
    const { meter, value } = evaluate(
      'let result = 0;\nconst add = (a, b) => a + b;\nfor (let i = 0; i < 10; i++) result = add(result, i);\n' +
        'let j = 0;\nwhile (j < 5) j++;\ndo j--; while (j > 0);\nfor (const k of [1, 2]) { result += k; }',
    );
    expect(value).toBe(48);
    expect(meter.used).toBe(10 + 10 + 5 + 5 + 2);
  });

  it('nests what it adds where bodies begin or end at one place, and keeps every line where it was', () => {
    expect(instrumentWork('while (x) f = () => y')).toBe(`while (x) {${WORK_TICK}();f = () => (${WORK_TICK}(), y)}`);
    expect(instrumentWork('for (;;) for (;;) x++;')).toBe(`for (;;) {${WORK_TICK}();for (;;) {${WORK_TICK}();x++;}}`);
    expect(instrumentWork('const f = (a) => ({ a });')).toBe(`const f = (a) => ((${WORK_TICK}(), { a }));`);
    const code = breaker.solution[main]!;
    const compiled = compileModules({ [main]: code });
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.code.get(main)).toContain(WORK_TICK);
    expect(compiled.code.get(main)!.split('\n')).toHaveLength(code.split('\n').length);
  });

  it('stays over its budget once over it, so code that catches the error cannot go on looping', () => {
    const meter = new WorkMeter(1000);
    expect(() =>
      evaluate('let result = 0;\nfor (;;) { try { for (;;) result++; } catch { result = -1; } }', meter),
    ).toThrow(/more than 1,000 times/);
    expect(meter.exceeded).toBe(true);
  });
});

describe('the grader counts the learner code’s work, not the seconds it takes', { timeout: 120_000 }, () => {
  it.each(codeLabs.map((lab) => [lab.meta.id, lab] as const))(
    '%s: the starter and every step’s solution spend under a hundredth of the budget in any check',
    async (_id, lab: Lab) => {
      const workspaces = [lab.starter, ...lab.steps.map((step) => ({ ...lab.starter, ...step.solution.files }))];
      let most = 0;
      for (const files of workspaces) {
        const report = await runChecks(lab, files, { answers: solutionAnswers(lab, lab.steps.length) });
        expect(looping(report)).toEqual([]);
        most = Math.max(most, ...report.results.map((r) => r.work ?? 0));
      }
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThan(WORK_BUDGET / 100);
    },
  );

  it('stops a loop that never ends in the constructor and reports it in both languages, check by check', async () => {
    const code = breaker.solution[main]!.replace(/constructor\([^)]*\)\s*\{/, (head) => `${head}\n    while (this) {}`);
    const report = await runChecks(breaker, { [main]: code }, answered);
    const codeChecks = report.results.filter((r) => breaker.checks.some((c) => c.id === r.id));
    expect(codeChecks.length).toBeGreaterThan(1);
    for (const result of codeChecks) {
      expect(result.status).toBe('error');
      expect(result.message?.en).toMatch(LOOP_EN);
      expect(result.message?.ko).toMatch(LOOP_KO);
    }
    // The quiz questions are graded as ever.
    expect(report.results.filter((r) => r.step === 'predict').every((r) => r.status === 'pass')).toBe(true);
  });

  it('reports a loop in one method on the checks that reach it, and grades the others', async () => {
    const code = breaker.solution[main]!.replace(
      'get state(): BreakerState {',
      'get state(): BreakerState {\n    if (this.options.failureThreshold === 2) for (;;);',
    );
    const report = await runChecks(breaker, { [main]: code }, answered);
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(statuses['opens-after-n-failures']).toBe('pass');
    expect(statuses['rejects-while-open']).toBe('error');
    expect(looping(report).map((r) => r.id)).toContain('rejects-while-open');
    expect(statuses['half-open-single-probe']).toBe('pass');
  });

  it('reports a loop in code the mesh calls, even where the mesh turned the error into a failed request', async () => {
    const code = breaker.solution[main]!.replace(
      'allowRequest(): boolean {',
      'allowRequest(): boolean {\n    for (let i = 0; i >= 0; i = (i + 1) % 10) {}',
    );
    const report = await runChecks(breaker, { [main]: code }, { ...answered, step: 'late-answers' });
    expect(report.results.length).toBeGreaterThan(0);
    expect(looping(report).map((r) => r.id)).toEqual(report.results.map((r) => r.id));
  });
});
