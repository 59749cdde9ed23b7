// Reviews' questions and their grading, for the lesson's <Review>, a lab's quiz step and the content schema: the
// format and the pure grading live in src/labs/review (the grader grades a lab's quiz steps with them too).
export { reviewQuestionsSchema, type Review, type ReviewQuestion } from '../labs/review/review-schema';
export {
  gradeAnswer,
  hasSeveralAnswers,
  isChoiceQuestion,
  rightAnswer,
  type GradedAnswer,
  type ReviewAnswer,
} from '../labs/review/grade';
