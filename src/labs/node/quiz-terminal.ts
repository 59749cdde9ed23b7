/**
 * A lab's quiz steps in a terminal: `meshdojo check` asks the current quiz step's questions on a TTY (a choice by
 * its number, several as `1,3`; a short answer as text) and `--answer <question id>=<answer>` answers without
 * one (scripts, tests). Each answer's feedback is told in the learner's language, graded as the grader grades it;
 * the CLI keeps the answers in the lab folder (`.meshdojo/answers.json`).
 */
import { gradeQuestion } from '../grader/quiz';
import { hasSeveralAnswers, isChoiceQuestion, type ReviewAnswer } from '../review/grade';
import type { ReviewQuestion } from '../review/review-schema';
import type { Lab, LabStep, Lang, QuizAnswers } from '../schema';

/** Asks one line of the learner; undefined when input has ended (Ctrl-D). */
export type Ask = (prompt: string) => Promise<string | undefined>;

const WORDS = {
  ko: {
    intro: (n: number, of: number, title: string) =>
      `${n}/${of} ${title}: 질문에 답하십시오. 빈 줄은 그 질문을 건너뛰고, Ctrl-D는 묻기를 그만둡니다.\n`,
    question: (n: number, of: number, id: string) => `질문 ${n}/${of} (${id})`,
    chooseOne: (count: number) => `번호를 고르십시오 (1–${count}): `,
    chooseAll: () => `맞는 답의 번호를 모두 고르십시오 (예: 1,3): `,
    answer: () => '답: ',
    numbers: (count: number) => `1부터 ${count}까지의 번호로 답하십시오.`,
    right: '✓ 맞았습니다.',
    wrong: '✗ 틀렸습니다.',
    noQuestion: (id: string, ids: readonly string[]) =>
      `"${id}"라는 질문은 없습니다. 이 실습의 질문: ${ids.join(', ')}`,
    flag: '--answer에는 <질문 id>=<답>을 주십시오. 예: --answer failed-probe=23',
    badChoice: (id: string, count: number) => `"${id}"에는 선택지 번호(1–${count}, 여럿이면 1,3)로 답하십시오.`,
    how: '터미널에서 `meshdojo check`를 실행해 답하거나 `meshdojo check --answer <질문 id>=<답>`으로 답하십시오(선택지는 번호로). 질문은 README.md에 있습니다.',
    readme:
      '선택지는 번호로 답합니다. 터미널에서 `meshdojo check`가 질문을 묻고, `meshdojo check --answer <질문 id>=<답>`으로 답할 수도 있습니다.',
  },
  en: {
    intro: (n: number, of: number, title: string) =>
      `${n}/${of} ${title}: answer the questions. An empty line skips a question; Ctrl-D stops asking.\n`,
    question: (n: number, of: number, id: string) => `Question ${n}/${of} (${id})`,
    chooseOne: (count: number) => `Choose one (1–${count}): `,
    chooseAll: () => 'Choose every right answer (e.g. 1,3): ',
    answer: () => 'Answer: ',
    numbers: (count: number) => `Answer with numbers from 1 to ${count}.`,
    right: '✓ Right.',
    wrong: '✗ Not quite.',
    noQuestion: (id: string, ids: readonly string[]) =>
      `there is no question "${id}". This lab's questions: ${ids.join(', ')}`,
    flag: '--answer wants <question id>=<answer>, e.g. --answer failed-probe=23',
    badChoice: (id: string, count: number) =>
      `"${id}" is answered with the number of a choice (1–${count}; several as 1,3)`,
    how: 'Answer in a terminal with `meshdojo check`, or with `meshdojo check --answer <question id>=<answer>` (a choice by its number). The questions are in README.md.',
    readme:
      'Answer a choice by its number. In a terminal `meshdojo check` asks the questions; `meshdojo check --answer <question id>=<answer>` answers without asking.',
  },
} as const;

/** How to answer, for a report whose current step is a quiz. */
export const howToAnswer = (lang: Lang): string => WORDS[lang].how;

/** Question text for a terminal: `**bold**` loses its stars, `code` keeps its backticks. */
const plain = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1');

/** Parses what the learner typed (choices numbered from 1); undefined when it is not an answer to `question`. */
export function parseAnswer(question: ReviewQuestion, typed: string): ReviewAnswer | undefined {
  const text = typed.trim();
  if (text === '') return undefined;
  if (!isChoiceQuestion(question)) return { text };
  if (!/^\d+(\s*,\s*\d+)*$/.test(text)) return undefined;
  const choices = text.split(',').map((part) => Number(part.trim()) - 1);
  if (choices.some((index) => question.choices[index] === undefined)) return undefined;
  if (!hasSeveralAnswers(question) && choices.length > 1) return undefined;
  return { choices };
}

