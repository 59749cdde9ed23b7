/**
 * The proofs every lab owes: it speaks both languages, each step's checks fail before its solution and pass
 * after it, and "Check all" fails on the starter and passes on the full solution. "Before" is the starter with
 * the earlier steps' solutions laid over it, and for terminal steps the journal of a learner who did those steps
 * (files written, applied, commands run); "after" adds this step's solution.
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from './grader/run-checks';
import { loadLabs } from './node/registry';
import { labs } from './registry';
import type { Bilingual, CheckReport, Lab } from './schema';
import { solutionFiles, solutionJournal } from './solution-replay';

const HANGUL = /[\uAC00-\uD7A3]/;

describe('the lab registry', () => {
  it('finds every lab folder, in course order', () => {
    expect(labs.map((lab) => lab.meta.id)).toEqual(['circuit-breaker', 'request-routing']);
  });

  it('finds the same labs, steps, files and checks when scanning the folder from Node', async () => {
    const scanned = await loadLabs();
    const shape = (lab: Lab) => ({
      meta: lab.meta,
      files: [lab.starter, lab.solution],
      steps: lab.steps.map(({ checks, ...step }) => ({ ...step, checks: checks.map((c) => c.id) })),
    });
    expect(scanned.map(shape)).toEqual(labs.map(shape));
  });
});

/** The learner's state after the first `count` steps, as their solutions say. */
function after(lab: Lab, count: number) {
  return { files: solutionFiles(lab, count), journal: solutionJournal(lab, count) };
}

const failing = (report: CheckReport) => report.results.filter((r) => r.status !== 'pass');
const explained = (report: CheckReport) =>
  failing(report).map((r) => [r.id, r.status, r.message?.en, r.seen?.en, report.error?.detail]);

describe.each(labs.map((lab) => [lab.meta.id, lab] as const))('lab %s', (_id, lab) => {
  it('says everything a learner reads in Korean and in English', () => {
    const texts: Bilingual[] = [
      lab.meta.title,
      lab.meta.summary,
      ...lab.checks.flatMap((c) => [c.title, c.hint]),
      ...lab.steps.flatMap((s) => [s.title, s.body, s.why, ...s.hints]),
    ];
    for (const text of texts) {
      expect(text.ko, text.en).toMatch(HANGUL);
      expect(text.en).not.toMatch(HANGUL);
    }
  });

  it.each(lab.steps.map((step, index) => [step.id, index] as const))(
    'step %s: its checks fail before its solution and pass after it',
    async (step, index) => {
      const before = after(lab, index);
      const failed = await runChecks(lab, before.files, { step, journal: before.journal });
      expect(failed.step).toBe(step);
      expect(failed.status).toBe('failed');
      expect(failing(failed).length).toBeGreaterThan(0);
      const done = after(lab, index + 1);
      const passed = await runChecks(lab, done.files, { step, journal: done.journal });
      expect(explained(passed)).toEqual([]);
      expect(passed.status).toBe('passed');
      expect(passed.results.map((r) => r.id)).toEqual(lab.steps[index]?.checks.map((c) => c.id));
    },
    120_000,
  );

  it('fails "Check all" on the starter and passes it with the whole solution', { timeout: 120_000 }, async () => {
    const starter = await runChecks(lab, lab.starter);
    expect(starter.status).toBe('failed');
    expect(starter.firstHint).toBeDefined();
    const solved = after(lab, lab.steps.length);
    expect(solved.files).toEqual(lab.solution);
    const report = await runChecks(lab, lab.solution, { journal: solved.journal });
    expect(explained(report)).toEqual([]);
    expect(report.results.map((r) => [r.step, r.id])).toEqual(
      lab.steps.flatMap((s) => s.checks.map((c) => [s.id, c.id])),
    );
    expect(report.step).toBeUndefined();
  });
});
