/**
 * A quiz step, graded on the learner's answers (no cluster, nothing to wait for): one result per question, with
 * the question's id and its prompt as the title — `pass` for a right answer, `fail` for a wrong one with the
 * feedback on what was given (`seen`), or `fail` with "not answered yet". Both languages are graded
 * (review-pair.ts), so the verdict is the same whichever the learner reads.
 */
import { isChoiceQuestion, type GradedAnswer, type ReviewAnswer } from '../review/grade';
import { gradePair } from '../review/review-pair';
import type { ReviewQuestion } from '../review/review-schema';
import type { Check, CheckResult, Lang, LabStep, QuizAnswers } from '../schema';
import { both } from './text';

/** What a run grades one at a time: a check, or a quiz step's question. */
export type GradedItem = Pick<Check, 'id' | 'step' | 'title' | 'hint'>;

function questionPair(step: LabStep, index: number): Record<Lang, ReviewQuestion> {
  const ko = step.questions?.ko[index];
  const en = step.questions?.en[index];
  if (ko === undefined || en === undefined) throw new Error(`step ${step.id} has no question ${index + 1}`);
  return { ko, en };
}

/** A quiz step's questions as graded items, in order (its first hint is each one's hint). */
export function quizItems(step: LabStep): GradedItem[] {
  return (step.questions?.en ?? []).map((question, index) => {
    const pair = questionPair(step, index);
    return {
      id: question.id,
      step: step.id,
      title: { ko: pair.ko.prompt, en: pair.en.prompt },
      hint: step.hints[0] ?? both('질문을 다시 읽어 보십시오.', 'Read the question again.'),
    };
  });
}

const MISSED = {
  ko: (count: number) => `고른 답은 맞지만 맞는 답이 ${count}개 더 있습니다.`,
  en: (count: number) => `What you chose is right, but ${count} more right answer${count > 1 ? 's are' : ' is'} left.`,
};

/** The feedback on an answer as one text: each ticked choice with its feedback, or the typed answer's. */
function feedbackText(question: ReviewQuestion, graded: GradedAnswer, lang: Lang): string {
  const parts = graded.feedback.map((entry) => {
    const choice =
      entry.choice !== undefined && isChoiceQuestion(question) ? question.choices[entry.choice] : undefined;
    return choice === undefined ? entry.text : `${choice.text} — ${entry.text}`;
  });
  if (!graded.correct && graded.missed > 0 && graded.feedback.every((entry) => entry.correct))
    parts.push(MISSED[lang](graded.missed));
  return parts.join(' ');
}

/** One question of a quiz step, graded on the learner's answer (undefined: not answered). */
export function gradeQuestion(step: LabStep, questionId: string, answer: ReviewAnswer | undefined): CheckResult {
  const index = (step.questions?.en ?? []).findIndex((question) => question.id === questionId);
  if (index < 0) throw new Error(`step ${step.id} asks no question "${questionId}"`);
  const item = quizItems(step)[index]!;
  const pair = questionPair(step, index);
  const graded = answer === undefined ? undefined : gradePair(pair, answer);
  const base = { ...item, virtualMs: 0 };
  if (graded === undefined)
    return { ...base, status: 'fail', message: both('아직 답하지 않았습니다.', 'Not answered yet.') };
  return {
    ...base,
    status: graded.correct ? 'pass' : 'fail',
    seen: { ko: feedbackText(pair.ko, graded.ko, 'ko'), en: feedbackText(pair.en, graded.en, 'en') },
  };
}

/** Every question of a quiz step, graded on the learner's answers. */
export function gradeQuiz(step: LabStep, answers: QuizAnswers | undefined): CheckResult[] {
  return quizItems(step).map((item) => gradeQuestion(step, item.id, answers?.[step.id]?.[item.id]));
}
