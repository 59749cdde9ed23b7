import { describe, expect, it } from 'vitest';
import { gradeAnswer, normalizeAnswer, rightAnswer } from './grade';
import { reviewQuestionsSchema, type ReviewQuestion } from './review-schema';

const [one, several, short] = reviewQuestionsSchema.parse([
  {
    id: 'first-match',
    prompt: 'Which rule wins?',
    choices: [
      { text: 'The first that matches', correct: true, feedback: 'Rules are tried in order.' },
      { text: 'The most specific', feedback: 'Istio does not rank rules.' },
    ],
  },
  {
    id: 'in-the-sidecar',
    prompt: 'What moves into the sidecar?',
    choices: [
      { text: 'Timeouts', correct: true, feedback: 'A cross-cutting concern.' },
      { text: 'mTLS', correct: true, feedback: 'The sidecars encrypt.' },
      { text: 'Business logic', feedback: 'That stays in the service.' },
    ],
  },
  {
    id: 'threads',
    prompt: '100 requests a second, each waiting 3 s: how many threads?',
    accept: ['300', '300 threads'],
    feedback: 'L = λW.',
    wrong: [{ answer: '200', feedback: 'That is the pool size.' }],
    otherwise: 'Think of Little’s law.',
  },
]) as [ReviewQuestion, ReviewQuestion, ReviewQuestion];

describe('review questions', () => {
  it('refuses a choice question without a right answer, and two questions with one id', () => {
    const noRight = {
      id: 'q',
      prompt: 'p',
      choices: [
        { text: 'a', feedback: 'f' },
        { text: 'b', feedback: 'f' },
      ],
    };
    expect(reviewQuestionsSchema.safeParse([noRight]).success).toBe(false);
    expect(reviewQuestionsSchema.safeParse([short, short]).success).toBe(false);
    expect(reviewQuestionsSchema.safeParse([{ ...short, id: 'Not Kebab' }]).success).toBe(false);
  });
});

describe('grading', () => {
  it('one right choice: right or wrong, with the feedback of what was chosen', () => {
    expect(gradeAnswer(one, { choices: [0] })).toEqual({
      correct: true,
      feedback: [{ text: 'Rules are tried in order.', correct: true, choice: 0 }],
      missed: 0,
    });
    expect(gradeAnswer(one, { choices: [1] })).toMatchObject({
      correct: false,
      feedback: [{ text: 'Istio does not rank rules.', correct: false, choice: 1 }],
    });
  });

  it('several right choices: all of them and nothing else, saying how many were missed', () => {
    expect(gradeAnswer(several, { choices: [1, 0] })?.correct).toBe(true);
    expect(gradeAnswer(several, { choices: [0] })).toMatchObject({ correct: false, missed: 1 });
    const withWrong = gradeAnswer(several, { choices: [2, 0, 1] })!;
    expect(withWrong.correct).toBe(false);
    expect(withWrong.feedback.map((entry) => entry.choice)).toEqual([0, 1, 2]);
  });

  it('short answers compare without case, width or spaces, with feedback for a known mistake', () => {
    expect(normalizeAnswer(' 300 Threads ')).toBe('300threads');
    expect(normalizeAnswer('ＥＮＤ-user')).toBe('end-user');
    expect(gradeAnswer(short, { text: '3 0 0' })).toMatchObject({ correct: true, feedback: [{ text: 'L = λW.' }] });
    expect(gradeAnswer(short, { text: '300 THREADS' })?.correct).toBe(true);
    expect(gradeAnswer(short, { text: '200' })).toMatchObject({
      correct: false,
      feedback: [{ text: 'That is the pool size.' }],
    });
    expect(gradeAnswer(short, { text: '12' })?.feedback[0]?.text).toBe('Think of Little’s law.');
  });

  it('has nothing to grade when nothing was given', () => {
    expect(gradeAnswer(one, { choices: [] })).toBeUndefined();
    expect(gradeAnswer(one, { choices: [7] })).toBeUndefined();
    expect(gradeAnswer(short, { text: '   ' })).toBeUndefined();
    expect(gradeAnswer(short, { choices: [0] })).toBeUndefined();
  });

  it('knows a right answer to show again', () => {
    for (const question of [one, several, short]) {
      expect(gradeAnswer(question, rightAnswer(question))?.correct).toBe(true);
    }
  });
});
