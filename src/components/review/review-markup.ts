/**
 * A review as HTML: one form per question (a fieldset of radio buttons, check boxes or a text field, a
 * "Check" button and a live region for the verdict), then the score. The lesson's <Review> renders it at
 * build time and a lab step can render it in the browser; review-widget.ts then grades it in place.
 */
import { format, type UiStrings } from '../workbench/strings';
import { hasSeveralAnswers, isChoiceQuestion, type Review, type ReviewQuestion } from '../../runtime/review';
import { escapeHtml, inlineMarkdown } from './inline-markdown';

export const REVIEW_STRING_KEYS = [
  'review.question',
  'review.chooseOne',
  'review.chooseAll',
  'review.answer',
  'review.check',
  'review.empty',
  'review.correct',
  'review.incorrect',
  'review.missed',
  'review.remembered.correct',
  'review.remembered.incorrect',
  'review.score_one',
  'review.score_other',
] as const;
export type ReviewStrings = UiStrings<(typeof REVIEW_STRING_KEYS)[number]>;

/** An id fragment from a review or question id (`1.1` → `1-1`). */
function idPart(id: string): string {
  return id.replace(/[^a-zA-Z0-9-]/g, '-');
}

/** The element id of one question's form. */
export function questionElementId(reviewId: string, questionId: string): string {
  return `review-${idPart(reviewId)}-${idPart(questionId)}`;
}

function controls(reviewId: string, question: ReviewQuestion, t: ReviewStrings): string {
  const base = questionElementId(reviewId, question.id);
  if (!isChoiceQuestion(question)) {
    return `<label class="review-answer" for="${base}-text"><span>${escapeHtml(t['review.answer'])}</span></label>
<input class="review-text" id="${base}-text" type="text" name="answer" autocomplete="off" autocapitalize="off" spellcheck="false" />`;
  }
  const several = hasSeveralAnswers(question);
  const type = several ? 'checkbox' : 'radio';
  const choices = question.choices
    .map(
      (choice, index) => `<li class="review-choice" data-choice="${index}">
<input type="${type}" id="${base}-${index}" name="${base}" value="${index}" />
<label for="${base}-${index}">${inlineMarkdown(choice.text)}</label>
</li>`,
    )
    .join('\n');
  return `<p class="review-instruction">${escapeHtml(t[several ? 'review.chooseAll' : 'review.chooseOne'])}</p>
<ul class="review-choices">
${choices}
</ul>`;
}

function questionMarkup(reviewId: string, question: ReviewQuestion, number: number, t: ReviewStrings): string {
  return `<form class="review-question" id="${questionElementId(reviewId, question.id)}" data-question="${escapeHtml(question.id)}" novalidate>
<fieldset>
<legend><span class="review-number">${escapeHtml(format(t['review.question'], { number }))}</span> ${inlineMarkdown(question.prompt)}</legend>
${controls(reviewId, question, t)}
</fieldset>
<button type="submit" class="review-check">${escapeHtml(t['review.check'])}</button>
<div class="review-result" role="status" data-result></div>
</form>`;
}

/** The review's HTML (questions numbered from 1, then the score, hidden until every question is answered). */
export function reviewMarkup(review: Review, t: ReviewStrings): string {
  return `<div class="review-questions not-content" data-review-id="${escapeHtml(review.id)}">
${review.questions.map((question, index) => questionMarkup(review.id, question, index + 1, t)).join('\n')}
<p class="review-score" role="status" data-review-score></p>
</div>`;
}
