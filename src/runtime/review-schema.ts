// The content schema of a review's questions (zod), for the content collections and tests; pages import review.ts.
export { reviewQuestionsSchema } from '../labs/review/review-schema';
