/**
 * A review: graded questions at the end of a lesson (frontmatter `review:`) or in a quiz-style lab step.
 * Each language writes its own text; the question ids are shared (the content checks compare them), so
 * progress holds one answer per question whatever the language it was answered in.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);
const questionId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'kebab-case')
  .describe('Stable id, the same in both languages: progress is kept per question id.');

const choiceQuestionSchema = z
  .object({
    id: questionId,
    prompt: text.describe('The question (inline markdown: `code`, **bold**).'),
    choices: z
      .array(
        z
          .object({
            text: text.describe('The answer as the learner reads it.'),
            correct: z.boolean().default(false).describe('Whether choosing it is right.'),
            feedback: text.describe('Why this answer is right or wrong, shown once it is chosen and checked.'),
          })
          .strict(),
      )
      .min(2),
  })
  .strict()
  .refine((question) => question.choices.some((choice) => choice.correct), 'at least one choice must be correct')
  .describe('Multiple choice: one correct answer (radio buttons) or several (check boxes, all of them needed).');

const shortAnswerSchema = z
  .object({
    id: questionId,
    prompt: text,
    accept: z.array(text).min(1).describe('Accepted answers, compared without case and spaces.'),
    feedback: text.describe('Shown with a right answer: why it is right.'),
    wrong: z
      .array(z.object({ answer: text, feedback: text }).strict())
      .default([])
      .describe('Likely wrong answers, each with feedback on the mistake it shows.'),
    otherwise: text.describe('Shown with any other wrong answer: a nudge, not the answer.'),
  })
  .strict()
  .describe('Short answer: a word or a number typed in.');

export const reviewQuestionsSchema = z
  .array(z.union([choiceQuestionSchema, shortAnswerSchema]))
  .min(1)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    for (const [index, { id }] of questions.entries()) {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate question id ${id}` });
      seen.add(id);
    }
  });

export type ReviewQuestion = z.output<typeof reviewQuestionsSchema>[number];
export type ChoiceQuestion = z.output<typeof choiceQuestionSchema>;
export type ShortAnswerQuestion = z.output<typeof shortAnswerSchema>;

/** A review in one language: its id (a lesson number, or a lab step's) and its questions. */
export interface Review {
  id: string;
  questions: readonly ReviewQuestion[];
}
