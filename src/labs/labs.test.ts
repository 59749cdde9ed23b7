/**
 * The proofs every lab owes: it speaks both languages, each step's checks fail before its solution and pass
 * after it, and "Check all" fails on the starter and passes on the full solution. "Before" is the starter with
 * the earlier steps' solutions laid over it, and for terminal steps the journal of a learner who did those steps
 * (files written, applied, commands run); "after" adds this step's solution. A quiz step's "solution" is its
 * right answers: unanswered or wrong it fails, and the right answers pass in both languages.
 */
import { describe, expect, it } from 'vitest';
import { checksToRun, runChecks } from './grader/run-checks';
import { loadLabs } from './node/registry';
import { labs } from './registry';
import { isChoiceQuestion, type ReviewAnswer } from './review/grade';
import type { ReviewQuestion } from './review/review-schema';
import { LANGS, type Bilingual, type CheckReport, type Lab, type LabStep } from './schema';
import { solutionAnswers, solutionFiles, solutionJournal } from './solution-replay';
import { fillYourRun } from './your-run';

const HANGUL = /[\uAC00-\uD7A3]/;

describe('the lab registry', () => {
  it('finds every lab folder, in course order', () => {
    expect(labs.map((lab) => lab.meta.id)).toEqual([
      'cascading-failure',
      'circuit-breaker',
      'control-plane-push',
      'envoy-config',
      'http-filter',
      'route-translation',
      'rate-limiter',
      'mtls-identity',
      'istio-today',
      'nks-cluster',
      'istio-install',
      'sidecar-injection',
      'ingress-nks',
      'seeing-the-mesh',
      'request-routing',
      'traffic-shifting',
      'fault-injection',
      'timeouts-retries',
      'circuit-breaking',
      'mutual-tls',
      'authorization',
      'observability',
      'rate-limiting',
      'cleanup',
    ]);
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
  return {
    files: solutionFiles(lab, count),
    journal: solutionJournal(lab, count),
    answers: solutionAnswers(lab, count),
  };
}

/** Answers a learner may give that are wrong: each wrong choice alone (and all but one right choice), or the
 * known wrong answers and one nobody foresaw. */
function wrongAnswers(question: ReviewQuestion): ReviewAnswer[] {
  if (!isChoiceQuestion(question)) return [...question.wrong.map(({ answer }) => ({ text: answer })), { text: '-1' }];
  const right = question.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
  const wrong = question.choices.flatMap((choice, index) => (choice.correct ? [] : [{ choices: [index] }]));
  return right.length > 1 ? [...wrong, { choices: right.slice(1) }] : wrong;
}

const quizTexts = (step: LabStep): Bilingual[] => {
  const { ko, en } = step.questions ?? { ko: [], en: [] };
  const texts = (question: ReviewQuestion | undefined): string[] =>
    question === undefined
      ? []
      : isChoiceQuestion(question)
        ? [question.prompt, ...question.choices.map((choice) => choice.feedback)]
        : [question.prompt, question.feedback, question.otherwise, ...question.wrong.map((wrong) => wrong.feedback)];
  return en.flatMap((question, i) => {
    const [k, e] = [texts(ko[i]), texts(question)];
    return e.map((text, j) => ({ ko: k[j] ?? '', en: text }));
  });
};

const failing = (report: CheckReport) => report.results.filter((r) => r.status !== 'pass');
const explained = (report: CheckReport) =>
  failing(report).map((r) => [r.id, r.status, r.message?.en, r.seen?.en, report.error?.detail]);

describe.each(labs.map((lab) => [lab.meta.id, lab] as const))('lab %s', (_id, lab) => {
  it('says everything a learner reads in Korean and in English', () => {
    const texts: Bilingual[] = [
      lab.meta.title,
      lab.meta.summary,
      ...lab.checks.flatMap((c) => [c.title, c.hint]),
      ...lab.steps.flatMap((s) => [s.title, s.body, s.why, ...s.hints, ...quizTexts(s)]),
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
      const failed = await runChecks(lab, before.files, { step, journal: before.journal, answers: before.answers });
      expect(failed.step).toBe(step);
      expect(failed.status).toBe('failed');
      expect(failing(failed).length).toBeGreaterThan(0);
      const done = after(lab, index + 1);
      const passed = await runChecks(lab, done.files, { step, journal: done.journal, answers: done.answers });
      expect(explained(passed)).toEqual([]);
      expect(passed.status).toBe('passed');
      expect(passed.results.map((r) => r.id)).toEqual(checksToRun(lab, step).map((c) => c.id));
      // A "your run" text shows only when every fact it quotes was measured: a passing run must measure them all.
      const yourRun = lab.steps[index]!.yourRun;
      if (yourRun !== undefined) {
        const facts = new Map(passed.results.flatMap((r) => (r.facts ? [[r.id, r.facts] as const] : [])));
        for (const lang of LANGS) expect(fillYourRun(yourRun[lang], facts, lang), lang).toBeDefined();
      }
    },
    120_000,
  );

  const quizzes = lab.steps.filter((step) => step.kind === 'quiz');
  it.runIf(quizzes.length > 0).each(quizzes.map((step) => [step.id, step] as const))(
    'quiz step %s: wrong answers do not pass, the right ones do, in both languages',
    async (stepId, step) => {
      for (const lang of LANGS) {
        const right = solutionAnswers(lab, lab.steps.indexOf(step) + 1, lang)[stepId] ?? {};
        const passed = await runChecks(lab, lab.starter, { step: stepId, answers: { [stepId]: right } });
        expect(explained(passed), lang).toEqual([]);
        expect(passed.status).toBe('passed');
        for (const [i, question] of step.questions![lang].entries()) {
          for (const wrong of wrongAnswers(question)) {
            const answers = { [stepId]: { ...right, [question.id]: wrong } };
            const report = await runChecks(lab, lab.starter, { step: stepId, answers });
            expect(report.status, `${lang} ${question.id} ${JSON.stringify(wrong)}`).toBe('failed');
            expect(failing(report).map((r) => r.id)).toEqual([question.id]);
            expect(report.results[i]?.seen?.[lang]).toBeTruthy();
          }
        }
      }
    },
  );

  it('fails "Check all" on the starter and passes it with the whole solution', { timeout: 120_000 }, async () => {
    const starter = await runChecks(lab, lab.starter);
    expect(starter.status).toBe('failed');
    expect(starter.firstHint).toBeDefined();
    const solved = after(lab, lab.steps.length);
    expect(solved.files).toEqual(lab.solution);
    const report = await runChecks(lab, lab.solution, { journal: solved.journal, answers: solved.answers });
    expect(explained(report)).toEqual([]);
    expect(report.results.map((r) => [r.step, r.id])).toEqual(checksToRun(lab, undefined).map((c) => [c.step, c.id]));
    expect(report.results.filter((r) => lab.checks.some((c) => c.id === r.id))).toHaveLength(lab.checks.length);
    expect(report.step).toBeUndefined();
  });
});
