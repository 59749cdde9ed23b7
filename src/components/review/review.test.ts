import { describe, expect, it } from 'vitest';
import type { ReviewQuestion } from '../../runtime/review';
import { reviewQuestionsSchema } from '../../runtime/review-schema';
import { inlineMarkdown } from './inline-markdown';
import { questionElementId, reviewMarkup, REVIEW_STRING_KEYS, type ReviewStrings } from './review-markup';

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

const strings = Object.fromEntries(REVIEW_STRING_KEYS.map((key) => [key, key])) as ReviewStrings;

describe('markup', () => {
  it('renders only `code` and **bold** from the text, escaping everything else', () => {
    expect(inlineMarkdown('a `<b>` and **c** <script>')).toBe(
      'a <code>&lt;b&gt;</code> and <strong>c</strong> &lt;script&gt;',
    );
    expect(inlineMarkdown('`**not bold**`')).toBe('<code>**not bold**</code>');
  });

  it('one form per question: radios for one answer, check boxes for several, a text field for short ones', () => {
    const html = reviewMarkup({ id: '3.1', questions: [one, several, short] }, strings);
    expect(questionElementId('3.1', 'first-match')).toBe('review-3-1-first-match');
    expect(html.match(/<form /g)).toHaveLength(3);
    expect(html).toContain('id="review-3-1-first-match" data-question="first-match"');
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html.match(/type="checkbox"/g)).toHaveLength(3);
    expect(html).toContain('review.chooseAll');
    expect(html.match(/type="text"/g)).toHaveLength(1);
    // Each input has its label, and feedback is not in the page before an answer is checked.
    for (const [, id] of html.matchAll(/<input [^>]*id="([^"]+)"/g)) expect(html).toContain(`for="${id}"`);
    expect(html).not.toContain('Rules are tried in order.');
    expect(html).toContain('role="status"');
  });
});
