/**
 * A review written twice, in Korean and in English (a lab's quiz step): both languages must ask the same
 * questions in the same order with the same right answers, and an answer is graded against both, so a learner
 * gets the same verdict whatever language they answer in.
 */
import { gradeAnswer, isChoiceQuestion, type GradedAnswer, type ReviewAnswer } from './grade';
import type { ReviewQuestion } from './review-schema';

/**
 * What both languages must agree on, one line per question: its id, and what is right (`choice 0,2/4`: choices
 * 0 and 2 of 4; `short`: a typed answer). The content checks hold lessons' reviews to the same lines.
 */
export function reviewShape(questions: readonly ReviewQuestion[]): string[] {
  return questions.map((question) => {
    if (!isChoiceQuestion(question)) return `${question.id}: short`;
    const right = question.choices.flatMap((choice, index) => (choice.correct ? [index] : []));
    return `${question.id}: choice ${right.join(',')}/${question.choices.length}`;
  });
}

export interface PairGrade {
  readonly correct: boolean;
  /** Each language's grading, with its own feedback. */
  readonly ko: GradedAnswer;
  readonly en: GradedAnswer;
}

/**
 * Grades one answer against a question in both languages; undefined when nothing was given. Choices are the same
 * in both (by index); a typed answer is right when either language accepts it (a Korean learner may well type
 * the English term), and then both languages give their feedback for a right answer.
 */
export function gradePair(
  pair: Readonly<Record<'ko' | 'en', ReviewQuestion>>,
  answer: ReviewAnswer,
): PairGrade | undefined {
  const ko = gradeAnswer(pair.ko, answer);
  const en = gradeAnswer(pair.en, answer);
  if (ko === undefined || en === undefined) return undefined;
  const correct = ko.correct || en.correct;
  const asRight = (question: ReviewQuestion, graded: GradedAnswer): GradedAnswer =>
    correct && !graded.correct && !isChoiceQuestion(question)
      ? { correct: true, feedback: [{ text: question.feedback, correct: true }], missed: 0 }
      : graded;
  return { correct, ko: asRight(pair.ko, ko), en: asRight(pair.en, en) };
}
