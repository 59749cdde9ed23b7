import { describe, expect, it } from 'vitest';
import type { CheckRunReport, CheckRunResult, LabPayload } from '../../../runtime/types';
import { quizReport, quizReviewId, withQuizResults } from './quiz-steps';

const result = (step: string, id: string, status: CheckRunResult['status']): CheckRunResult => ({
  id,
  step,
  title: id,
  status,
});
const payload = {
  steps: [
    { id: 'predict', kind: 'quiz' },
    { id: 'build', kind: 'files' },
    { id: 'recap', kind: 'quiz' },
  ],
} as unknown as LabPayload;
const worker = (status: CheckRunReport['status'], results: CheckRunResult[]): CheckRunReport => ({
  status,
  results,
  errors: [],
  durationMs: 120,
});

describe('quiz steps in the workbench', () => {
  it('keep their answers under the review id lab:<lab>:<step>', () => {
    expect(quizReviewId('circuit-breaker', 'predict')).toBe('lab:circuit-breaker:predict');
  });

  it('"Check this step" on a quiz: passed only when every question is right', () => {
    expect(quizReport('predict', [result('predict', 'a', 'pass'), result('predict', 'b', 'fail')])).toEqual({
      status: 'failed',
      results: [result('predict', 'a', 'pass'), result('predict', 'b', 'fail')],
      errors: [],
      durationMs: 0,
      step: 'predict',
    });
    expect(quizReport('predict', [result('predict', 'a', 'pass')]).status).toBe('passed');
  });

  it('"Check all": the quiz steps’ results from progress in their places, the status over all of them', () => {
    const graded = worker('passed', [
      result('predict', 'a', 'fail'), // what the Worker says of an unanswered quiz is replaced
      result('build', 'opens', 'pass'),
      result('recap', 'c', 'fail'),
    ]);
    const quiz = [result('recap', 'c', 'pass'), result('predict', 'a', 'pass'), result('predict', 'b', 'pass')];
    const merged = withQuizResults(graded, quiz, payload);
    expect(merged.results.map((r) => `${r.step}/${r.id}:${r.status}`)).toEqual([
      'predict/a:pass',
      'predict/b:pass',
      'build/opens:pass',
      'recap/c:pass',
    ]);
    expect(merged).toMatchObject({ status: 'passed', durationMs: 120 });
    const wrong = withQuizResults(graded, [result('predict', 'a', 'fail'), result('recap', 'c', 'pass')], payload);
    expect(wrong.status).toBe('failed');
    // A run that could not grade (the code does not compile) keeps its status; the quiz results are still shown.
    const broken = withQuizResults(worker('compile-error', []), [result('predict', 'a', 'pass')], payload);
    expect(broken).toMatchObject({ status: 'compile-error', results: [result('predict', 'a', 'pass')] });
  });
});