function questionOf(lab: Lab, id: string): { step: LabStep; index: number } | undefined {
  for (const step of lab.steps) {
    const index = step.questions?.en.findIndex((question) => question.id === id) ?? -1;
    if (index >= 0) return { step, index };
  }
  return undefined;
}

/** The feedback on one answer, as the grader sees it: right or not, and what was given. */
export function feedbackLine(step: LabStep, questionId: string, answer: ReviewAnswer, lang: Lang): string {
  const result = gradeQuestion(step, questionId, answer);
  return `${result.status === 'pass' ? WORDS[lang].right : WORDS[lang].wrong} ${result.seen?.[lang] ?? ''}\n`;
}

/**
 * `--answer <question id>=<answer>` flags over the answers given before; `feedback`: each answer's verdict in
 * `lang`. `problem` says (in `lang`) why a flag is not an answer; then nothing is taken.
 */
export function answersFromFlags(
  lab: Lab,
  answers: QuizAnswers,
  flags: readonly string[],
  lang: Lang,
): { readonly answers: QuizAnswers; readonly feedback: string } | { readonly problem: string } {
  const w = WORDS[lang];
  const next: Record<string, Record<string, ReviewAnswer>> = Object.fromEntries(
    Object.entries(answers).map(([step, given]) => [step, { ...given }]),
  );
  let feedback = '';
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) return { problem: w.flag };
    const id = flag.slice(0, eq).trim();
    const found = questionOf(lab, id);
    if (found === undefined) {
      const ids = lab.steps.flatMap((step) => step.questions?.en.map((question) => question.id) ?? []);
      return { problem: w.noQuestion(id, ids) };
    }
    const question = found.step.questions![lang][found.index]!;
    const answer = parseAnswer(question, flag.slice(eq + 1));
    if (answer === undefined) {
      return { problem: isChoiceQuestion(question) ? w.badChoice(id, question.choices.length) : w.flag };
    }
    (next[found.step.id] ??= {})[id] = answer;
    feedback += `${id}: ${feedbackLine(found.step, id, answer, lang)}`;
  }
  return { answers: next, feedback };
}

function questionText(question: ReviewQuestion, number: number, total: number, lang: Lang): string {
  let out = `\n${WORDS[lang].question(number, total, question.id)}\n${plain(question.prompt)}\n`;
  if (isChoiceQuestion(question))
    out += question.choices.map((choice, i) => `  ${i + 1}. ${plain(choice.text)}\n`).join('');
  return out;
}

function promptFor(question: ReviewQuestion, lang: Lang): string {
  const w = WORDS[lang];
  if (!isChoiceQuestion(question)) return w.answer();
  return hasSeveralAnswers(question) ? w.chooseAll() : w.chooseOne(question.choices.length);
}

/**
 * Asks the questions of a quiz step the learner has not answered right yet, one by one, telling the feedback on
 * each answer; returns the answers with the new ones. `number`: the step's place in the lab, for the heading.
 */
export async function askQuiz(
  lab: Lab,
  step: LabStep,
  answers: QuizAnswers,
  io: { readonly ask: Ask; readonly write: (text: string) => void },
  lang: Lang,
): Promise<QuizAnswers> {
  const questions = step.questions?.[lang] ?? [];
  const given: Record<string, ReviewAnswer> = { ...answers[step.id] };
  io.write(WORDS[lang].intro(lab.steps.indexOf(step) + 1, lab.steps.length, step.title[lang]));
  for (const [i, question] of questions.entries()) {
    const before = given[question.id];
    if (before !== undefined && gradeQuestion(step, question.id, before).status === 'pass') continue;
    io.write(questionText(question, i + 1, questions.length, lang));
    for (;;) {
      const typed = await io.ask(promptFor(question, lang));
      if (typed === undefined) return { ...answers, [step.id]: given };
      if (typed.trim() === '') break;
      const answer = parseAnswer(question, typed);
      if (answer === undefined) {
        io.write(`${isChoiceQuestion(question) ? WORDS[lang].numbers(question.choices.length) : ''}\n`);
        continue;
      }
      given[question.id] = answer;
      io.write(feedbackLine(step, question.id, answer, lang));
      break;
    }
  }
  return { ...answers, [step.id]: given };
}

/** A quiz step's questions for README.md: each with its id and numbered choices, and how to answer. */
export function quizReadme(step: LabStep, lang: Lang): string {
  const questions = (step.questions?.[lang] ?? []).map((question, i) => {
    const choices = isChoiceQuestion(question)
      ? question.choices.map((choice, j) => `   ${j + 1}. ${choice.text}\n`).join('')
      : '';
    return `${i + 1}. \`${question.id}\`: ${question.prompt}\n${choices}`;
  });
  return `${questions.join('')}\n${WORDS[lang].readme}\n`;
}
