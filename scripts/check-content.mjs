#!/usr/bin/env node
// Content checks on the lesson sources: ko/en parity (same pages, headings count, components, lab ids),
// Hangul in Korean pages, no empty or placeholder page, every internal link points to a page, a sound
// glossary (content/glossary.yaml) whose terms every page spells its way.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, labIdsOf, pageProblems, parityProblems } from './site/content-rules.mjs';
import { frontmatterOf } from './site/sidebar.mjs';
import { speechLevelProblems } from './site/speech-level.mjs';
import {
  glossaryLinkProblems,
  glossaryProblems,
  glossaryTextProblems,
  parseGlossary,
  spellingProblems,
} from './site/glossary-rules.mjs';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));
const GLOSSARY_FILE = 'content/glossary.yaml';
const glossaryText = readFileSync(join(contentDir, 'glossary.yaml'), 'utf8');
const glossary = parseGlossary(glossaryText);
/** `ko/part-1/why-service-mesh` → the file's path from the repository's root, for messages. */
const files = new Map();

/** Pages of one locale: slug (path under content/<locale>/ without extension) → text. */
function pagesOf(locale) {
  const root = join(contentDir, locale);
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      if (!/\.mdx?$/.test(name)) return [];
      const slug = relative(root, path).replace(/\.mdx?$/, '');
      files.set(`${locale}/${slug}`, relative(join(contentDir, '..'), path));
      return [[slug, readFileSync(path, 'utf8')]];
    });
  return new Map(walk(root));
}

/** `/ko/part-1/` → `part-1/index` or `part-1`; `/ko/` → `index`. */
function sitePathToSlug(path) {
  const match = /^\/(ko|en)\/(.*?)\/?$/.exec(path);
  if (!match) return undefined;
  return { locale: match[1], slug: match[2] === '' ? 'index' : match[2] };
}

const pages = Object.fromEntries(LOCALES.map((locale) => [locale, pagesOf(locale)]));
const labExists = (id) => existsSync(join(contentDir, '../src/labs', id, 'lab.ts'));
const slugExists = (path) => {
  const lab = /^\/(ko|en)\/labs\/([a-z0-9-]+)\/$/.exec(path);
  if (lab) return labExists(lab[2]);
  const target = sitePathToSlug(path);
  if (!target) return false;
  const inLocale = pages[target.locale];
  return inLocale.has(target.slug) || inLocale.has(`${target.slug}/index`);
};

const problems = [...glossaryProblems(glossary)];
let checked = 0;
// The glossary's own definitions and notes keep to its spellings, in both languages.
for (const locale of LOCALES) {
  problems.push(...glossaryTextProblems({ file: GLOSSARY_FILE, locale, text: glossaryText }, glossary));
}
for (const locale of LOCALES) {
  const other = LOCALES.find((l) => l !== locale);
  for (const [slug, text] of pages[locale]) {
    checked++;
    problems.push(...pageProblems({ locale, slug, text }, slugExists));
    const file = files.get(`${locale}/${slug}`);
    problems.push(...spellingProblems({ file, locale, text }, glossary));
    if (locale === 'ko') problems.push(...speechLevelProblems({ file, text }));
    problems.push(...glossaryLinkProblems({ file, text }, glossary));
    for (const lab of labIdsOf(frontmatterOf(text))) {
      if (!labExists(lab)) problems.push(`${locale}/${slug}: lab "${lab}" has no folder src/labs/${lab}/`);
    }
    if (!pages[other].has(slug)) problems.push(`${locale}/${slug}: no ${other} version (content/${other}/${slug}.mdx)`);
  }
}
// Lab steps are course text too (src/labs/<lab>/steps/<nn>-<step>.<locale>.md): the same spellings.
const labsDir = fileURLToPath(new URL('../src/labs/', import.meta.url));
for (const lab of readdirSync(labsDir)) {
  const stepsDir = join(labsDir, lab, 'steps');
  if (!existsSync(stepsDir)) continue;
  for (const name of readdirSync(stepsDir)) {
    const locale = /\.(ko|en)\.md$/.exec(name)?.[1];
    if (locale === undefined) continue;
    checked++;
    const text = readFileSync(join(stepsDir, name), 'utf8');
    problems.push(...spellingProblems({ file: `src/labs/${lab}/steps/${name}`, locale, text }, glossary));
    if (locale === 'ko') problems.push(...speechLevelProblems({ file: `src/labs/${lab}/steps/${name}`, text }));
  }
}
// The Korean a lab's code holds (titles, hints, what a check saw) and the UI's strings: 합니다체 too.
const sourcesWithKorean = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((name) => /\.ts$/.test(name) && !/\.test\.ts$/.test(name))
    .map((name) => join(dir, name));
for (const path of [...sourcesWithKorean(labsDir), fileURLToPath(new URL('../src/i18n/ko.json', import.meta.url))]) {
  checked++;
  const file = relative(join(contentDir, '..'), path);
  problems.push(...speechLevelProblems({ file, text: readFileSync(path, 'utf8') }));
}
// Each lab's lesson (`lessonSlug` in its lab.ts) names it back, so the lesson links to the lab and the sidebar
// lists it under that lesson.
for (const lab of readdirSync(labsDir).filter(labExists)) {
  const slug = /lessonSlug:\s*['"]([^'"]+)['"]/.exec(readFileSync(join(labsDir, lab, 'lab.ts'), 'utf8'))?.[1];
  for (const locale of LOCALES) {
    const page = slug === undefined ? undefined : pages[locale].get(slug);
    if (page === undefined) problems.push(`src/labs/${lab}/lab.ts: lessonSlug "${slug}" is no ${locale} page`);
    else if (!labIdsOf(frontmatterOf(page)).includes(lab))
      problems.push(`${files.get(`${locale}/${slug}`)}: the lesson of lab "${lab}" does not name it in "lab:"`);
  }
}
for (const [slug, ko] of pages.ko) {
  const en = pages.en.get(slug);
  if (en !== undefined) problems.push(...parityProblems(slug, ko, en));
}

for (const problem of problems) console.error(`✗ ${problem}`);
console.log(`content: ${checked} pages and lab steps checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
