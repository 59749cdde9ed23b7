/**
 * Brings a rendered review (review-markup.ts) to life: "Check" grades the answer in the page, shows the
 * verdict and the feedback on what was given, and records it in the learner's progress; on a later visit
 * (or when another tab answers) each answered question shows how it went: a right answer as it was, with
 * its feedback; a wrong one as an invitation to try again. Then the score, once every question has an answer.
 */
import { onProgress, readProgress, recordAnswer, type Progress } from '../progress/progress';
import { format, formatCount } from '../workbench/strings';
import {
  gradeAnswer,
  isChoiceQuestion,
  rightAnswer,
  type GradedAnswer,
  type Review,
  type ReviewAnswer,
  type ReviewQuestion,
} from '../../runtime/review';
import { escapeHtml, inlineMarkdown } from './inline-markdown';
import type { ReviewStrings } from './review-markup';

/** What the form holds now: the ticked choices, or the typed text. */
export function answerOf(form: HTMLFormElement, question: ReviewQuestion): ReviewAnswer {
  if (!isChoiceQuestion(question)) return { text: form.querySelector<HTMLInputElement>('.review-text')?.value ?? '' };
  const ticked = [...form.querySelectorAll<HTMLInputElement>('.review-choice input:checked')];
  return { choices: ticked.map((input) => Number(input.value)) };
}

/** Puts an answer in the form (as if the learner had given it). */
export function showAnswer(form: HTMLFormElement, answer: ReviewAnswer): void {
  if ('text' in answer) {
    const input = form.querySelector<HTMLInputElement>('.review-text');
    if (input) input.value = answer.text;
    return;
  }
  for (const input of form.querySelectorAll<HTMLInputElement>('.review-choice input')) {
    input.checked = answer.choices.includes(Number(input.value));
  }
}

/** Marks the ticked choices right or wrong (or clears the marks). */
function markChoices(form: HTMLFormElement, graded: GradedAnswer | undefined): void {
  const verdicts = new Map(graded?.feedback.map((entry) => [entry.choice, entry.correct]));
  for (const item of form.querySelectorAll<HTMLElement>('.review-choice')) {
    const verdict = verdicts.get(Number(item.dataset.choice));
    if (verdict === undefined) delete item.dataset.verdict;
    else item.dataset.verdict = verdict ? 'correct' : 'incorrect';
  }
}

function resultHtml(question: ReviewQuestion, graded: GradedAnswer, t: ReviewStrings, lead?: string): string {
  const verdict = t[graded.correct ? 'review.correct' : 'review.incorrect'];
  const head = `<p class="review-verdict" data-verdict="${graded.correct ? 'correct' : 'incorrect'}">${escapeHtml(lead ?? verdict)}</p>`;
  const feedback = graded.feedback.map((entry) => {
    const choice =
      entry.choice === undefined || !isChoiceQuestion(question) ? undefined : question.choices[entry.choice];
    const quoted = choice === undefined ? '' : `<span class="review-quoted">${inlineMarkdown(choice.text)}</span> `;
    return `<li data-verdict="${entry.correct ? 'correct' : 'incorrect'}">${quoted}${inlineMarkdown(entry.text)}</li>`;
  });
  const missed =
    !graded.correct && graded.missed > 0 && graded.feedback.every((entry) => entry.correct)
      ? `<p>${escapeHtml(format(t['review.missed'], { count: graded.missed }))}</p>`
      : '';
  return `${head}<ul class="review-feedback">${feedback.join('')}</ul>${missed}`;
}

/**
 * Grades the review rendered inside `root` and keeps its answers in the learner's progress; `onAnswer` hears
 * of each answer once it is recorded (a lab's quiz step then records the step). Returns a function that stops
 * listening to progress (for a lab step that goes away).
 */
export function attachReview(
  root: HTMLElement,
  review: Review,
  t: ReviewStrings,
  onAnswer?: (questionId: string, correct: boolean) => void,
): () => void {
  const questionIds = review.questions.map((question) => question.id);
  const forms = new Map<string, HTMLFormElement>();
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-question]')) {
    forms.set(form.dataset.question ?? '', form);
  }
  const score = root.querySelector<HTMLElement>('[data-review-score]');
  /** The time of the stored answer each question last showed, so only news is shown again. */
  const shown = new Map<string, number>();
  let answering = false;

  const result = (form: HTMLFormElement) => form.querySelector<HTMLElement>('[data-result]')!;

  const showScore = (progress: Progress) => {
    const answers = Object.hasOwn(progress.reviews, review.id) ? progress.reviews[review.id]!.answers : {};
    const given = questionIds.filter((id) => Object.hasOwn(answers, id));
    const text =
      given.length === questionIds.length
        ? formatCount(t, 'review.score', questionIds.length, document.documentElement.lang, {
            total: questionIds.length,
            correct: given.filter((id) => answers[id]!.correct).length,
          })
        : '';
    if (score && score.textContent !== text) score.textContent = text;
  };

  const showStored = (progress: Progress) => {
    const answers = Object.hasOwn(progress.reviews, review.id) ? progress.reviews[review.id]!.answers : {};
    for (const question of review.questions) {
      const form = forms.get(question.id);
      const stored = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
      if (form === undefined || stored === undefined || shown.get(question.id) === stored.at) continue;
      shown.set(question.id, stored.at);
      if (stored.correct) {
        const answer = rightAnswer(question);
        const graded = gradeAnswer(question, answer)!;
        showAnswer(form, answer);
        markChoices(form, graded);
        result(form).innerHTML = resultHtml(question, graded, t, t['review.remembered.correct']);
      } else {
        showAnswer(form, isChoiceQuestion(question) ? { choices: [] } : { text: '' });
        markChoices(form, undefined);
        result(form).innerHTML =
          `<p class="review-verdict" data-verdict="incorrect">${escapeHtml(t['review.remembered.incorrect'])}</p>`;
      }
    }
  };

  const cleanups: (() => void)[] = [];
  for (const question of review.questions) {
    const form = forms.get(question.id);
    if (form === undefined) continue;
    const onSubmit = (event: Event) => {
      event.preventDefault();
      const graded = gradeAnswer(question, answerOf(form, question));
      markChoices(form, graded);
      if (graded === undefined) {
        result(form).innerHTML = `<p class="review-verdict">${escapeHtml(t['review.empty'])}</p>`;
        return;
      }
      result(form).innerHTML = resultHtml(question, graded, t);
      answering = true;
      try {
        recordAnswer(review.id, questionIds, question.id, graded.correct);
      } finally {
        answering = false;
      }
      const stored = readProgress().reviews[review.id]?.answers[question.id];
      if (stored) shown.set(question.id, stored.at);
      onAnswer?.(question.id, graded.correct);
    };
    // A changed answer is not the one the verdict was about.
    const onChange = () => {
      markChoices(form, undefined);
      if (result(form).innerHTML !== '') result(form).innerHTML = '';
    };
    form.addEventListener('submit', onSubmit);
    form.addEventListener('change', onChange);
    cleanups.push(() => {
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('change', onChange);
    });
  }

  const progress = readProgress();
  showStored(progress);
  showScore(progress);
  cleanups.push(
    onProgress((next) => {
      if (!answering) showStored(next);
      showScore(next);
    }),
  );
  return () => cleanups.forEach((cleanup) => cleanup());
}
