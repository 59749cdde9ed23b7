// The glossary's rules, as pure functions over text so they are unit-tested and reused by
// scripts/check-content.mjs: the glossary (content/glossary.yaml) is sound, lessons spell its terms its way,
// and a link to a glossary entry names a term that exists.
import { parse } from 'yaml';

/** @typedef {{ ko?: string[], en?: string[] }} Avoid */
/** @typedef {{ id: string, ko: string, en: string, avoid?: Avoid }} Term */

/** The terms of content/glossary.yaml. */
export function parseGlossary(yamlText) {
  const terms = parse(yamlText);
  return Array.isArray(terms) ? terms : [];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Problems with the glossary itself: ids that cannot be anchors or repeat, a term missing a language, and an
 * avoided spelling found inside a term's right spelling, which would make correct text fail the check.
 */
export function glossaryProblems(terms) {
  const problems = [];
  const seen = new Set();
  for (const term of terms) {
    const name = `glossary: ${term?.id ?? '(no id)'}`;
    if (typeof term?.id !== 'string' || !ID.test(term.id)) problems.push(`${name}: the id must be kebab-case`);
    else if (seen.has(term.id)) problems.push(`${name}: the id repeats`);
    seen.add(term?.id);
    for (const locale of ['ko', 'en']) {
      if (typeof term?.[locale] !== 'string' || term[locale] === '') problems.push(`${name}: no ${locale} term`);
    }
  }
  for (const term of terms) {
    for (const locale of ['ko', 'en']) {
      for (const variant of term?.avoid?.[locale] ?? []) {
        const clash = terms.find((other) => matcherFor(variant).test(String(other?.[locale] ?? '')));
        if (clash) problems.push(`glossary: ${term.id}: "${variant}" is part of the term "${clash[locale]}"`);
      }
    }
  }
  return problems;
}

/** Matches `variant` as written: Korean anywhere (particles follow a word), Latin letters as whole words. */
function matcherFor(variant) {
  const escaped = variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = /^[A-Za-z]/.test(variant) ? '\\b' : '';
  const end = /[A-Za-z]$/.test(variant) ? '\\b' : '';
  return new RegExp(`${start}${escaped}${end}`, 'i');
}

/**
 * A line with what is not the course's own prose blanked out: inline code, link targets, and quotations
 * (“…”, ‘…’, "…"), since a quoted source keeps its own spelling (the 2019 series' 매쉬). Blanking keeps
 * the line's length, so columns stay true.
 */
function ownWordsOf(line) {
  const blank = (match) => ' '.repeat(match.length);
  return line
    .replace(/`[^`]*`/g, blank)
    .replace(/\]\([^)]*\)/g, blank)
    .replace(/“[^”]*”|‘[^’]*’|"[^"]*"/g, blank);
}

/**
 * Avoided spellings in one page: `file:line: "variant" → write "term" (glossary: id)`. The whole file is read,
 * frontmatter included (titles, descriptions and review feedback are prose too), except code fences and
 * import lines.
 */
export function spellingProblems({ file, locale, text }, terms) {
  const rules = terms.flatMap((term) =>
    (term?.avoid?.[locale] ?? []).map((variant) => ({ variant, matcher: matcherFor(variant), term })),
  );
  const problems = [];
  for (const { line, index } of proseLines(text)) {
    if (/^import\s/.test(line)) continue;
    const words = ownWordsOf(line);
    for (const { variant, matcher, term } of rules) {
      if (matcher.test(words)) {
        problems.push(`${file}:${index + 1}: "${variant}" → write "${term[locale]}" (glossary: ${term.id})`);
      }
    }
  }
  return problems;
}

/** The lines of a page outside its code fences (``` or ~~~), with their 0-based index: our own words. */
export function proseLines(text) {
  const lines = [];
  let fence;
  text.split(/\r?\n/).forEach((line, index) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined) lines.push({ line, index });
  });
  return lines;
}

/**
 * Avoided spellings in the glossary's own sentences (`means`, `note`) in one language; its `avoid` lists are
 * the only place the avoided spellings belong.
 */
export function glossaryTextProblems({ file, locale, text }, terms) {
  let inAvoid = false;
  const sentences = text.split(/\r?\n/).map((line) => {
    const key = /^(\s*)(?:- )?([a-z]+):/.exec(line);
    if (key !== null && key[1].length <= 2) inAvoid = key[2] === 'avoid';
    return !inAvoid && new RegExp(`^\\s+${locale}: `).test(line) ? line : '';
  });
  return spellingProblems({ file, locale, text: sentences.join('\n') }, terms);
}

/** Links to a glossary entry (`/ko/glossary/#probe`) whose anchor names no term. */
export function glossaryLinkProblems({ file, text }, terms) {
  const ids = new Set(terms.map((term) => term?.id));
  return [...text.matchAll(/\/(?:ko|en)\/glossary\/#([^)\s"'#]+)/g)]
    .filter((match) => !ids.has(match[1]))
    .map((match) => `${file}: link to ${match[0]}: the glossary has no term "${match[1]}"`);
}
