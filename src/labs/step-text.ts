/**
 * Reads a lab's step texts: `steps/<nn>-<step id>.<ko|en>.md`, Markdown with YAML frontmatter (title, hints,
 * why, and a quiz step's `review:` questions), numbered in lab.ts's order, each step in both languages.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { LabDefinitionError } from './definition-error';
import { reviewShape } from './review/review-pair';
import { stepTextSchema, type Bilingual, type Lang, type QuizQuestions, type StepText } from './schema';

const FILE_NAME = /^(\d{2})-([a-z][a-z0-9-]*)\.(ko|en)\.md$/;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** What the learner reads of one step, in both languages. */
export interface StepTexts {
  readonly title: Bilingual;
  readonly body: Bilingual;
  readonly hints: readonly Bilingual[];
  readonly why: Bilingual;
  readonly yourRun?: Bilingual;
  /** A quiz step's questions (its texts have `review:`). */
  readonly questions?: QuizQuestions;
}

/** `files`: steps/ by file name. Returns each step's texts, by step id. */
export function readStepTexts(
  folder: string,
  stepIds: readonly string[],
  files: Readonly<Record<string, string>>,
): Map<string, StepTexts> {
  const found = new Map<string, Partial<Record<Lang, StepText & { body: string }>>>();
  for (const [name, text] of Object.entries(files)) {
    const match = FILE_NAME.exec(name);
    if (match === null) {
      throw new LabDefinitionError(folder, `steps/${name}: a step text is named <nn>-<step id>.<ko|en>.md`);
    }
    const [, nn = '', id = '', lang = 'ko'] = match;
    const index = stepIds.indexOf(id);
    if (index < 0) throw new LabDefinitionError(folder, `steps/${name}: lab.ts has no step "${id}"`);
    if (Number(nn) !== index + 1) {
      const want = String(index + 1).padStart(2, '0');
      throw new LabDefinitionError(
        folder,
        `steps/${name}: "${id}" is step ${index + 1} in lab.ts, so its file is numbered ${want}`,
      );
    }
    found.set(id, { ...found.get(id), [lang]: readStepText(folder, name, text) });
  }
  const texts = new Map<string, StepTexts>();
  for (const [index, id] of stepIds.entries()) {
    const { ko, en } = found.get(id) ?? {};
    const nn = String(index + 1).padStart(2, '0');
    if (ko === undefined || en === undefined) {
      throw new LabDefinitionError(folder, `steps/${nn}-${id}.${ko === undefined ? 'ko' : 'en'}.md is missing`);
    }
    if (ko.hints.length !== en.hints.length) {
      throw new LabDefinitionError(
        folder,
        `steps/${nn}-${id}: ${ko.hints.length} hints in Korean, ${en.hints.length} in English`,
      );
    }
    if ((ko.yourRun === undefined) !== (en.yourRun === undefined)) {
      const has = ko.yourRun === undefined ? 'en' : 'ko';
      throw new LabDefinitionError(folder, `steps/${nn}-${id}: yourRun: only in the ${has}.md file`);
    }
    const questions = quizQuestions(folder, `steps/${nn}-${id}`, ko.review, en.review);
    texts.set(id, {
      title: { ko: ko.title, en: en.title },
      body: { ko: ko.body, en: en.body },
      hints: ko.hints.map((hint, i) => ({ ko: hint, en: en.hints[i] ?? '' })),
      why: { ko: ko.why, en: en.why },
      ...(ko.yourRun !== undefined && en.yourRun !== undefined && { yourRun: { ko: ko.yourRun, en: en.yourRun } }),
      ...(questions !== undefined && { questions }),
    });
  }
  return texts;
}

/** A quiz step's questions: in both languages or neither, asking the same ids with the same right answers. */
function quizQuestions(
  folder: string,
  name: string,
  ko: StepText['review'],
  en: StepText['review'],
): QuizQuestions | undefined {
  if (ko === undefined && en === undefined) return undefined;
  if (ko === undefined || en === undefined) {
    const [has, lacks] = ko === undefined ? ['en', 'ko'] : ['ko', 'en'];
    throw new LabDefinitionError(folder, `${name}: review: questions in the ${has}.md file but not in the ${lacks}.md`);
  }
  const [shapeKo, shapeEn] = [reviewShape(ko), reviewShape(en)];
  if (shapeKo.join('; ') !== shapeEn.join('; ')) {
    throw new LabDefinitionError(
      folder,
      `${name}: the review questions differ (question ids and right answers must agree; ` +
        `ko: ${shapeKo.join('; ')}; en: ${shapeEn.join('; ')})`,
    );
  }
  return { ko, en };
}

function readStepText(folder: string, name: string, text: string): StepText & { body: string } {
  const match = FRONTMATTER.exec(text);
  if (match === null) throw new LabDefinitionError(folder, `steps/${name}: no --- frontmatter --- at the top`);
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (error) {
    throw new LabDefinitionError(folder, `steps/${name}: frontmatter: ${(error as Error).message}`);
  }
  const result = stepTextSchema.safeParse(data);
  if (!result.success) {
    throw new LabDefinitionError(folder, `steps/${name}: frontmatter: ${z.prettifyError(result.error)}`);
  }
  const body = text.slice(match[0].length).trim();
  if (body === '') throw new LabDefinitionError(folder, `steps/${name}: the instructions (the body) are empty`);
  return { ...result.data, body };
}
