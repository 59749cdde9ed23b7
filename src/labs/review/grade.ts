/** Grading a review's answers: pure, the same in a lesson and in a lab step. */
import type { ChoiceQuestion, ReviewQuestion } from './review-schema';

/** What the learner gave: the indexes of the choices ticked, or the text typed. */
export type ReviewAnswer = { choices: readonly number[] } | { text: string };

export interface GradedAnswer {
  correct: boolean;
  /** Feedback on what was given: one entry per ticked choice (in order), or one for a typed answer. */
  feedback: { text: string; correct: boolean; choice?: number }[];
  /** Correct choices the learner left out (the ticked ones were all right, but not all the right ones). */
  missed: number;
}

export function isChoiceQuestion(question: ReviewQuestion): question is ChoiceQuestion {
  return 'choices' in question;
}

/** Several correct choices: check boxes, and all of them must be ticked. */
export function hasSeveralAnswers(question: ChoiceQuestion): boolean {
  return question.choices.filter((choice) => choice.correct).length > 1;
}

/** How typed answers compare: case, width and spaces do not count (`Reviews V1` = `reviewsv1`). */
export function normalizeAnswer(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Undefined when there is nothing to grade (nothing ticked, nothing typed). */
export function gradeAnswer(question: ReviewQuestion, answer: ReviewAnswer): GradedAnswer | undefined {
  if (isChoiceQuestion(question)) {
    if (!('choices' in answer)) return undefined;
    const ticked = [...new Set(answer.choices)]
      .filter((index) => question.choices[index] !== undefined)
      .sort((a, b) => a - b);
    if (ticked.length === 0) return undefined;
    const feedback = ticked.map((index) => {
      const choice = question.choices[index]!;
      return { text: choice.feedback, correct: choice.correct, choice: index };
    });
    const rightTicked = feedback.filter((entry) => entry.correct).length;
    const rightTotal = question.choices.filter((choice) => choice.correct).length;
    return {
      correct: rightTicked === rightTotal && rightTicked === ticked.length,
      feedback,
      missed: rightTotal - rightTicked,
    };
  }
  if (!('text' in answer) || normalizeAnswer(answer.text) === '') return undefined;
  const given = normalizeAnswer(answer.text);
  if (question.accept.some((accepted) => normalizeAnswer(accepted) === given)) {
    return { correct: true, feedback: [{ text: question.feedback, correct: true }], missed: 0 };
  }
  const known = question.wrong.find((wrong) => normalizeAnswer(wrong.answer) === given);
  return { correct: false, feedback: [{ text: known?.feedback ?? question.otherwise, correct: false }], missed: 0 };
}

/** A right answer to the question: what the page shows again for a question the learner got right before. */
export function rightAnswer(question: ReviewQuestion): ReviewAnswer {
  if (isChoiceQuestion(question)) {
    return { choices: question.choices.flatMap((choice, index) => (choice.correct ? [index] : [])) };
  }
  return { text: question.accept[0]! };
}
