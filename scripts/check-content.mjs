#!/usr/bin/env node
// Content checks on the lesson sources: ko/en parity (same pages, headings count, components, lab ids),
// Hangul in Korean pages, no empty or placeholder page, every internal link points to a page.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, pageProblems, parityProblems } from './site/content-rules.mjs';
import { frontmatterOf } from './site/sidebar.mjs';

const contentDir = fileURLToPath(new URL('../content/', import.meta.url));

/** Pages of one locale: slug (path under content/<locale>/ without extension) → text. */
function pagesOf(locale) {
  const root = join(contentDir, locale);
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.mdx?$/.test(name) ? [[relative(root, path).replace(/\.mdx?$/, ''), readFileSync(path, 'utf8')]] : [];
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

const problems = [];
let checked = 0;
for (const locale of LOCALES) {
  const other = LOCALES.find((l) => l !== locale);
  for (const [slug, text] of pages[locale]) {
    checked++;
    problems.push(...pageProblems({ locale, slug, text }, slugExists));
    const { lab } = frontmatterOf(text);
    if (lab !== undefined && !labExists(lab))
      problems.push(`${locale}/${slug}: lab "${lab}" has no folder src/labs/${lab}/`);
    if (!pages[other].has(slug)) problems.push(`${locale}/${slug}: no ${other} version (content/${other}/${slug}.mdx)`);
  }
}
for (const [slug, ko] of pages.ko) {
  const en = pages.en.get(slug);
  if (en !== undefined) problems.push(...parityProblems(slug, ko, en));
}

for (const problem of problems) console.error(`✗ ${problem}`);
console.log(`content: ${checked} pages checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
