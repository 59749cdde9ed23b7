// A lab's quiz steps in the page. LabSteps.astro renders each one's questions with the reviews' markup; here the
// reviews' widget grades them where the learner answers, keeping the answers in progress under the review id
// `lab:<lab id>:<step id>`. Every answer also records the step in the lab's progress, one "check" per question
// (pass when answered right), so a quiz step passes, marks the step list and completes the lab as any step does.
// "Check this step" on a quiz step and "Check all" read the quiz steps' state from progress, here in the page.
import { rightAnswer, type Review, type ReviewAnswer } from '../../../runtime/review';
import type { QuizAnswers } from '../../../runtime/lab-folder';
import type { CheckRunReport, CheckRunResult, LabPayload } from '../../../runtime/types';
import { readProgress, recordChecks } from '../../progress/progress';
import { reportCheckRun } from '../../workshop/learner-reports';
import type { ReviewStrings } from '../../review/review-markup';
import { answerOf, attachReview, showAnswer } from '../../review/review-widget';
import type { LabStrings } from '../strings';

/** The review id a lab's quiz step keeps its answers under. */
export const quizReviewId = (labId: string, stepId: string): string => `lab:${labId}:${stepId}`;

export interface QuizSteps {
  has(stepId: string | undefined): boolean;
  /**
   * Grades every question of these quiz steps that holds an answer (as its "Check answer" would), then returns
   * their results as progress now has them.
   */
  check(stepIds: readonly string[]): CheckRunResult[];
  /** Solve: every question filled with a right answer, not yet checked. Returns how to put back what was there. */
  fillRightAnswers(): () => void;
  /**
   * The answers for a lab folder (`.meshdojo/answers.json`): progress keeps whether an answer was right, not the
   * answer, so each question answered right gets a right answer; the others none.
   */
  answers(): QuizAnswers;
}

interface Quiz {
  readonly stepId: string;
  readonly review: Review;
  readonly forms: ReadonlyMap<string, HTMLFormElement>;
  /** The step's first hint, as the grader gives it to a question not answered right. */
  readonly hint: string | undefined;
}

export function bindQuizSteps(
  root: HTMLElement,
  payload: LabPayload,
  t: LabStrings,
  onRecorded: () => void,
): QuizSteps {
  const stepIds = payload.steps.map((step) => step.id);
  const quizzes = new Map<string, Quiz>();

  const results = (quiz: Quiz): CheckRunResult[] => {
    const reviews = readProgress().reviews;
    const answers = Object.hasOwn(reviews, quiz.review.id) ? reviews[quiz.review.id]!.answers : {};
    return quiz.review.questions.map((question) => {
      const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
      const status = answer?.correct === true ? 'pass' : 'fail';
      const message =
        answer === undefined ? t['lab.quiz.unanswered'] : answer.correct ? undefined : t['lab.quiz.wrong'];
      return {
        id: question.id,
        step: quiz.stepId,
        title: question.prompt,
        status,
        ...(message !== undefined && { message }),
        ...(quiz.hint !== undefined && { hint: quiz.hint }),
      };
    });
  };

  for (const section of root.querySelectorAll<HTMLElement>('[data-quiz]')) {
    const data = section.querySelector('[data-quiz-data]')?.textContent;
    if (!data) continue;
    const { review, strings } = JSON.parse(data) as { review: Review; strings: ReviewStrings };
    const stepId = section.dataset['quiz']!;
    const forms = new Map<string, HTMLFormElement>();
    for (const form of section.querySelectorAll<HTMLFormElement>('form[data-question]'))
      forms.set(form.dataset['question'] ?? '', form);
    const hint = section.closest('[data-step]')?.querySelector('[data-hint]')?.textContent?.trim() || undefined;
    const quiz: Quiz = { stepId, review, forms, hint };
    quizzes.set(stepId, quiz);
    attachReview(section, review, strings, () => {
      const graded = results(quiz);
      recordChecks(payload.id, stepIds, graded);
      reportCheckRun(payload.id, graded);
      onRecorded();
    });
  }

  const answered = (answer: ReviewAnswer) => ('text' in answer ? answer.text.trim() !== '' : answer.choices.length > 0);
  const fill = (quiz: Quiz, answers: ReadonlyMap<string, ReviewAnswer>) => {
    for (const question of quiz.review.questions) {
      const form = quiz.forms.get(question.id);
      const answer = answers.get(question.id);
      if (form === undefined || answer === undefined) continue;
      showAnswer(form, answer);
      // A changed answer clears the verdict about the one before (the widget listens).
      form.dispatchEvent(new Event('change'));
    }
  };

  return {
    has: (stepId) => stepId !== undefined && quizzes.has(stepId),
    check(ids) {
      return ids.flatMap((id) => {
        const quiz = quizzes.get(id);
        if (quiz === undefined) return [];
        for (const question of quiz.review.questions) {
          const form = quiz.forms.get(question.id);
          if (form !== undefined && answered(answerOf(form, question))) form.requestSubmit();
        }
        return results(quiz);
      });
    },
    fillRightAnswers() {
      const before = [...quizzes.values()].map((quiz) => {
        const given = new Map<string, ReviewAnswer>();
        for (const question of quiz.review.questions) {
          const form = quiz.forms.get(question.id);
          if (form !== undefined) given.set(question.id, answerOf(form, question));
        }
        fill(quiz, new Map(quiz.review.questions.map((question) => [question.id, rightAnswer(question)])));
        return { quiz, given };
      });
      return () => before.forEach(({ quiz, given }) => fill(quiz, given));
    },
    answers() {
      return Object.fromEntries(
        [...quizzes.values()].map((quiz) => {
          const passed = new Set(results(quiz).flatMap((result) => (result.status === 'pass' ? [result.id] : [])));
          const right = quiz.review.questions.filter((question) => passed.has(question.id));
          return [quiz.stepId, Object.fromEntries(right.map((question) => [question.id, rightAnswer(question)]))];
        }),
      );
    },
  };
}

/** "Check this step" on a quiz step: its results from progress, as a report graded in the page. */
export function quizReport(stepId: string, results: CheckRunResult[]): CheckRunReport {
  return {
    status: results.every((result) => result.status === 'pass') ? 'passed' : 'failed',
    results,
    errors: [],
    durationMs: 0,
    step: stepId,
  };
}

/** "Check all": the Worker's report with the quiz steps' results (from progress) in their steps' places. */
export function withQuizResults(
  report: CheckRunReport,
  quizResults: readonly CheckRunResult[],
  payload: LabPayload,
): CheckRunReport {
  const quizSteps = new Set(quizResults.map((result) => result.step));
  const results = payload.steps.flatMap((step) =>
    quizSteps.has(step.id)
      ? quizResults.filter((result) => result.step === step.id)
      : report.results.filter((result) => result.step === step.id),
  );
  const graded = report.status === 'passed' || report.status === 'failed';
  const passed = results.every((result) => result.status === 'pass');
  return { ...report, results, ...(graded && { status: passed ? 'passed' : 'failed' }) };
}
