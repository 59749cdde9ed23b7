import type { Bilingual, Lang } from '../schema';

/** Builds a bilingual text in one expression: `both('열림', 'open')`. */
export function both(ko: string, en: string): Bilingual {
  return { ko, en };
}

/** The same text in both languages (numbers, YAML, code). */
export function same(text: string): Bilingual {
  return { ko: text, en: text };
}

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** The message of anything thrown, without a stack (what a learner can act on). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return String(error);
}
