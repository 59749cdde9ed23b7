/**
 * A lab's solution as something to replay: the lines a step's solution runs (its apply-list files applied, then
 * its commands), the files a learner has after some steps, the journal of a learner who did those steps as the
 * solutions say, and their right answers to the quiz steps among them. The grader replays earlier steps with
 * these; the proofs and the CLI's tests build learners.
 */
import { parseAllDocuments } from 'yaml';
import type { JournalEntry } from './mesh';
import { rightAnswer } from './review/grade';
import type { Lab, Lang, LabStep, QuizAnswers } from './schema';

/** How long a replayed solution line may run: far more than any of them needs. */
const SOLUTION_LINE_MS = 600_000;

export const applyLine = (file: string): string => `kubectl apply -f ${file}`;

/** A YAML text with at least one document (a file of comments only is "nothing written yet"). */
export function hasDocuments(text: string): boolean {
  try {
    const docs = parseAllDocuments(text);
    if (docs.some((doc) => doc.errors.length > 0)) return true;
    return docs.some((doc) => doc.contents !== null);
  } catch {
    return true; // let kubectl report the syntax error in its own words
  }
}

/** What the step's solution runs in the lab folder once its files are written: applies, then commands. */
export function solutionLines(lab: Lab, step: LabStep): string[] {
  const applied = lab.meta.apply.filter((file) => hasDocuments(step.solution.files[file] ?? ''));
  return [...applied.map(applyLine), ...step.solution.commands];
}

/** The files after the first `count` steps: the starter with their solutions laid over it in order. */
export function solutionFiles(lab: Lab, count: number): Record<string, string> {
  return Object.assign({ ...lab.starter }, ...lab.steps.slice(0, count).map((step) => step.solution.files)) as Record<
    string,
    string
  >;
}

/** The journal of a learner who did the first `count` steps as their solutions say: each one's files, then lines. */
export function solutionJournal(lab: Lab, count: number): JournalEntry[] {
  return lab.steps
    .slice(0, count)
    .flatMap((step): JournalEntry[] => [
      ...(Object.keys(step.solution.files).length > 0 ? [{ at: 0, write: step.solution.files }] : []),
      ...solutionLines(lab, step).map((run) => ({ at: 0, run, ms: SOLUTION_LINE_MS })),
    ]);
}

/** Right answers to the quiz steps among the first `count` steps, as a learner reading `lang` would give them. */
export function solutionAnswers(lab: Lab, count: number, lang: Lang = 'en'): QuizAnswers {
  return Object.fromEntries(
    lab.steps
      .slice(0, count)
      .flatMap((step) =>
        step.questions === undefined
          ? []
          : [
              [
                step.id,
                Object.fromEntries(step.questions[lang].map((question) => [question.id, rightAnswer(question)])),
              ],
            ],
      ),
  );
}
