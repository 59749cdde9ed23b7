// Reviews' questions and their grading, for the lesson's <Review> and a lab's quiz step: the format and the pure
// grading live in src/labs/review (the grader grades a lab's quiz steps with them too). The content schema is in
// review-schema.ts: what runs in the page needs none of zod, which would be evaluated on every course page.
export type { Review, ReviewQuestion } from '../labs/review/review-schema';
export {
  gradeAnswer,
  hasSeveralAnswers,
  isChoiceQuestion,
  rightAnswer,
  type GradedAnswer,
  type ReviewAnswer,
} from '../labs/review/grade';
