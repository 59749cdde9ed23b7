/**
 * A step's "your run" text: Markdown whose `{check-id.name}` placeholders stand for what the step's checks measured
 * in the learner's own run (CheckOutcome.facts), so the explanation after a pass quotes the learner's numbers, not
 * the author's. The lab page fills the placeholders in the browser; `meshdojo check` fills them here.
 */
import type { Facts, Lang } from './schema';

/** `{check-id.factName}`: a check id (kebab-case) and a fact name (camelCase). */
const PLACEHOLDER = /\{([a-z][a-z0-9-]*)\.([a-z][a-zA-Z0-9]*)\}/g;

export interface FactRef {
  readonly check: string;
  readonly fact: string;
}

/** Every placeholder of a text, in order (repeats included). */
export function factRefs(text: string): FactRef[] {
  return [...text.matchAll(PLACEHOLDER)].map(([, check, fact]) => ({ check: check!, fact: fact! }));
}

/** A fact as the learner reads it: numbers with the language's grouping and at most two decimals. */
export function formatFact(value: string | number, lang: Lang): string {
  if (typeof value === 'string') return value;
  return new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }).format(value);
}

/**
 * The text with each placeholder replaced by its fact, or undefined when a fact it names was not measured (the
 * check did not pass in this run, or the page holds an older report): half-filled numbers would mislead.
 */
export function fillYourRun(text: string, facts: ReadonlyMap<string, Facts>, lang: Lang): string | undefined {
  let missing = false;
  const filled = text.replace(PLACEHOLDER, (_, check: string, fact: string) => {
    const value = facts.get(check)?.[fact];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return formatFact(value, lang);
  });
  return missing ? undefined : filled;
}
